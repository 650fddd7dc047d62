import { Connection } from '../client/connection';
import { type ConnectionLease, connectionInScope } from '../client/connection-pool';
import { DeferredIterator } from '../client/deferred-iterator';
import { DONE } from '../client/iterator-done';
import { ParallelMerge } from '../client/parallel/parallel-merge';
import { MAX_PARALLEL } from '../client/parallel/parallel-scan-options';
import type { LaneBudget, ParallelScanner } from '../client/parallel/parallel-scanner';
import type { ProgressMeter } from '../client/progress';
import type { RowData, RowEntry } from '../client/row-data';
import type { ScanOptions } from '../client/scan-request';
import type { Table } from '../client/table';
import { optionalBoolean, optionalInteger } from '../client/validate';
import type { ConnectionSource } from './connection-source';
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
  const combine = async (table: Table): Promise<AsyncIterator<T>> => {
    const scanners = runs.map((run) => table.parallelScan({ ...run, parallel, ordered }));
    if (scanners.length > 1 && ordered) {
      // Every run must progress for any row to be handed out, and a lane parked with rows waiting
      // keeps its lease: lanes that could not all hold a lease at once would deadlock.
      const { budget, lease } = await sharedBudget(table.connection, scanners.length);
      const { leadLength, reverse, limit } = order;
      const sign = reverse ? -1 : 1;
      const merged = new MergedIterator<RowEntry<RowData>, T>(
        scanners.map(
          (scanner) => scanner.iterate(undefined, progress, budget) as AsyncIterator<RowEntry<RowData>>,
        ),
        ([a], [b]) => sign * a.compare(b, leadLength, b.length, leadLength, a.length),
        limit,
        map,
      );
      return lease === undefined ? merged : new ReleasingIterator(merged, lease);
    }
    const iterate = (scanner: ParallelScanner) =>
      scanner.iterate<RowEntry<RowData>>(undefined, progress) as AsyncIterator<RowEntry<RowData>>;
    return new ParallelMerge<RowEntry<RowData>, undefined, T>({
      splits: scanners.length,
      lanes: 1,
      ordered: true,
      limit: order.limit,
      acquire: async () => undefined,
      release: async () => undefined,
      open: (run) => iterate(scanners[run]!),
      map,
    });
  };
  if (source instanceof Connection) {
    const table = source.table(tableName);
    return new DeferredIterator(() => combine(table));
  }
  // Over a pool, the table is taken on one of its connections: the scan leases its own per lane
  // (and lists the regions under a lease).
  return new DeferredIterator(async () => combine(await source.connection(async (c) => c.table(tableName))));
}

/**
 * One lane budget for `runs` runs read at once over the pool of `connection` (if any): lane 0 of
 * every run reads on one connection — the caller's, in a `pool.connection()` block, else one
 * leased here for the whole scan (`lease`) — and the pool's other connections are shared out, so
 * that every lane can hold its lease at the same time.
 */
async function sharedBudget(
  connection: Connection,
  runs: number,
): Promise<{ budget?: LaneBudget; lease?: ConnectionLease }> {
  const pool = connection.pool;
  if (pool === undefined) return {};
  const inScope = connectionInScope(pool);
  const lease = inScope === undefined ? await pool.acquire() : undefined;
  const lead = inScope ?? lease!.connection;
  return { budget: { parallel: 1 + Math.floor((pool.size - 1) / runs), lead }, lease };
}

/** Gives the lease of a merged scan back once the scan ends (rows out, return(), or failure). */
class ReleasingIterator<T> implements AsyncIterator<T, undefined> {
  readonly #run: AsyncIterator<T>;
  #lease: ConnectionLease | undefined;

  constructor(run: AsyncIterator<T>, lease: ConnectionLease) {
    this.#run = run;
    this.#lease = lease;
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    let result: IteratorResult<T>;
    try {
      result = await this.#run.next();
    } catch (error) {
      await this.#release();
      throw error;
    }
    if (!result.done) return result;
    await this.#release();
    return DONE;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    try {
      await this.#run.return?.();
    } finally {
      await this.#release();
    }
    return DONE;
  }

  async #release(): Promise<void> {
    const lease = this.#lease;
    this.#lease = undefined;
    await lease?.release();
  }
}
