import type { CounterIncrement } from './gateway/gateway';
import type { RowMutations } from './gateway/row-mutations';

/**
 * @internal What one write call carries, counted one way for the `hbase-mapper:call` traces and
 * for `onProgress`, so that the two add up the same: rows, cell mutations, and the payload bytes.
 */
export interface WriteFigures {
  rows: number;
  cells: number;
  /**
   * The bytes of the row keys, columns and values carried (a delete has no value; a counter
   * increment's amount counts as 8). Not the encoded message, whose size depends on the protocol:
   * this needs no encoding work and means the same on every transport.
   */
  bytes: number;
}

/** @internal The figures of rows of cell mutations (one `mutateRows` call). */
export function mutationFigures(rows: readonly RowMutations[]): WriteFigures {
  let cells = 0;
  let bytes = 0;
  for (const { row, mutations } of rows) {
    bytes += row.length;
    cells += mutations.length;
    for (const mutation of mutations) bytes += mutation.column.length + (mutation.value?.length ?? 0);
  }
  return { rows: rows.length, cells, bytes };
}

/** @internal The figures of counter increments (one `incrementRows` call); a row counts once. */
export function incrementFigures(
  increments: ReadonlyArray<Pick<CounterIncrement, 'row' | 'column'>>,
): WriteFigures {
  const rows = new Set<string>();
  let bytes = 0;
  for (const { row, column } of increments) {
    rows.add(row.toString('latin1'));
    bytes += row.length + column.length + 8;
  }
  return { rows: rows.size, cells: increments.length, bytes };
}
