import { Connection } from '../client/connection';
import { DeferredIterator } from '../client/deferred-iterator';
import type { ProgressMeter } from '../client/progress';
import type { RowData, RowEntry } from '../client/row-data';
import { pooledConnections } from '../client/scan-connections';
import type { ScanOptions } from '../client/scan-request';
import type { Scanner } from '../client/scanner';
import type { ConnectionSource } from './connection-source';
import { MergedIterator } from './merged-iterator';
import { iterateParallelRuns, type ParallelPlan } from './parallel-runs';

/** @internal How the rows of several runs come out as one sequence. */
export interface RunOrder {
  /** Bytes before the logical part of each row key (the salt): not compared. */
  leadLength: number;
  /** Descending logical key order. */
  reverse: boolean;
  /** Stop after this many rows in all. */
  limit: number;
  /** Read each run region-parallel (see parallel-runs.ts). */
  parallel?: ParallelPlan | undefined;
}

/**
 * @internal Iterates the rows of one or more runs (scans) of a table as one sequence in logical
 * key order, each row mapped by `map` as it is handed out (never to `undefined`, which the scan
 * iterator takes for "no row yet"). One run is iterated as is; several
 * (the buckets of a salted key) are read side by side and merged (see `MergedIterator`).
 *
 * Over a pool, no connection is leased between calls: one is leased for a moment on the first
 * pull to build the scanners, then each call of each run leases one for its duration.
 *
 * `progress`: a meter every run counts its batches into (the caller makes the final report).
 */
export function iterateRuns<T>(
  source: ConnectionSource,
  tableName: string,
  runs: Array<ScanOptions & { includeTimestamp?: false }>,
  order: RunOrder,
  map: (entry: RowEntry<RowData>) => T,
  progress?: ProgressMeter,
): AsyncIterator<T> {
  const { parallel } = order;
  if (parallel) return iterateParallelRuns(source, tableName, runs, { ...order, parallel }, map, progress);
  const combine = (scanners: Scanner[], through: Parameters<Scanner['iterate']>[1]) => {
    if (scanners.length === 1)
      return scanners[0]!.iterate({ map: map as (entry: RowEntry<unknown>) => T }, through, progress, true);
    const { leadLength, reverse, limit } = order;
    const sign = reverse ? -1 : 1;
    return new MergedIterator<RowEntry<RowData>, T>(
      scanners.map((scanner) => scanner.iterate(undefined, through, progress)),
      ([a], [b]) => sign * a.compare(b, leadLength, b.length, leadLength, a.length),
      limit,
      map,
    );
  };
  if (source instanceof Connection) {
    const table = source.table(tableName);
    return combine(
      runs.map((run) => table.scan(run)),
      undefined,
    );
  }
  const connections = pooledConnections(source);
  return new DeferredIterator(async () => {
    const scanners = await connections.use(async (connection) => {
      const table = connection.table(tableName);
      return runs.map((run) => table.scan(run));
    });
    return combine(scanners, connections);
  });
}
