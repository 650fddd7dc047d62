import type { CounterIncrement } from './gateway/gateway';
import type { RowMutations } from './gateway/row-mutations';
import type { ProgressMeter } from './progress';
import { incrementFigures, mutationFigures, type WriteFigures } from './write-figures';

/** @internal A batch's meter, if any: it counts cells as well as rows. */
export function batchMeter(meter: ProgressMeter | undefined): ProgressMeter | undefined {
  if (meter) meter.cells ??= 0;
  return meter;
}

/**
 * @internal A send of a batch with a meter of its own starts: it takes `parts` calls. (A batch
 * counting into a save's meter leaves the parts out: the save's calls are not known up front.)
 */
export function startSend(meter: ProgressMeter, parts: number): void {
  meter.partsSent = 0;
  meter.partsTotal = parts;
}

/**
 * @internal A mutation call of a send was answered: its rows, cells and payload bytes are counted
 * (as the call's trace counts them), then the meter may report — except after the operation's
 * last call (`last`), whose counts the final report, made right after, carries: one report, not
 * the same counts twice.
 */
export function sentMutations(meter: ProgressMeter, rows: readonly RowMutations[], last: boolean): void {
  sent(meter, mutationFigures(rows), last);
}

/** @internal An `incrementRows` call of a send was answered (see {@link sentMutations}). */
export function sentIncrements(
  meter: ProgressMeter,
  increments: ReadonlyArray<Pick<CounterIncrement, 'row' | 'column'>>,
  last: boolean,
): void {
  sent(meter, incrementFigures(increments), last);
}

function sent(meter: ProgressMeter, figures: WriteFigures, last: boolean): void {
  meter.calls++;
  meter.rows += figures.rows;
  meter.cells = (meter.cells ?? 0) + figures.cells;
  meter.bytes += figures.bytes;
  if (meter.partsTotal !== undefined) meter.partsSent = (meter.partsSent ?? 0) + 1;
  if (!last) meter.tick();
}
