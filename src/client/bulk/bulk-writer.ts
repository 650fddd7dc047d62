import { type BytesLike, MAX_ROW_KEY_BYTES, toRowKey } from '../bytes';
import type { ColumnValues } from '../columns';
import { Connection } from '../connection';
import { ConnectionPool, connectionInScope } from '../connection-pool';
import { InvalidArgumentError } from '../errors';
import { ProgressMeter } from '../progress';
import type { Table } from '../table';
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
import { BulkSender } from './bulk-send';
import { BulkWriteError } from './bulk-write-error';
import { BulkWriterClosedError } from './bulk-writer-closed-error';
import { type BulkWriterOptions, type BulkWriterSettings, bulkWriterSettings } from './bulk-writer-options';
import type { BulkWriterStats } from './bulk-writer-stats';
import { type Lane, RegionLanes } from './region-lanes';
import { RegionRouter, rowHash } from './region-router';

const RESOLVED: Promise<void> = Promise.resolve();

/** Where a bulk writer gets its connections: a pool (one lease per batch) or one connection. */
export type BulkWriterSource = ConnectionPool | Connection;

/** A mutation waiting to be buffered: for room, or for the table's facts (the first fetch). */
interface RoomWaiter {
  op: Omit<BulkOp, 'index'>;
  size: number;
  /** Made before the facts arrived: its row key length is checked against them on arrival. */
  unchecked: boolean;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What the table looks like, learnt once on a leased connection. */
interface TableFacts {
  maxRowKey: number;
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
  readonly #source: BulkWriterSource;
  readonly #tableName: string;
  readonly #settings: BulkWriterSettings;
  readonly #parallel: number;
  readonly #meter: ProgressMeter | undefined;
  readonly #sender: BulkSender;
  #facts: TableFacts | undefined;
  #starting: Promise<TableFacts> | undefined;
  readonly #lanes: RegionLanes;
  /**
   * The rows of the batches in flight (by {@link rowHash}) and the batch each is in: a batch
   * stops before a mutation of a row in another, so that a row's mutations are applied in order.
   * (A hash shared by two rows only makes a batch stop early.)
   */
  readonly #rowsInFlight = new Map<number, number>();
  #nextBatchId = 0;
  /** A batch failed: the region map is fetched again, while the other batches go on. */
  #regionsStale = false;
  #refreshing = false;

  #accepted = 0;
  #written = 0;
  #bufferedBytes = 0;
  #inFlightBytes = 0;
  #peakBytes = 0;
  #inFlight = 0;
  #batches = 0;
  #retries = 0;
  /** Flushes asked for and not yet done: every lane is sent, full or not. */
  #flushing = 0;
  /** Callers waiting: for room in the buffer, or for everything to be written. */
  #roomWaiters: RoomWaiter[] = [];
  #idleWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

  /** The first failure, once one happened; the writer stops sending. */
  #failure: { cause: unknown } | undefined;
  #failedBatches = 0;
  #unknownIndices: number[] = [];
  /** The failure's error, made once the batches in flight have settled. */
  #error: BulkWriteError | undefined;
  #closing: Promise<void> | undefined;

  /** @internal Use {@link bulkWriter}. */
  constructor(source: BulkWriterSource, table: string, settings: BulkWriterSettings) {
    this.#source = source;
    this.#tableName = table;
    this.#settings = settings;
    this.#lanes = new RegionLanes(settings.batchRows, settings.batchBytes);
    this.#parallel = settings.parallel ?? (source instanceof ConnectionPool ? source.size : 4);
    this.#meter = settings.progress && new ProgressMeter('bulk', settings.progress);
    if (this.#meter) this.#meter.cells = 0;
    this.#sender = new BulkSender(settings, {
      withTable: (fn) => this.#withTable(fn),
      attemptFailed: () => {
        this.#regionsStale = true;
      },
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
      const facts = this.#facts;
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
      const facts = this.#facts;
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
    const facts = this.#facts ?? (await this.#start());
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
    if (this.#error) return Promise.reject(this.#error);
    if (this.#isIdle()) return this.#failure ? this.#whenIdle() : Promise.resolve();
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
    return Object.freeze({
      accepted: this.#accepted,
      written: this.#written,
      bufferedBytes: this.#bufferedBytes,
      inFlightBytes: this.#inFlightBytes,
      peakBytes: this.#peakBytes,
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
    if (this.#error) throw this.#error;
    if (this.#failure) return this.#whenIdle(); // rejects with the error once everything settled
    if (this.#closing) throw new BulkWriterClosedError();
    const size = op.payload + MUTATION_OVERHEAD;
    // Behind earlier waiters too, so that mutations are buffered in the order they were given.
    // Before the facts arrive, every mutation waits as one waiting for room does: it is pending
    // (flush() and close() wait for it) and the byte bound holds from the first one.
    const unchecked = this.#facts === undefined;
    if (unchecked || this.#roomWaiters.length > 0 || !this.#hasRoom(size)) {
      const room = new Promise<void>((resolve, reject) =>
        this.#roomWaiters.push({ op, size, unchecked, resolve, reject }),
      );
      if (unchecked)
        this.#start().catch(() => undefined); // its failure rejects the waiters
      else this.#pump();
      return room;
    }
    this.#buffer(op, size);
    return undefined;
  }

  /** Whether `size` more bytes fit the bound (one mutation always fits an empty buffer). */
  #hasRoom(size: number): boolean {
    const held = this.#bufferedBytes + this.#inFlightBytes;
    return held === 0 || held + size <= this.#settings.maxBufferedBytes;
  }

  #buffer(op: Omit<BulkOp, 'index'>, size: number): void {
    const full = op as BulkOp;
    full.index = this.#accepted++;
    const lane = this.#lanes.add(full, size);
    this.#bufferedBytes += size;
    this.#peakBytes = Math.max(this.#peakBytes, this.#bufferedBytes + this.#inFlightBytes);
    if (this.#lanes.isFull(lane)) this.#pump();
  }

  /**
   * Learns the table's row key limit and regions, on a leased connection, then buffers the
   * mutations that waited for them. A failure rejects those mutations and the flushes waiting
   * for them (they are lost, and said so); the next mutation tries again.
   */
  #start(): Promise<TableFacts> {
    this.#starting ??= this.#withTable(async (table) => {
      const regions = await table.regions();
      return { regions, facts: { maxRowKey: table.maxRowKey } };
    }).then(
      ({ regions, facts }) => {
        this.#lanes.install(new RegionRouter(regions));
        this.#facts = facts;
        this.#checkWaiters(facts);
        this.#afterChange();
        return facts;
      },
      (error: unknown) => {
        this.#starting = undefined;
        const waiters = [...this.#roomWaiters, ...this.#idleWaiters];
        this.#roomWaiters = [];
        this.#idleWaiters = [];
        this.#flushing = 0;
        for (const w of waiters) w.reject(error);
        throw error;
      },
    );
    return this.#starting;
  }

  /** The mutations made before the facts arrived: those whose row key is too long are refused. */
  #checkWaiters(facts: TableFacts): void {
    this.#roomWaiters = this.#roomWaiters.filter((w) => {
      if (!w.unchecked) return true;
      try {
        toRowKey(w.op.row, 'row', facts.maxRowKey);
        return true;
      } catch (error) {
        w.reject(error);
        return false;
      }
    });
  }

  /**
   * Runs `fn` on a leased connection; inside a `pool.connection()` block, on the block's
   * connection (it pipelines the batches): with every lease held by such blocks (a pool of one,
   * say), a lease per batch would wait forever for the block, which waits for the batches.
   */
  #withTable<T>(fn: (table: Table) => Promise<T>): Promise<T> {
    const source = this.#source;
    if (source instanceof Connection) return fn(source.table(this.#tableName));
    const inScope = connectionInScope(source);
    if (inScope !== undefined) return fn(inScope.table(this.#tableName));
    return source.connection((c) => fn(c.table(this.#tableName)));
  }

  // --- sending ----------------------------------------------------------------------------------

  /** Starts batches while fewer than `parallel` are in flight and a lane is due. */
  #pump(): void {
    if (this.#failure) return;
    // A new map may move rows between lanes while their batches are in flight: safe, since
    // #rowsInFlight holds every lane's batches back from a row in flight anywhere. So the other
    // lanes keep sending while it is fetched.
    if (this.#regionsStale && !this.#refreshing) void this.#refreshRegions();
    while (this.#inFlight < this.#parallel) {
      // Pressed: a flush, or callers waiting for room, want partly filled lanes sent too.
      const lane = this.#lanes.next(this.#flushing > 0 || this.#roomWaiters.length > 0);
      if (!lane) break;
      this.#dispatch(lane);
    }
  }

  /**
   * Sends the front of a lane: up to `batchRows` mutations and `batchBytes`, stopping before a
   * mutation of a row that is in flight (several batches of a region may be in flight, never two
   * mutations of one row in two batches at once). A lane whose first mutation waits is blocked
   * until a batch settles.
   */
  #dispatch(lane: Lane): void {
    const { batchRows, batchBytes } = this.#settings;
    const inFlight = this.#rowsInFlight;
    const id = this.#nextBatchId++;
    const rows: number[] = [];
    let repeats = false;
    let count = 0;
    let bytes = 0;
    while (count < lane.ops.length && count < batchRows && bytes < batchBytes) {
      const op = lane.ops[count]!;
      const row = rowHash(op.row);
      const owner = inFlight.get(row);
      // Mutations of one row within the batch are fine (table.batch() orders them); one in flight
      // in another batch is not.
      if (owner !== undefined && owner !== id) break;
      if (owner === undefined) {
        inFlight.set(row, id);
        rows.push(row);
      } else {
        repeats = true;
      }
      bytes += op.payload + MUTATION_OVERHEAD;
      count++;
    }
    if (count === 0) {
      lane.blocked = true;
      return;
    }
    const ops = lane.ops.splice(0, count);
    lane.bytes -= bytes;
    this.#bufferedBytes -= bytes;
    this.#inFlightBytes += bytes;
    this.#inFlight++;
    this.#sender.send(ops, repeats).then(
      () => this.#settled(rows, ops, bytes, undefined),
      (error: unknown) => this.#settled(rows, ops, bytes, { cause: error }),
    );
  }

  #settled(rows: number[], ops: BulkOp[], bytes: number, failure: { cause: unknown } | undefined): void {
    for (const row of rows) this.#rowsInFlight.delete(row);
    this.#lanes.unblock();
    this.#inFlight--;
    this.#inFlightBytes -= bytes;
    if (failure) {
      this.#failedBatches++;
      for (const op of ops) this.#unknownIndices.push(op.index);
      this.#failure ??= failure;
    } else {
      this.#written += ops.length;
      this.#batches++;
      this.#count(ops);
    }
    this.#afterChange();
  }

  /** Counts a written batch into the progress meter; a callback that throws stops the writer. */
  #count(ops: BulkOp[]): void {
    const meter = this.#meter;
    if (!meter) return;
    meter.calls++;
    meter.rows += ops.length;
    for (const op of ops) {
      meter.bytes += op.payload;
      meter.cells = (meter.cells ?? 0) + op.cells;
    }
    try {
      meter.tick();
    } catch (error) {
      this.#failure ??= { cause: error };
    }
  }

  /** Wakes whoever can go on, starts what is due, or, after a failure, settles everything. */
  #afterChange(): void {
    if (!this.#facts) return; // nothing is buffered or sent before the facts arrive
    if (this.#failure) {
      if (this.#inFlight === 0) this.#fail();
      return;
    }
    // Waiters are buffered here, in their order, as room allows: the bound holds strictly.
    while (this.#roomWaiters.length > 0 && this.#hasRoom(this.#roomWaiters[0]!.size)) {
      const waiter = this.#roomWaiters.shift()!;
      this.#buffer(waiter.op, waiter.size);
      waiter.resolve();
    }
    this.#pump();
    if (this.#isIdle()) {
      this.#flushing = 0;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w.resolve();
    }
  }

  #isIdle(): boolean {
    return this.#inFlight === 0 && this.#bufferedBytes === 0 && this.#roomWaiters.length === 0;
  }

  #whenIdle(): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    return new Promise<void>((resolve, reject) => this.#idleWaiters.push({ resolve, reject }));
  }

  /** Every batch has settled after a failure: the error is made and every waiter rejected. */
  #fail(): void {
    if (this.#error) return;
    this.#error = BulkWriteError.fromState(
      {
        accepted: this.#accepted,
        unknown: this.#unknownIndices,
        unsent: this.#lanes.drain(),
        failedBatches: this.#failedBatches,
      },
      this.#failure!.cause,
    );
    // The buffered mutations are let go: they are in the error's ranges.
    this.#bufferedBytes = 0;
    const waiters = [...this.#roomWaiters, ...this.#idleWaiters];
    this.#roomWaiters = [];
    this.#idleWaiters = [];
    for (const w of waiters) w.reject(this.#error);
  }

  async #refreshRegions(): Promise<void> {
    this.#refreshing = true;
    this.#regionsStale = false; // a failure while fetching marks it again
    try {
      const regions = await this.#withTable((table) => table.regions());
      this.#lanes.install(new RegionRouter(regions));
    } catch {
      // The map only groups mutations; the gateway routes each one itself. Keep the old one.
    } finally {
      this.#refreshing = false;
    }
    this.#afterChange();
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
