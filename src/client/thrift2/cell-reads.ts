import { toInt64 } from '../bytes';
import type { CellRead, TimeSpan } from '../gateway/cell-read';
import { toTColumns } from './columns';
import { TGet, TTimeRange } from './generated/hbase_types';

/** @internal A time span as Thrift2's `TTimeRange` (`[minStamp, maxStamp)`, like ours). */
export function toTimeRange(span: TimeSpan | undefined): TTimeRange | undefined {
  return span === undefined
    ? undefined
    : new TTimeRange({ minStamp: toInt64(span.min), maxStamp: toInt64(span.max) });
}

/** @internal One row's get with versions and a time range. */
export function toCellGet(row: Buffer, read: CellRead): TGet {
  return new TGet({
    row,
    columns: toTColumns(read.columns),
    maxVersions: read.maxVersions,
    timeRange: toTimeRange(read.timeRange),
  });
}

/** @internal A get that only asks whether the row exists (the gateway reads no cell for it). */
export function toExistsGet(row: Buffer): TGet {
  return new TGet({ row });
}
