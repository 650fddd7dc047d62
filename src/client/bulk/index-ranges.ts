/**
 * A range of mutation indices, `start` included and `end` excluded. Indices number the mutations
 * a bulk writer accepted, from 0, in the order `put()`, `delete()` and `writeAll()` accepted them.
 */
export interface IndexRange {
  /** The first index of the range. */
  readonly start: number;
  /** The index after the last one of the range. */
  readonly end: number;
}

/** @internal Sorted, merged ranges of the given indices (any order, duplicates allowed). */
export function toIndexRanges(indices: readonly number[]): IndexRange[] {
  const sorted = Int32Array.from(indices).sort();
  const ranges: IndexRange[] = [];
  let start = -1;
  let end = -1;
  for (const index of sorted) {
    if (index === end - 1) continue; // a duplicate
    if (index === end) {
      end++;
      continue;
    }
    if (start >= 0) ranges.push(Object.freeze({ start, end }));
    start = index;
    end = index + 1;
  }
  if (start >= 0) ranges.push(Object.freeze({ start, end }));
  return ranges;
}

/** @internal The ranges of `[0, total)` that `ranges` (sorted, merged) leave out. */
export function complementRanges(ranges: readonly IndexRange[], total: number): IndexRange[] {
  const out: IndexRange[] = [];
  let next = 0;
  for (const { start, end } of ranges) {
    if (start > next) out.push(Object.freeze({ start: next, end: start }));
    next = end;
  }
  if (next < total) out.push(Object.freeze({ start: next, end: total }));
  return out;
}

/** @internal How many indices the ranges hold. */
export function rangesSize(ranges: readonly IndexRange[]): number {
  let size = 0;
  for (const { start, end } of ranges) size += end - start;
  return size;
}
