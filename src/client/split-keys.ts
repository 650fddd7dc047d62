import { type BytesLike, toBytes } from './bytes';
import { InvalidArgumentError } from './errors';
import { requireInteger, requireOptions } from './validate';

/** The key range that {@link evenSplitKeys} divides. */
export interface KeyRange {
  /** Lowest key of the range (default: the empty key, where every table starts). */
  start?: BytesLike;
  /** Key the range stops before (default: the end of the key space). */
  end?: BytesLike;
}

/** More regions than any table should be created with; far more than HBase handles well. */
const MAX_REGIONS = 65_536;
/** Bytes of precision added at most beyond the bounds' length before giving up. */
const EXTRA_BYTES = 8;

/**
 * The split keys that divide `range` into `regions` regions of equal width, the keys read as
 * unsigned big-endian fractions (HBase's `UniformSplit` for the whole key space): for
 * `createTable(..., { splitKeys })` when row keys are spread evenly over bytes (hashes, random
 * ids). The keys are as long as the bounds need, and one byte longer when that is too coarse to
 * tell the regions apart. `regions: 1` gives `[]`.
 *
 * @example
 * ```ts
 * evenSplitKeys(4); // [<40>, <80>, <c0>]
 * evenSplitKeys(2, { start: 'a', end: 'c' }); // ['b']
 * ```
 */
export function evenSplitKeys(regions: number, range?: KeyRange): Buffer[] {
  requireInteger(regions, 'regions', 1, MAX_REGIONS);
  const o = requireOptions(range, 'range', ['start', 'end']);
  const start = o.start === undefined ? Buffer.alloc(0) : toBytes(o.start, 'range.start');
  const end = o.end === undefined ? undefined : toBytes(o.end, 'range.end');
  if (end !== undefined && (end.length === 0 || Buffer.compare(start, end) >= 0)) {
    throw new InvalidArgumentError('range.end', 'a key above range.start', o.end);
  }
  if (regions === 1) return [];
  const shortest = Math.max(start.length, end?.length ?? 0, 1);
  for (let length = shortest; length <= shortest + EXTRA_BYTES; length++) {
    const low = toNumber(start, length);
    const high = end === undefined ? 256n ** BigInt(length) : toNumber(end, length);
    const width = high - low;
    const points: bigint[] = [];
    for (let k = 1; k < regions; k++) points.push(low + (width * BigInt(k)) / BigInt(regions));
    // Too coarse at this length when two regions would share a bound (or start at `start`).
    const distinct = points.every((point, i) => point > (i === 0 ? low : points[i - 1]!));
    if (distinct) return points.map((point) => toKey(point, length));
  }
  throw new InvalidArgumentError(
    'regions',
    `at most as many regions as range has keys of ${shortest + EXTRA_BYTES} bytes`,
    regions,
  );
}

/**
 * The split keys of a table whose row keys are salted (`salted(codec, { buckets })`: one salt byte,
 * `0 … buckets - 1`, first): one region per bucket, so the buckets' writes land on different
 * region servers. Pass the bucket count or the salted codec itself.
 *
 * @example
 * ```ts
 * saltBucketSplitKeys(4); // [<01>, <02>, <03>]
 * ```
 */
export function saltBucketSplitKeys(buckets: number | { readonly buckets: number }): Buffer[] {
  const count =
    typeof buckets === 'object' && buckets !== null
      ? requireInteger(buckets.buckets, 'buckets.buckets', 1, 256)
      : requireInteger(buckets, 'buckets', 1, 256);
  return Array.from({ length: count - 1 }, (_, i) => Buffer.from([i + 1]));
}

/** A key as a number of `length` bytes: its bytes, padded with zeros (or cut) to that length. */
function toNumber(key: Buffer, length: number): bigint {
  let value = 0n;
  for (let i = 0; i < length; i++) value = value * 256n + BigInt(key[i] ?? 0);
  return value;
}

function toKey(value: bigint, length: number): Buffer {
  const key = Buffer.alloc(length);
  for (let i = length - 1; i >= 0; i--) {
    key[i] = Number(value % 256n);
    value /= 256n;
  }
  return key;
}
