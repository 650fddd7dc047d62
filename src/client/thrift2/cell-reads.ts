import { toInt64 } from '../bytes';
import type { CellRead, TimeSpan } from '../gateway/cell-read';
import type { ReplicaRead } from '../replica-read';
import { toTColumns } from './columns';
import { TConsistency, TGet, TTimeRange } from './generated/hbase_types';

/** @internal A time span as Thrift2's `TTimeRange` (`[minStamp, maxStamp)`, like ours). */
export function toTimeRange(span: TimeSpan | undefined): TTimeRange | undefined {
  return span === undefined
    ? undefined
    : new TTimeRange({ minStamp: toInt64(span.min), maxStamp: toInt64(span.max) });
}

/**
 * @internal Per-family time ranges as `TScan.colFamTimeRangeMap`. The generated encoder writes a
 * `map<binary, …>`'s object keys as latin1: each family's bytes, spelled in latin1.
 */
export function toFamilyTimeRanges(
  ranges: ReadonlyArray<{ family: Buffer; span: TimeSpan }> | undefined,
): Record<string, TTimeRange> | undefined {
  if (ranges === undefined) return undefined;
  const map: Record<string, TTimeRange> = {};
  for (const { family, span } of ranges) map[family.toString('latin1')] = toTimeRange(span)!;
  return map;
}

/** @internal One row's get with versions and a time range. */
export function toCellGet(row: Buffer, read: CellRead): TGet {
  return new TGet({
    row,
    columns: toTColumns(read.columns),
    maxVersions: read.maxVersions,
    timeRange: toTimeRange(read.timeRange),
    ...toReplicaFields(read.replica),
  });
}

/** @internal A replica read as the `consistency` and `targetReplicaId` fields of a `TGet` or `TScan`. */
export function toReplicaFields(replica: ReplicaRead | undefined): {
  consistency?: TConsistency;
  targetReplicaId?: number;
} {
  if (replica === undefined) return {};
  const consistency = replica.consistency === 'timeline' ? TConsistency.TIMELINE : TConsistency.STRONG;
  return replica.replicaId === undefined
    ? { consistency }
    : { consistency, targetReplicaId: replica.replicaId };
}

/** @internal A get that only asks whether the row exists (the gateway reads no cell for it). */
export function toExistsGet(row: Buffer): TGet {
  return new TGet({ row });
}
