import { type BytesLike, MAX_ROW_KEY_BYTES, toRowKey } from '../bytes';
import type { ColumnValues } from '../columns';
import { Connection } from '../connection';
import { ConnectionPool } from '../connection-pool';
import { InvalidArgumentError } from '../errors';
import type { ProgressMeter } from '../progress';
import { BulkFailure } from './bulk-failure';
import {
  type BulkDeleteOptions,
  type BulkMutation,
  type BulkOp,
  type BulkPutOptions,
  deleteOp,
  itemOp,
  MUTATION_OVERHEAD,
  putOp,
} from './bulk-mutation';
import { bulkMeter, countBatch } from './bulk-progress';
import { BulkSender } from './bulk-send';
import type { BulkWriteError } from './bulk-write-error';
import { BulkWriterClosedError } from './bulk-writer-closed-error';
import { type BulkWriterOptions, type BulkWriterSettings, bulkWriterSettings } from './bulk-writer-options';
import type { BulkWriterStats } from './bulk-writer-stats';
import { ByteBudget } from './byte-budget';
import { RegionLanes } from './region-lanes';
import { RowsInFlight, type TakenBatch } from './rows-in-flight';
import { type TableFacts, TableMap } from './table-map';
import { type BulkWriterSource, withSourceTable } from './writer-source';

export type { BulkWriterSource } from './writer-source';

const RESOLVED: Promise<void> = Promise.resolve();

/** A mutation waiting to be buffered: for room, or for the table's facts (the first fetch). */
interface Pending {
  op: Omit<BulkOp, 'index'>;
  /** Made before the facts arrived: its row key length is checked against them on arrival. */
  unchecked: boolean;
}

/**
 * Writes many rows fast: mutations are grouped by region into batches, which go out in parallel
 * over a pool's connections, with the bytes buffered and in flight bounded. Make one with
 * {@link bulkWriter}.
 *
 * Ordering: the mutations of one row are applied in the order given (a row is never in two
 * batches in flight at once, and its region's batches leave in order; within a batch,
 * `table.batch()`'s rules apply: the last write to a cell wins, a row delete goes before the puts
 * that follow it). Different rows are applied in any order. With explicit timestamps, HBase's rule decides, not the order: a delete at
 * timestamp T masks puts at T or before, even one sent after it.
 *
 * Failure: the first batch that fails (after its retries) stops the writer. No new batch is
 * sent; the batches in flight settle; then every pending and later `put()`, `delete()`,
 * `flush()`, `writeAll()` and `close()` rejects with one {@link BulkWriteError}, which tells which
 * mutations (by index) are known written, unknown, and not sent. No promise is left pending.
 * Invalid input is different: the `put()` or `delete()` rejects with `InvalidArgumentError`
 * before the mutation is buffered, and the writer goes on.
 *
 * @example
 * ```ts
 * await using writer = bulkWriter(pool, 'events', { timestamp: 1700000000000 });
 * for (const event of events) await writer.put(event.key, { 'd:json': event.json });
 * ```
 */
export class BulkWriter implements AsyncDisposable {
  readonly #settings: BulkWriterSettings;
  readonly #parallel: number;
  readonly #meter: ProgressMeter | undefined;
  readonly #sender: BulkSender;
  readonly #lanes: RegionLanes;
  readonly #table: TableMap;
  readonly #budget: ByteBudget<Pending>;
  readonly #rowsInFlight = new RowsInFlight();

  #accepted = 0;
  #written = 0;
  #inFlight = 0;
  #batches = 0;
  #retries = 0;
  /** Flushes asked for and not yet done: every lane is sent, full or not. */
  #flushing = 0;
  /** Callers waiting for everything to be written. */
  #idleWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  readonly #failure = new BulkFailure();
  /** Runs once a region map fetched again is installed (made once: #pump runs per batch). */
  readonly #refreshed = () => this.#afterChange();
  #closing: Promise<void> | undefined;

  /** @internal Use {@link bulkWriter}. */
  constructor(source: BulkWriterSource, table: string, settings: BulkWriterSettings) {
    this.#settings = settings;
    this.#lanes = new RegionLanes(settings.batchRows, settings.batchBytes);
    this.#table = new TableMap((fn) => withSourceTable(source, table, fn), this.#lanes);
    this.#budget = new ByteBudget(settings.maxBufferedBytes);
    this.#parallel = settings.parallel ?? (source instanceof ConnectionPool ? source.size : 4);
    this.#meter = bulkMeter(settings.progress);
    this.#sender = new BulkSender(settings, {
      withTable: (fn) => withSourceTable(source, table, fn),
      attemptFailed: () => this.#table.markStale(),
      retrying: () => {
        this.#retries++;
      },
    });
  }

  /**
   * Queues a put of `data` to `row`. Resolves once the mutation is buffered, at once unless the
   * buffer is full (`maxBufferedBytes`): then when there is room. Rejects with
   * `InvalidArgumentError` for bad input (nothing buffered), and with the writer's
   * {@link BulkWriteError} once it has failed.
   */
  put(row: BytesLike, data: ColumnValues, options?: BulkPutOptions): Promise<void> {
    try {
      // No async function: a load calls this per row, and the promise is the one shared resolved
      // one unless the buffer is full. Before the table's facts arrive, the row key is checked
      // against the largest any table allows, then against this table's on arrival.
      const facts = this.#table.facts;
      return this.#accept(putOp(row, data, options, facts?.maxRowKey ?? MAX_ROW_KEY_BYTES, '')) ?? RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Queues a delete of a whole row, or of the given families and cells (see {@link BulkDeleteOptions}).
   * Resolves and rejects as {@link BulkWriter.put} does.
   */
  delete(row: BytesLike, options?: BulkDeleteOptions): Promise<void> {
    try {
      const facts = this.#table.facts;
      return this.#accept(deleteOp(row, options, facts?.maxRowKey ?? MAX_ROW_KEY_BYTES, '')) ?? RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Writes every item of `items` (an array, iterable or async iterable, e.g. a Node stream in
   * object mode), pulling the next only while the buffer has room, then flushes. Resolves with the
   * number of items written. An invalid item rejects with `InvalidArgumentError` naming it
   * (`items[i]…`): the items before it were accepted (and may be written), none after it is read.
   */
  async writeAll(items: Iterable<BulkMutation> | AsyncIterable<BulkMutation>): Promise<number> {
    const iterable = items as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
    if (
      typeof iterable !== 'object' ||
      iterable === null ||
      (typeof iterable[Symbol.asyncIterator] !== 'function' &&
        typeof iterable[Symbol.iterator] !== 'function')
    ) {
      throw new InvalidArgumentError('items', 'an iterable or async iterable of mutations', items);
    }
    const facts = this.#table.facts ?? (await this.#start());
    let i = 0;
    for await (const item of iterable as AsyncIterable<unknown>) {
      const op = itemOp(item, i, facts.maxRowKey);
      // Awaited only when the buffer is full: a promise per item would cost CPU on every row.
      const wait = this.#accept(op);
      if (wait) await wait;
      i++;
    }
    await this.flush();
    return i;
  }

  /**
   * Sends everything buffered, full batches or not, and resolves once all of it (and whatever is
   * queued meanwhile) is written. Rejects with the writer's {@link BulkWriteError} if it failed.
   */
  flush(): Promise<void> {
    const { error } = this.#failure;
    if (error) return Promise.reject(error);
    if (this.#isIdle()) return this.#failure.stopped ? this.#whenIdle() : Promise.resolve();
    this.#flushing++;
    const done = this.#whenIdle();
    this.#pump();
    return done;
  }

  /**
   * Flushes, then makes the final progress report; later mutations are refused. Idempotent. After
   * a failure it rejects with the {@link BulkWriteError}, once every batch in flight has settled.
   */
  close(): Promise<void> {
    this.#closing ??= this.flush().then(() => {
      if (this.#meter && this.#batches > 0) this.#meter.finish();
    });
    return this.#closing;
  }

  /** Closes the writer at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Counts of the writer so far (see {@link BulkWriterStats}). */
  stats(): BulkWriterStats {
    const budget = this.#budget;
    return Object.freeze({
      accepted: this.#accepted,
      written: this.#written,
      bufferedBytes: budget.buffered,
      inFlightBytes: budget.inFlight,
      peakBytes: budget.peak,
      inFlightBatches: this.#inFlight,
      batches: this.#batches,
      retries: this.#retries,
      regions: this.#lanes.regions,
    });
  }

  // --- accepting --------------------------------------------------------------------------------

  /**
   * Buffers `op` now, or answers a promise that buffers it once there is room (and rejects if the
   * writer fails or is closed). `undefined`: buffered already.
   */
  #accept(op: Omit<BulkOp, 'index'>): Promise<void> | undefined {
    const failure = this.#failure;
    if (failure.error) throw failure.error;
    if (failure.stopped) return this.#whenIdle(); // rejects with the error once everything settled
    if (this.#closing) throw new BulkWriterClosedError();
    const size = op.payload + MUTATION_OVERHEAD;
    // Behind earlier waiters too, so that mutations are buffered in the order they were given.
    // Before the facts arrive, every mutation waits as one waiting for room does: it is pending
    // (flush() and close() wait for it) and the byte bound holds from the first one.
    const unchecked = this.#table.facts === undefined;
    if (unchecked || !this.#budget.fits(size)) {
      const room = this.#budget.wait({ op, unchecked }, size);
      if (unchecked)
        this.#start().catch(() => undefined); // its failure rejects the waiters
      else this.#pump();
      return room;
    }
    this.#buffer(op, size);
    return undefined;
  }

  #buffer(op: Omit<BulkOp, 'index'>, size: number): void {
    const full = op as BulkOp;
    full.index = this.#accepted++;
    const lane = this.#lanes.add(full, size);
    this.#budget.buffer(size);
    if (this.#lanes.isFull(lane)) this.#pump();
  }

  /**
   * Learns the table's row key limit and regions, on a leased connection, then buffers the
   * mutations that waited for them. A failure rejects those mutations and the flushes waiting
   * for them (they are lost, and said so); the next mutation tries again.
   */
  #start(): Promise<TableFacts> {
    return this.#table.start(
      (facts) => {
        this.#checkWaiters(facts);
        this.#afterChange();
      },
      (error) => {
        this.#flushing = 0;
        this.#budget.rejectAll(error);
        this.#rejectIdleWaiters(error);
      },
    );
  }

  /** The mutations made before the facts arrived: those whose row key is too long are refused. */
  #checkWaiters(facts: TableFacts): void {
    this.#budget.refuse(({ op, unchecked }) => {
      if (!unchecked) return undefined;
      try {
        toRowKey(op.row, 'row', facts.maxRowKey);
        return undefined;
      } catch (error) {
        return error;
      }
    });
  }

  // --- sending ----------------------------------------------------------------------------------

  /** Starts batches while fewer than `parallel` are in flight and a lane is due. */
  #pump(): void {
    if (this.#failure.stopped) return;
    // A new map may move rows between lanes while their batches are in flight: safe, since
    // RowsInFlight holds every lane's batches back from a row in flight anywhere. So the other
    // lanes keep sending while it is fetched.
    this.#table.refresh(this.#refreshed);
    const { batchRows, batchBytes } = this.#settings;
    while (this.#inFlight < this.#parallel) {
      // Pressed: a flush, or callers waiting for room, want partly filled lanes sent too.
      const lane = this.#lanes.next(this.#flushing > 0 || this.#budget.waiting > 0);
      if (!lane) break;
      const batch = this.#rowsInFlight.take(lane, batchRows, batchBytes);
      if (batch) this.#send(batch);
    }
  }

  #send(batch: TakenBatch): void {
    this.#budget.send(batch.bytes);
    this.#inFlight++;
    this.#sender.send(batch.ops, batch.repeats).then(
      () => this.#settled(batch, false, undefined),
      (error: unknown) => this.#settled(batch, true, error),
    );
  }

  #settled(batch: TakenBatch, failed: boolean, cause: unknown): void {
    this.#rowsInFlight.release(batch.rows);
    this.#lanes.unblock();
    this.#inFlight--;
    this.#budget.settle(batch.bytes);
    if (failed) {
      this.#failure.batchFailed(batch.ops, cause);
    } else {
      this.#written += batch.ops.length;
      this.#batches++;
      this.#count(batch.ops);
    }
    this.#afterChange();
  }

  /** Counts a written batch into the progress meter; a callback that throws stops the writer. */
  #count(ops: BulkOp[]): void {
    if (!this.#meter) return;
    try {
      countBatch(this.#meter, ops);
    } catch (error) {
      this.#failure.stop(error);
    }
  }

  /** Wakes whoever can go on, starts what is due, or, after a failure, settles everything. */
  #afterChange(): void {
    if (!this.#table.facts) return; // nothing is buffered or sent before the facts arrive
    if (this.#failure.stopped) {
      if (this.#inFlight === 0) this.#fail();
      return;
    }
    // Waiters are buffered here, in their order, as room allows: the bound holds strictly.
    this.#budget.admit(({ op }, size) => this.#buffer(op, size));
    this.#pump();
    if (this.#isIdle()) {
      this.#flushing = 0;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w.resolve();
    }
  }

  #isIdle(): boolean {
    return this.#inFlight === 0 && this.#budget.buffered === 0 && this.#budget.waiting === 0;
  }

  #whenIdle(): Promise<void> {
    const { error } = this.#failure;
    if (error) return Promise.reject(error);
    return new Promise<void>((resolve, reject) => this.#idleWaiters.push({ resolve, reject }));
  }

  #rejectIdleWaiters(error: unknown): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  /** Every batch has settled after a failure: the error is made and every waiter rejected. */
  #fail(): void {
    if (this.#failure.error) return;
    const error: BulkWriteError = this.#failure.settle(this.#accepted, () => this.#lanes.drain());
    // The buffered mutations are let go: they are in the error's ranges.
    this.#budget.dropBuffered();
    this.#budget.rejectAll(error);
    this.#rejectIdleWaiters(error);
  }
}

/**
 * Makes a {@link BulkWriter} for the table `table` (the connection's table prefix applies), on a
 * pool (each batch leases a connection, so batches spread over the pool's connections and
 * gateways) or on one connection (batches pipelined on it). Options are checked now; the table's
 * regions are fetched at the first mutation.
 *
 * @example
 * ```ts
 * const writer = bulkWriter(pool, 'events', { parallel: 8, onProgress: (p) => console.log(p.rows) });
 * await writer.writeAll(rowsFromFile());
 * await writer.close();
 * ```
 */
export function bulkWriter(source: BulkWriterSource, table: string, options?: BulkWriterOptions): BulkWriter {
  if (!(source instanceof ConnectionPool || source instanceof Connection)) {
    throw new InvalidArgumentError('source', 'a ConnectionPool or a Connection', source);
  }
  if (typeof table !== 'string' || table === '') {
    throw new InvalidArgumentError('table', 'a non-empty table name', table);
  }
  return new BulkWriter(source, table, bulkWriterSettings(options));
}
