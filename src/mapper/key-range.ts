import { prefixUpperBound } from '../client/bytes';

/**
 * @internal The keys a repository scan covers, in logical key bytes (see `KeySpace`), with the
 * repository's meaning of the bounds: `start` is where the scan begins (inclusive) and `stop`
 * where it ends (exclusive), in the scan's direction — so reversed, `start` is the upper end.
 * A prefix excludes `start` and `stop`.
 */
export interface KeyRange {
  start?: Buffer;
  stop?: Buffer;
  prefix?: Buffer;
  reverse: boolean;
}

/** @internal The client's scan bounds that read one run of rows (one lead) of a key range. */
export interface RowBounds {
  rowStart?: Buffer;
  rowStop?: Buffer;
  /**
   * What every row must start with, to be enforced by a `PrefixFilter`. Reversed scans need it
   * to end where the run (or the prefix) ends: no inclusive Thrift1 bound can name "the greatest
   * key with this prefix".
   */
  mustStartWith?: Buffer;
}

/**
 * @internal The bounds that read the rows of `range` starting with `lead` (a salt byte, or
 * nothing), strictly after the logical key `after` in scan order when given. Reversed, a scan
 * can only start *at* a key, so it starts at `after` and the caller drops that row.
 */
export function rowBoundsOf(lead: Buffer, range: KeyRange, after: Buffer | undefined): RowBounds {
  const withLead = (logical: Buffer | undefined) =>
    logical === undefined ? undefined : lead.length === 0 ? logical : Buffer.concat([lead, logical]);
  // Every row of the run starts with this (empty for plain keys without a prefix).
  const common = withLead(range.prefix ?? Buffer.alloc(0))!;
  const commonEnd = common.length > 0 ? prefixUpperBound(common) : undefined;
  if (!range.reverse) {
    return {
      // The smallest key above `after` is `after` followed by a zero byte.
      rowStart:
        after !== undefined
          ? withLead(Buffer.concat([after, ZERO]))
          : (withLead(range.start) ?? (common.length > 0 ? common : undefined)),
      rowStop: withLead(range.stop) ?? commonEnd,
    };
  }
  return {
    rowStart: withLead(after) ?? withLead(range.start) ?? commonEnd,
    rowStop: withLead(range.stop),
    mustStartWith: common.length > 0 ? common : undefined,
  };
}

/** @internal Whether the logical key `key` lies inside `range`. */
export function rangeContains(range: KeyRange, key: Buffer): boolean {
  if (range.prefix !== undefined && !startsWith(key, range.prefix)) return false;
  const { start, stop } = range;
  if (!range.reverse) {
    return (start === undefined || key.compare(start) >= 0) && (stop === undefined || key.compare(stop) < 0);
  }
  return (start === undefined || key.compare(start) <= 0) && (stop === undefined || key.compare(stop) > 0);
}

function startsWith(key: Buffer, prefix: Buffer): boolean {
  return key.length >= prefix.length && key.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

const ZERO = Buffer.from([0]);
