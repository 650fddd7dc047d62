import { InvalidArgumentError } from '../errors';
import type { ScanOptions, ScanVersionsOptions } from '../scan-request';
import { optionalBoolean, requireInteger } from '../validate';

/** How many parts a parallel scan reads at once at most. */
export const MAX_PARALLEL = 256;

/**
 * What a parallel scan adds to the options of `scan()` (see {@link Table.parallelScan}).
 */
export interface ParallelOptions {
  /**
   * How many parts (regions' share of the range) are read at once, each by a scanner of its own
   * on a connection of its own (1 to 256). Memory stays bounded by about
   * `2 × parallel × batchSize` rows (each part: the batch being handed out and one read ahead).
   * More scanners than about two per core of the servers only compete (see the scale-out guide).
   */
  parallel: number;
  /**
   * Hand the rows out in key order (descending with `reverse`). Default `false`: rows come as the
   * scanners read them, which is fastest. Ordered, only the parts within `parallel` of the one
   * being handed out are read ahead, each at most two batches ahead.
   */
  ordered?: boolean;
}

/** Options of `parallelScan()`: those of `scan()` and {@link ParallelOptions}. */
export type ParallelScanOptions = ScanOptions & ParallelOptions;

/** Options of `parallelScan()` reading several versions of each cell (Thrift2 gateway). */
export type ParallelScanVersionsOptions = ScanVersionsOptions & ParallelOptions;

/** @internal Splits the parallel options from the scan's, validated. */
export function splitParallelOptions(options: unknown): {
  parallel: number;
  ordered: boolean;
  scan: Record<string, unknown>;
} {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options', 'an object with at least `parallel`', options);
  }
  const { parallel, ordered, ...scan } = options as Record<string, unknown>;
  return {
    parallel: requireInteger(parallel, 'options.parallel', 1, MAX_PARALLEL),
    ordered: optionalBoolean(ordered, 'options.ordered') ?? false,
    scan,
  };
}
