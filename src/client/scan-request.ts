import { type BytesLike, prefixUpperBound, toBytes } from './bytes';
import { toColumnList } from './columns';
import { type Compat, compatAtLeast } from './connection-options';
import { InvalidArgumentError, NotSupportedError } from './errors';
import type { Filter } from './filter';
import { filtersWholeRows, toFilterBytes } from './filter/to-filter-bytes';
import { andFilters, quoteFilterArgument } from './filter-string';
import type { ScanSpec } from './gateway/scan-spec';
import { type ProgressOptions, type ProgressSettings, progressSettings } from './progress';
import { type Consistency, optionalReplicaRead } from './replica-read';
import { type CellShape, shapeOption, type TimestampType } from './row-data';
import { optionalFamilyTimeRanges, optionalTimeRange, type TimeRange } from './time-range';
import { optionalBoolean, optionalInteger, optionalTimestamp, requireOptions } from './validate';

/**
 * Options of `scan()`. With `onProgress`, the scan reports the rows and bytes it has read after
 * each scanner batch (at most every `progressInterval` ms) and once at its end: see
 * {@link Progress}.
 */
export interface ScanOptions extends ProgressOptions {
  /** First row key (inclusive). Excludes `rowPrefix`. */
  rowStart?: BytesLike;
  /** Row key to stop before (exclusive). Excludes `rowPrefix`. */
  rowStop?: BytesLike;
  /** Scan only the rows whose key starts with this prefix. */
  rowPrefix?: BytesLike;
  /** Columns to return: families and/or cells. Default: all. */
  columns?: BytesLike[];
  /**
   * A {@link Filter}, or a string in HBase's filter language, e.g. `KeyOnlyFilter()`. Not with
   * compat 0.90. A string is filter code: quote user input in it with `Filter.quote` (or build the
   * filter with the `Filter` factories), or the input can rewrite the filter and widen the scan.
   */
  filter?: Filter | BytesLike;
  /** Only cells strictly older than this timestamp (ms). */
  timestamp?: number | bigint;
  /** Yield `{ value, timestamp }` cells instead of bare values. */
  includeTimestamp?: boolean;
  /** With `includeTimestamp`, timestamps as `'number'` (default) or exact `'bigint'` (see {@link TimestampType}). */
  timestampType?: TimestampType;
  /** Rows fetched per round trip (the scanner's caching; default 1000). */
  batchSize?: number;
  /** Maximum cells per returned row part: wide rows may then come back in several parts. */
  scanBatching?: number;
  /**
   * Stop after this many rows. A Thrift2 gateway is told too (`TScan.limit`), so that the region
   * servers stop there; on Thrift1 the scan stops pulling rows.
   */
  limit?: number;
  /** Return each row's columns sorted by name (HBase >= 0.96). */
  sortedColumns?: boolean;
  /** Scan in descending key order (HBase >= 0.98); `rowStart` is then the upper end. */
  reverse?: boolean;
  /** Let the region servers cache the blocks this scan reads (default true). */
  cacheBlocks?: boolean;
  /**
   * Milliseconds without a pull after which the scan closes its server-side scanner (default
   * 30 000). Pulled again, it resumes on a new scanner just after the last row it returned; with
   * `scanBatching` (rows may come in parts) it cannot, and the next pull is a `ScanExpiredError`.
   * This is what reclaims the scanner of an iterator dropped unfinished.
   */
  idleTimeout?: number;
  /**
   * Only the cell versions in this range of timestamps (Thrift2 gateway; on Thrift1
   * `NotSupportedError` when the scan starts). Not with `timestamp`.
   */
  timeRange?: TimeRange;
  /**
   * A time range per family, e.g. `{ events: { from: since } }`: the families named read only
   * their versions in range, the others follow `timeRange` (or `timestamp`). Thrift2 gateway only.
   */
  familyTimeRanges?: Record<string, TimeRange>;
  /**
   * `'timeline'` lets secondary region replicas answer (see {@link Consistency}; `isStale(data)`
   * tells for each row). Thrift2 gateway only: on Thrift1 `NotSupportedError` when the scan starts.
   */
  consistency?: Consistency;
  /** With `consistency: 'timeline'`, the replica to read (0 is the primary). Thrift2 gateway only. */
  replicaId?: number;
}

/**
 * Options of `scan()` reading several versions of each cell (Thrift2 gateway; on Thrift1
 * `NotSupportedError` when the scan starts): each column then maps to a list of versions, newest
 * first.
 */
export interface ScanVersionsOptions extends ScanOptions {
  /** Versions of each cell to read at most (>= 1; the family's `maxVersions` caps what exists). */
  versions: number;
}

/** @internal The default `idleTimeout` of scans. */
export const DEFAULT_SCAN_IDLE_TIMEOUT = 30_000;

const SCAN_OPTIONS = [
  'rowStart',
  'rowStop',
  'rowPrefix',
  'columns',
  'filter',
  'timestamp',
  'includeTimestamp',
  'timestampType',
  'batchSize',
  'scanBatching',
  'limit',
  'sortedColumns',
  'reverse',
  'cacheBlocks',
  'idleTimeout',
  'versions',
  'timeRange',
  'consistency',
  'replicaId',
  'familyTimeRanges',
  'onProgress',
  'progressInterval',
] as const;

/** @internal A validated scan: what to send to open the scanner, and how to page through it. */
export interface ScanRequest {
  scan: ScanSpec;
  batchSize: number;
  limit: number | undefined;
  /** How cells come back: bare, or with number or bigint timestamps. */
  includeTimestamp: CellShape;
  idleTimeout: number;
  /** Whether rows come as each column's versions (the `versions` option). */
  versions: boolean;
  /** With `onProgress`: each iteration reports its progress. */
  progress: ProgressSettings | undefined;
  /**
   * The lowest key a reversed `rowPrefix` scan can return (the prefix): its stop row is open, a
   * PrefixFilter ends it, and a region-parallel scan drops the regions below.
   */
  floor?: Buffer | undefined;
}

/** @internal Validates scan options (before anything is sent) and builds the scan to send. */
export function buildScanRequest(compat: Compat, options: unknown, maxRowKey: number): ScanRequest {
  const o = requireOptions(options, 'options', SCAN_OPTIONS);
  const batchSize = optionalInteger(o.batchSize, 'options.batchSize', 1, 2 ** 31 - 1) ?? 1000;
  const limit = optionalInteger(o.limit, 'options.limit', 1);
  const scanBatching = optionalInteger(o.scanBatching, 'options.scanBatching', 1, 2 ** 31 - 1);
  const sortedColumns = optionalBoolean(o.sortedColumns, 'options.sortedColumns') ?? false;
  const reverse = optionalBoolean(o.reverse, 'options.reverse') ?? false;
  const includeTimestamp = shapeOption(o);
  const cacheBlocks = optionalBoolean(o.cacheBlocks, 'options.cacheBlocks');
  const idleTimeout =
    optionalInteger(o.idleTimeout, 'options.idleTimeout', 1, 2 ** 31 - 1) ?? DEFAULT_SCAN_IDLE_TIMEOUT;
  const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
  const versions = optionalInteger(o.versions, 'options.versions', 1, 2 ** 31 - 1);
  const timeRange = optionalTimeRange(o.timeRange, 'options.timeRange', timestamp);
  const columns = toColumnList(o.columns, 'options.columns');
  const progress = progressSettings(o);
  const filter = o.filter === undefined ? undefined : toFilterBytes(o.filter, 'options.filter');
  if (scanBatching !== undefined && filtersWholeRows(o.filter)) {
    // HBase refuses this combination only after ~48 s of internal retries, with an opaque IOError.
    throw new InvalidArgumentError(
      'options.scanBatching',
      'no scanBatching with a filter that decides on whole rows (singleColumnValue(Exclude), dependentColumn, page, skip, while)',
      scanBatching,
    );
  }
  if (filter !== undefined && !compatAtLeast(compat, '0.92')) {
    throw new NotSupportedError('options.filter', '0.92', compat);
  }
  if (sortedColumns && !compatAtLeast(compat, '0.96')) {
    throw new NotSupportedError('options.sortedColumns', '0.96', compat);
  }
  if (reverse && !compatAtLeast(compat, '0.98'))
    throw new NotSupportedError('options.reverse', '0.98', compat);

  // A start or stop row is never stored, and the smallest key above a key of the greatest length
  // is that key followed by a zero byte (`exists()`, page cursors, a resumed scan): one byte more.
  const bound = (value: unknown, argument: string) =>
    toScanBound(value, argument, maxRowKey + 1, "the table's row key limit plus one");
  let start = o.rowStart === undefined ? undefined : bound(o.rowStart, 'options.rowStart');
  let stop = o.rowStop === undefined ? undefined : bound(o.rowStop, 'options.rowStop');
  let filterString = filter;
  let floor: Buffer | undefined;
  if (o.rowPrefix !== undefined) {
    if (start !== undefined || stop !== undefined) {
      throw new InvalidArgumentError('options.rowPrefix', 'no rowStart or rowStop alongside it', o.rowPrefix);
    }
    const prefix = toScanBound(o.rowPrefix, 'options.rowPrefix', maxRowKey, "the table's row key limit");
    if (!reverse) {
      start = prefix;
      stop = prefixUpperBound(prefix);
    } else if (prefix.length > 0) {
      // A reversed scan starts at its (inclusive) start row and runs down. No Thrift1 bound can
      // say "the greatest key with this prefix", so start just above the prefix range and let a
      // PrefixFilter drop the row at that bound and end the scan once it leaves the range.
      start = prefixUpperBound(prefix);
      floor = prefix;
      filterString = andFilters(
        filter,
        Buffer.concat([Buffer.from('PrefixFilter('), quoteFilterArgument(prefix), Buffer.from(')')]),
      );
    }
  }
  const scan: ScanSpec = {
    startRow: start,
    stopRow: stop,
    timestamp: timestamp === undefined ? undefined : BigInt(timestamp),
    columns,
    caching: batchSize,
    filterString,
    batchSize: scanBatching,
    sortColumns: sortedColumns,
    reversed: reverse,
    cacheBlocks,
    maxVersions: versions,
    timeRange,
    limit,
  };
  const replica = optionalReplicaRead(o.consistency, o.replicaId);
  if (replica !== undefined) scan.replica = replica;
  const familyTimeRanges = optionalFamilyTimeRanges(o.familyTimeRanges, 'options.familyTimeRanges');
  if (familyTimeRanges !== undefined) scan.familyTimeRanges = familyTimeRanges;
  return {
    scan,
    batchSize,
    limit,
    includeTimestamp,
    idleTimeout,
    versions: versions !== undefined,
    progress,
    ...(floor === undefined ? {} : { floor }),
  };
}

/**
 * A start or stop row, or a prefix, of at most `longest` bytes: about the table's row keys (see
 * `maxRowKeyOf`); longer, it only hides a mistake.
 */
function toScanBound(value: unknown, argument: string, longest: number, why: string): Buffer {
  const bytes = toBytes(value, argument);
  if (bytes.length > longest) {
    throw new InvalidArgumentError(argument, `at most ${longest} bytes (${why})`, value);
  }
  return bytes;
}
