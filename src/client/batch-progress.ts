import type { RowMutations } from './gateway/row-mutations';
import type { ProgressMeter } from './progress';
import { incrementSize } from './thrift1/mutation-size';

/** @internal A batch's meter, if any: it counts cells as well as rows. */
export function batchMeter(meter: ProgressMeter | undefined): ProgressMeter | undefined {
  if (meter) meter.cells ??= 0;
  return meter;
}

/** @internal A send of a batch starts: it takes `parts` calls. */
export function startSend(meter: ProgressMeter, parts: number): void {
  meter.partsSent = 0;
  meter.partsTotal = parts;
}

/**
 * @internal A mutation call of a send was answered: its rows, cells and encoded size are counted,
 * then the meter may report — except after the last part of a final send, which `finish()`
 * reports right after (one report, not the same counts twice).
 */
export function sentMutations(
  meter: ProgressMeter,
  rows: readonly RowMutations[],
  sizeOf: (row: RowMutations) => number,
  final: boolean,
): void {
  let cells = 0;
  let bytes = 0;
  for (const row of rows) {
    cells += row.mutations.length;
    bytes += sizeOf(row);
  }
  sent(meter, rows.length, cells, bytes, final);
}

/** @internal An `incrementRows` call of a send was answered (see {@link sentMutations}). */
export function sentIncrements(
  meter: ProgressMeter,
  increments: ReadonlyArray<{ row: Buffer; column: Buffer }>,
  table: Buffer,
  final: boolean,
): void {
  const rows = new Set<string>();
  let bytes = 0;
  for (const increment of increments) {
    rows.add(increment.row.toString('latin1'));
    bytes += incrementSize(increment, table);
  }
  sent(meter, rows.size, increments.length, bytes, final);
}

function sent(meter: ProgressMeter, rows: number, cells: number, bytes: number, final: boolean): void {
  meter.calls++;
  meter.rows += rows;
  meter.cells = (meter.cells ?? 0) + cells;
  meter.bytes += bytes;
  meter.partsSent = (meter.partsSent ?? 0) + 1;
  if (!final || meter.partsSent !== meter.partsTotal) meter.tick();
}
