import type { Connection } from '../connection';
import { connectionInScope } from '../connection-pool';
import { DeferredIterator } from '../deferred-iterator';
import { DONE } from '../iterator-done';
import { ProgressMeter } from '../progress';
import type { RegionInfo } from '../region-info';
import { resolveRetryPolicy } from '../retry-policy';
import type { AnyRowData, RowData, RowEntry } from '../row-data';
import type { ScanConsumer } from '../scan-iterator';
import { ScanIterator } from '../scan-iterator';
import type { ScanRequest } from '../scan-request';
import type { Table } from '../table';
import { ParallelMerge } from './parallel-merge';
import { type ScanLane, scanLanes } from './scan-lanes';
import { splitScan } from './scan-parts';

/**
 * The rows of a region-parallel scan (`table.parallelScan()`), as an `AsyncIterable` of
 * `[rowKey, data]`.
 *
 * When iteration starts, the table's regions are listed and the scan's range is cut at their
 * boundaries: one part per region it touches (as MapReduce's `TableInputFormat` makes one split
 * per region). Up to `parallel` parts are read at once, each by a scanner of its own on a
 * connection of its own — leased from the table's pool, pinned to a gateway, the pool's gateways
 * taken in turn. Rows come as they are read, or in key order with `ordered: true`.
 *
 * - Memory: each part reading holds its scanner's batch being handed out and at most one more
 *   read ahead; rows are decoded as they are handed out, a batch at a time, and a part whose
 *   rows wait stops fetching (back-pressure).
 * - Failures: a part that loses its connection resumes on a new scanner just after the last row
 *   it read (up to the connection's `retry.attempts`, 3 by default), on the same gateway or, if
 *   that one is gone, the next of `servers`. A part that cannot resume fails the scan.
 * - `break`, `return` or a thrown error in the loop closes every scanner and gives every lease
 *   back before the loop is left. So does reaching `limit`.
 * - A region that splits or moves meanwhile changes nothing: the parts are key ranges, and a
 *   scanner crosses region boundaries on its own.
 *
 * Each `for await` runs the scan afresh.
 */
export class ParallelScanner<D extends AnyRowData = RowData> implements AsyncIterable<RowEntry<D>> {
  readonly #table: Table;
  readonly #request: ScanRequest;
  readonly #parallel: number;
  readonly #ordered: boolean;

  /** @internal Created by `Table.parallelScan()`, which validates the options. */
  constructor(table: Table, request: ScanRequest, parallel: number, ordered: boolean) {
    this.#table = table;
    this.#request = request;
    this.#parallel = parallel;
    this.#ordered = ordered;
  }

  /** Iterates the rows (see the class). */
  [Symbol.asyncIterator](): AsyncIterator<RowEntry<D>> {
    return this.iterate();
  }

  /** Collects every row into an array. */
  async toArray(): Promise<Array<RowEntry<D>>> {
    const rows: Array<RowEntry<D>> = [];
    for await (const row of this) rows.push(row);
    return rows;
  }

  /**
   * @internal One run of the scan, its rows turned into other items as they are handed out (the
   * mapper's entities). Nothing is sent before the first `next()`. `progress`: a meter its owner
   * shares between runs and finishes; without it, a scan with `onProgress` has a meter of its own.
   */
  iterate<T = RowEntry<D>>(
    consumer?: ScanConsumer<T>,
    progress?: ProgressMeter,
    lanes?: LaneBudget,
  ): AsyncIterator<T, undefined> {
    return new DeferredIterator(() => this.#start(consumer, progress, lanes));
  }

  async #start<T>(
    consumer: ScanConsumer<T> | undefined,
    shared: ProgressMeter | undefined,
    budget: LaneBudget | undefined,
  ): Promise<AsyncIterator<T, undefined>> {
    const table = this.#table;
    const connection = table.connection;
    const { scan, batchSize, limit, includeTimestamp, idleTimeout, versions } = this.#request;
    const parts = splitScan(scan, await listRegions(table, budget?.lead), this.#request.floor);
    const settings = this.#request.progress;
    const meter = shared ?? (settings && new ProgressMeter('scan', settings));
    const resumable = scan.batchSize === undefined || scan.batchSize === null;
    // Resuming a part is what keeps a long parallel scan alive across a gateway's failure: on by
    // default here (a row returned in parts, with scanBatching, cannot resume).
    const retry = resumable ? (connection.retryPolicy ?? resolveRetryPolicy(true)) : undefined;
    const lane = scanLanes(connection, budget?.lead);
    const merge: ParallelMerge<RowEntry<unknown>, ScanLane, T> = new ParallelMerge({
      splits: parts.length,
      lanes: Math.min(this.#parallel, budget?.parallel ?? this.#parallel),
      ordered: this.#ordered,
      limit: limit ?? Number.POSITIVE_INFINITY,
      acquire: lane,
      release: (l) => l.release(),
      open: (split, l) =>
        new ScanIterator<RowEntry<unknown>>({
          connections: l.connections,
          tableName: table.nameBytes,
          scan: parts[split]!,
          batchSize,
          limit: limit ?? Number.POSITIVE_INFINITY,
          includeTimestamp,
          versions,
          retry,
          idleTimeout,
          keepAlive: pulledSince(() => merge.pulls),
          progress: meter,
          finishesProgress: false,
          endsProgress: false,
        }),
      ...(consumer === undefined ? {} : { map: (entry: RowEntry<unknown>) => consumer.map(entry) }),
    });
    return meter === undefined || shared !== undefined ? merge : new FinishingRun(merge, meter);
  }
}

/**
 * @internal What a run of a parallel scan may use, when several runs share a pool (the buckets of
 * a salted key, merged in key order: each must progress for any to be handed out).
 */
export interface LaneBudget {
  /** Lanes at most (below the scan's `parallel`, so that every run's lanes can hold a lease). */
  parallel: number;
  /** The connection lane 0 reads on, held by the owner of the runs (instead of a lease). */
  lead?: Connection | undefined;
}

/**
 * The table's regions, listed on a connection leased here: a table's pooled connection is held by
 * the block it was taken in only, which may have ended (then it may be another caller's now).
 */
async function listRegions(table: Table, lead: Connection | undefined): Promise<RegionInfo[]> {
  const connection = table.connection;
  const pool = connection.pool;
  const list = (c: Connection) =>
    c.call('getTableRegions', (g) => g.regions(table.nameBytes), { table: table.name });
  if (pool === undefined) return list(connection);
  if (lead !== undefined) return list(lead);
  const inScope = connectionInScope(pool);
  return inScope !== undefined ? list(inScope) : pool.connection(list);
}

/** Whether `count()` moved since the last time the answer was asked for (one watcher each). */
function pulledSince(count: () => number): () => boolean {
  let seen = count();
  return () => {
    const now = count();
    const moved = now !== seen;
    seen = now;
    return moved;
  };
}

/** Makes the final progress report once the rows have run out. */
class FinishingRun<T> implements AsyncIterator<T, undefined> {
  readonly #run: AsyncIterator<T, undefined>;
  readonly #meter: ProgressMeter;

  constructor(run: AsyncIterator<T, undefined>, meter: ProgressMeter) {
    this.#run = run;
    this.#meter = meter;
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    const result = await this.#run.next();
    if (result.done) this.#meter.finish();
    return result;
  }

  return(): Promise<IteratorResult<T, undefined>> {
    return this.#run.return ? this.#run.return() : Promise.resolve(DONE);
  }
}
