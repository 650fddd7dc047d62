import { Connection } from '../client/connection';
import { ParallelMerge } from '../client/parallel/parallel-merge';
import { MAX_PARALLEL } from '../client/parallel/parallel-scan-options';
import type { ParallelScanner } from '../client/parallel/parallel-scanner';
import type { ProgressMeter } from '../client/progress';
import type { RowData, RowEntry } from '../client/row-data';
import type { ScanOptions } from '../client/scan-request';
import type { Table } from '../client/table';
import { optionalBoolean, optionalInteger } from '../client/validate';
import type { ConnectionSource } from './connection-source';
import { DeferredIterator } from './deferred-iterator';
import { MergedIterator } from './merged-iterator';
import type { RunOrder } from './scan-runs';

/** @internal The options a repository scan (and count) takes to read its range region-parallel. */
export const PARALLEL_OPTIONS = ['parallel', 'ordered'] as const;

/** @internal A repository scan read region-parallel: see `Table.parallelScan`. */
export interface ParallelPlan {
  /** Scanners at once (per run: per bucket of a salted key). */
  parallel: number;
  /** Entities in key order. */
  ordered: boolean;
}

/** @internal The `parallel`/`ordered` options, validated (undefined without `parallel`). */
export function parallelPlan(o: { parallel?: unknown; ordered?: unknown }): ParallelPlan | undefined {
  const parallel = optionalInteger(o.parallel, 'options.parallel', 1, MAX_PARALLEL);
  const ordered = optionalBoolean(o.ordered, 'options.ordered') ?? false;
  return parallel === undefined ? undefined : { parallel, ordered };
}

/**
 * @internal The rows of a repository scan's runs, each run read by `table.parallelScan()` (region
 * parts side by side over the pool's connections and gateways). Ordered: each run in key order,
 * several runs (a salted key's buckets) merged as a plain scan merges them. Unordered: the runs one
 * after the other, each handing its rows out as they come.
 */
export function iterateParallelRuns<T>(
  source: ConnectionSource,
  tableName: string,
  runs: Array<ScanOptions & { includeTimestamp?: false }>,
  order: RunOrder & { parallel: ParallelPlan },
  map: (entry: RowEntry<RowData>) => T,
  progress?: ProgressMeter,
): AsyncIterator<T> {
  const { parallel, ordered } = order.parallel;
  const combine = (table: Table): AsyncIterator<T> => {
    const scanners = runs.map((run) => table.parallelScan({ ...run, parallel, ordered }));
    const iterate = (scanner: ParallelScanner) =>
      scanner.iterate<RowEntry<RowData>>(undefined, progress) as AsyncIterator<RowEntry<RowData>>;
    if (scanners.length > 1 && ordered) {
      const { leadLength, reverse, limit } = order;
      const sign = reverse ? -1 : 1;
      return new MergedIterator<RowEntry<RowData>, T>(
        scanners.map(iterate),
        ([a], [b]) => sign * a.compare(b, leadLength, b.length, leadLength, a.length),
        limit,
        map,
      );
    }
    return new ParallelMerge<RowEntry<RowData>, undefined, T>({
      splits: scanners.length,
      lanes: 1,
      ordered: true,
      buffer: 1,
      limit: order.limit,
      acquire: async () => undefined,
      release: async () => undefined,
      open: (run) => iterate(scanners[run]!),
      map,
    });
  };
  if (source instanceof Connection) return combine(source.table(tableName));
  // The table is taken on one of the pool's connections: the scan leases its own per lane.
  return new DeferredIterator(async () => combine(await source.connection(async (c) => c.table(tableName))));
}
