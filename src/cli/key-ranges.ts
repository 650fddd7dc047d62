import type { RegionInfo } from '../client/region-info';

/** @internal A range of row keys: `start` inclusive, `stop` exclusive; empty means unbounded. */
export interface KeyRange {
  start: Buffer;
  stop: Buffer;
}

/** @internal The smallest key greater than every key starting with `prefix` (empty: none). */
export function prefixEnd(prefix: Buffer): Buffer {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return Buffer.alloc(0);
  const stop = Buffer.from(prefix.subarray(0, end));
  stop[end - 1]! += 1;
  return stop;
}

/**
 * @internal The parts of `range` that fall in each region, in key order (regions that miss it
 * left out): one scan each, so that `export --concurrency` reads several regions at once.
 */
export function splitByRegions(range: KeyRange, regions: readonly RegionInfo[]): KeyRange[] {
  const sorted = [...regions].sort((a, b) => Buffer.compare(a.startKey, b.startKey));
  const parts: KeyRange[] = [];
  for (const region of sorted) {
    const start = maxStart(range.start, region.startKey);
    const stop = minStop(range.stop, region.endKey);
    if (stop.length === 0 || Buffer.compare(start, stop) < 0) parts.push({ start, stop });
  }
  return parts;
}

const maxStart = (a: Buffer, b: Buffer) => (Buffer.compare(a, b) >= 0 ? a : b);
/** Of two exclusive ends, the lower; empty is the highest (no end). */
const minStop = (a: Buffer, b: Buffer) => {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return Buffer.compare(a, b) <= 0 ? a : b;
};
