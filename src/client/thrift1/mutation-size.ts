import { FrameTooLargeError } from '../errors';
import type { RowMutations } from '../gateway/row-mutations';

/**
 * Bytes of a `mutateRow(s)(Ts)` call besides its rows and table name, in the binary protocol: the
 * message header (a name of at most 12 bytes), the table and list field headers, the timestamp,
 * the empty attributes map and the stops, rounded up.
 */
const CALL_OVERHEAD = 64;
/** A `BatchMutation` besides its key and mutations: field headers, lengths, list header, stop. */
const ROW_OVERHEAD = 16;
/** A `Mutation` besides its column and value: four field headers, two lengths, two bools, stop. */
const MUTATION_OVERHEAD = 23;

/**
 * @internal An upper bound of a row's share of an encoded mutation call: exact in the binary
 * protocol, and the compact protocol's encoding is never larger (for values below 256 MiB).
 */
export function rowMutationsSize(row: RowMutations): number {
  const mutations = row.mutations;
  let size = ROW_OVERHEAD + row.row.length;
  // Indexed loops: this runs once per row of every batch send, mostly before V8 optimizes it.
  for (let i = 0; i < mutations.length; i++) {
    const mutation = mutations[i]!;
    size += MUTATION_OVERHEAD + mutation.column.length;
    if (mutation.value !== undefined) size += mutation.value.length;
  }
  return size;
}

/**
 * @internal Splits rows into groups that each fit one frame of `maxFrameSize` bytes, in order; one
 * group when there is no limit. Throws {@link FrameTooLargeError} before anything is sent when a
 * row alone cannot fit. Rows are never split: each row's mutations stay in one call (HBase
 * applies a row's mutations atomically).

 */
export function splitByFrameSize(
  rows: RowMutations[],
  table: Buffer,
  maxFrameSize: number | undefined,
  sizeOf: (row: RowMutations) => number = rowMutationsSize,
): RowMutations[][] {
  if (rows.length === 0) return [];
  if (maxFrameSize === undefined) return [rows];
  const overhead = CALL_OVERHEAD + table.length;
  const groups: RowMutations[][] = [];
  let group: RowMutations[] = [];
  let size = overhead;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const rowSize = sizeOf(row);
    if (overhead + rowSize > maxFrameSize) throw new FrameTooLargeError(overhead + rowSize, maxFrameSize);
    if (size + rowSize > maxFrameSize) {
      groups.push(group);
      group = [];
      size = overhead;
    }
    group.push(row);
    size += rowSize;
  }
  groups.push(group);
  return groups;
}

/**
 * A `TIncrement` besides its table, row and column: four field headers, three lengths, the 8-byte
 * amount and the stop (binary protocol; compact is never larger).
 */
const INCREMENT_OVERHEAD = 36;

/** @internal An upper bound of one counter increment's share of an `incrementRows` call. */
export function incrementSize(increment: { row: Buffer; column: Buffer }, table: Buffer): number {
  return INCREMENT_OVERHEAD + table.length + increment.row.length + increment.column.length;
}

/**
 * @internal Splits a batch's counter increments into groups that each fit one `incrementRows`
 * call of `maxFrameSize` bytes, in order; one group when there is no limit. Every increment repeats
 * the table name. An increment always fits (its row key and column are bounded far below any
 * frame), so this never refuses: a batch's counters are sent after its puts, and a refusal then
 * would come after the puts were applied.
 */
export function splitIncrementsByFrameSize<T extends { row: Buffer; column: Buffer }>(
  increments: T[],
  table: Buffer,
  maxFrameSize: number | undefined,
): T[][] {
  if (increments.length === 0) return [];
  if (maxFrameSize === undefined) return [increments];
  const groups: T[][] = [];
  let group: T[] = [];
  let size = CALL_OVERHEAD;
  for (const increment of increments) {
    const bytes = incrementSize(increment, table);
    if (group.length > 0 && size + bytes > maxFrameSize) {
      groups.push(group);
      group = [];
      size = CALL_OVERHEAD;
    }
    group.push(increment);
    size += bytes;
  }
  groups.push(group);
  return groups;
}
