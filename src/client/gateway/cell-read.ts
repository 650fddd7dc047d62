/** @internal A time range: timestamps from `min` (inclusive) to `max` (exclusive), in ms. */
export interface TimeSpan {
  min: bigint;
  max: bigint;
}

/**
 * @internal A read of rows beyond Thrift1's gets: several versions of each cell and/or a time
 * range (a Thrift2 `TGet` with `maxVersions` and `timeRange`).
 */
export interface CellRead {
  /** Families (`cf`) and cells (`cf:qualifier`); none: every column. */
  columns: readonly Buffer[];
  /** Versions of each cell at most, newest first. */
  maxVersions: number;
  /** Only the versions in this range. */
  timeRange?: TimeSpan;
}
