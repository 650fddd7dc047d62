import type { TimeSpan } from './cell-read';

/**
 * @internal A validated scan, in terms of neither Thrift API (each gateway encodes it as its own
 * `TScan`): the rows, columns and cells to read, and how the server pages them.
 */
export interface ScanSpec {
  /** First row (inclusive; with `reversed`, the highest row). */
  startRow?: Buffer;
  /** Row to stop before (exclusive). */
  stopRow?: Buffer;
  /** Families (`cf`) and cells (`cf:qualifier`); none: every column. */
  columns?: readonly Buffer[];
  /** Only cells strictly older than this timestamp (ms). */
  timestamp?: bigint;
  /** Rows the server returns per round trip (the scanner's caching). */
  caching: number;
  /** Most cells per returned row part (a wide row then comes in parts). */
  batchSize?: number;
  /** A filter in HBase's filter language. */
  filterString?: Buffer;
  /** Each row's columns sorted by name. */
  sortColumns: boolean;
  /** Descending key order. */
  reversed: boolean;
  /** Whether region servers cache the blocks the scan reads (server default when absent). */
  cacheBlocks?: boolean;
  /** Thrift2 only: versions of each cell at most (1 when absent). */
  maxVersions?: number;
  /** Thrift2 only: only the versions in this range (then `timestamp` is absent). */
  timeRange?: TimeSpan;
  /** Rows the server returns at most (Thrift2's `TScan.limit`; Thrift1 has none: the client stops). */
  limit?: number;
}
