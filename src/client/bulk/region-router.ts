import type { RegionInfo } from '../region-info';

/**
 * @internal Which region a row key falls in, by binary search over the regions' start keys.
 * Grouping is an optimisation only (the gateway's own HBase client finds the region of every
 * mutation): a stale map costs batches that span two regions, never a lost write.
 */
export class RegionRouter {
  /** Start keys of the regions, sorted; the first is empty. */
  readonly #starts: Buffer[];

  constructor(regions: readonly RegionInfo[]) {
    const starts = regions.map((r) => r.startKey).sort(Buffer.compare);
    if (starts.length === 0 || starts[0]!.length !== 0) starts.unshift(Buffer.alloc(0));
    this.#starts = starts;
  }

  /** How many regions. */
  get size(): number {
    return this.#starts.length;
  }

  /** The index of the region holding `row`: the last start key <= row. */
  regionOf(row: Buffer): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (Buffer.compare(starts[mid]!, row) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * @internal A cheap 32-bit hash of a whole row key (FNV-1a), with no allocation: the writer marks
 * the rows in flight by it. Two rows with one hash only make a batch stop early, never reorder.
 */
export function rowHash(row: Buffer): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < row.length; i++) {
    h ^= row[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
