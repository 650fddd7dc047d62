import { InvalidArgumentError } from './errors';
import type { TimeSpan } from './gateway/cell-read';
import { optionalTimestamp, requireOptions } from './validate';

/**
 * A range of cell timestamps (ms), as HBase's `TimeRange`: from `from` (inclusive, default 0) to
 * `to` (exclusive, default: no end). Thrift2 gateway only.
 */
export interface TimeRange {
  /** Lowest timestamp read (inclusive). Default 0. */
  from?: number | bigint;
  /** Timestamp the range stops before (exclusive). Default: no end (2^63 - 1). */
  to?: number | bigint;
}

/** HBase's `Long.MAX_VALUE`: a time range's open end. */
const NO_END = 2n ** 63n - 1n;

/**
 * @internal Validates a `timeRange` option; `timestamp` (the same reads' "older than" bound) may
 * not come with it, since the two would say different things about the same bound.
 */
export function optionalTimeRange(
  value: unknown,
  argument: string,
  timestamp: bigint | undefined,
): TimeSpan | undefined {
  if (value === undefined) return undefined;
  const o = requireOptions(value, argument, ['from', 'to']);
  const min = optionalTimestamp(o.from, `${argument}.from`) ?? 0n;
  const max = optionalTimestamp(o.to, `${argument}.to`) ?? NO_END;
  if (min >= max) {
    throw new InvalidArgumentError(`${argument}.to`, `a timestamp above ${argument}.from (${min})`, o.to);
  }
  if (timestamp !== undefined) {
    throw new InvalidArgumentError(argument, 'not together with options.timestamp (use timeRange.to)', value);
  }
  return { min, max };
}
