import type { Connection } from './connection';
import { TransportError } from './errors';
import { isRetryableError, type RetryPolicy } from './retry-policy';
import type { CellShape, RowEntry } from './row-data';
import { TScan } from './thrift/Hbase_types';
import { type RowBatch, rowBatch } from './transport/row-batch';

/** What one scan needs to know; see `Scanner`. */
export interface ScanPlan {
  connection: Connection;
  tableName: Buffer;
  scan: TScan;
  batchSize: number;
  limit: number;
  /** How cells come back: bare, or with number or bigint timestamps. */
  includeTimestamp: CellShape;
  /** Set when a scan may resume on a new scanner after a transport failure. */
  retry: RetryPolicy | undefined;
}

/** What a run hands out instead of raw rows (the mapper's entities), and what ends with it. */
export interface ScanConsumer<T> {
  /** Turns each row into the item handed out. */
  map(entry: RowEntry<unknown>): T;
  /** Runs once the run has ended, however it ended (the mapper releases a pooled connection). */
  onEnd?(): Promise<void>;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * @internal One run of a scan. Rows already fetched are handed out without a trip through an
 * async generator (whose every `yield` costs several promise turns): `next()` answers from the
 * current batch at once and only goes asynchronous to fetch the next batch. The server-side
 * scanner is opened on the first `next()` and closed when the rows run out, on a failure, or on
 * `return()` (what `for await` calls on `break`, `return` or a thrown error).
 */
export class ScanIterator<E> implements AsyncIterator<E> {
  readonly #plan: ScanPlan;
  readonly #consumer: ScanConsumer<E> | undefined;
  #id: number | undefined;
  #batch: RowBatch | undefined;
  #prefetched: Promise<RowBatch> | undefined;
  /** The fetch in progress; calls to `next()` made meanwhile wait for it (as a generator's would). */
  #busy: Promise<unknown> | undefined;
  #finished = false;
  #exhausted = false;
  #returned = 0;
  #resumes = 0;
  #lastKey: Buffer | undefined;
  /** After resuming a reversed scan: the row already returned, which the new scanner repeats. */
  #skip: Buffer | undefined;

  /** Without a consumer, the rows themselves (`[key, data]`) are handed out. */
  constructor(plan: ScanPlan, consumer?: ScanConsumer<E>) {
    this.#plan = plan;
    this.#consumer = consumer;
  }

  next(): Promise<IteratorResult<E, undefined>> {
    if (this.#busy)
      return this.#busy.then(
        () => this.next(),
        () => this.next(),
      );
    if (this.#finished) return Promise.resolve(DONE);
    let entry: E | undefined;
    try {
      entry = this.#fromBatch();
    } catch (error) {
      return this.#track(this.#fail(error));
    }
    if (entry !== undefined) return Promise.resolve({ value: entry, done: false });
    return this.#track(this.#advance());
  }

  async return(): Promise<IteratorResult<E, undefined>> {
    await this.#busy?.catch(() => undefined);
    if (!this.#finished) await this.#close(false);
    return DONE;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    const busy = promise.finally(() => {
      if (this.#busy === busy) this.#busy = undefined;
    });
    busy.catch(() => undefined);
    this.#busy = busy;
    return promise;
  }

  /** The next row of the current batch, or undefined when a fetch (or the end) comes first. */
  #fromBatch(): E | undefined {
    const batch = this.#batch;
    if (batch === undefined) return undefined;
    while (batch.remaining > 0 && this.#returned < this.#plan.limit) {
      const entry = batch.next(this.#plan.includeTimestamp);
      const key = entry[0];
      const skip = this.#skip;
      if (skip !== undefined) {
        this.#skip = undefined;
        if (skip.equals(key)) continue;
      }
      this.#lastKey = key;
      this.#returned++;
      return this.#consumer ? this.#consumer.map(entry) : (entry as E);
    }
    return undefined;
  }

  async #advance(): Promise<IteratorResult<E, undefined>> {
    const { connection, scan } = this.#plan;
    try {
      this.#id ??= await connection.call('scannerOpenWithScan', (c) =>
        c.scannerOpenWithScan(this.#plan.tableName, scan, {}),
      );
      for (;;) {
        const entry = this.#fromBatch();
        if (entry !== undefined) return { value: entry, done: false };
        if (this.#exhausted || this.#returned >= this.#plan.limit) break;
        const batch = await this.#nextBatch();
        // Only an empty list marks the end: the gateway may return fewer rows than asked before it.
        if (batch.size === 0) this.#exhausted = true;
        else {
          this.#batch = batch;
          // Ask for the next batch before handing this one out, so that the gateway reads it while
          // the caller consumes this one. At most two batches are ever held.
          const delivered = this.#returned + batch.size;
          if (delivered < this.#plan.limit) this.#prefetched = this.#request(delivered);
        }
      }
    } catch (error) {
      return this.#fail(error);
    }
    await this.#close(false);
    return DONE;
  }

  /** The next batch: the prefetched one, or a new request; resumes on a new scanner if allowed. */
  async #nextBatch(): Promise<RowBatch> {
    const { connection, retry } = this.#plan;
    for (;;) {
      try {
        return await (this.#prefetched ?? this.#request(this.#returned));
      } catch (error) {
        if (!retry || this.#resumes >= retry.attempts - 1 || !isRetryableError(error)) throw error;
        this.#resumes++;
        const stale = this.#id!;
        await connection.call('scannerClose', (c) => c.scannerClose(stale)).catch(() => undefined);
        const resumed = resumeScan(this.#plan.scan, this.#lastKey);
        this.#skip = resumed.skip;
        this.#id = await connection.call('scannerOpenWithScan', (c) =>
          c.scannerOpenWithScan(this.#plan.tableName, resumed.scan, {}),
        );
      } finally {
        this.#prefetched = undefined;
      }
    }
  }

  /** Requests the batch that follows `delivered` rows. */
  #request(delivered: number): Promise<RowBatch> {
    const id = this.#id!;
    const wanted = Math.min(this.#plan.batchSize, this.#plan.limit - delivered);
    const batch = this.#plan.connection.call('scannerGetList', (c) => rowBatch(c.scannerGetList(id, wanted)));
    // Awaited later, or never if the scan ends first: nobody must be left with an unhandled
    // rejection.
    batch.catch(() => undefined);
    return batch;
  }

  async #fail(error: unknown): Promise<never> {
    await this.#close(true);
    throw error;
  }

  /**
   * Ends the run and closes the server-side scanner. When the scan already failed, its error is
   * the one worth reporting. And a scan that delivered every row is not failed by a transport
   * error on the way out: the gateway expires an unclosed scanner after its lease anyway.
   */
  async #close(failed: boolean): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#batch = undefined;
    const id = this.#id;
    try {
      if (id === undefined) return;
      await this.#plan.connection
        .call('scannerClose', (c) => c.scannerClose(id))
        .catch((error: unknown) => {
          if (!failed && !(error instanceof TransportError)) throw error;
        });
    } finally {
      await this.#consumer?.onEnd?.();
    }
  }
}

/**
 * The scan that continues after `lastKey`: forwards, from the smallest key above it; reversed,
 * from `lastKey` itself (no key just below it can be written), which is then skipped.
 */
function resumeScan(scan: TScan, lastKey: Buffer | undefined): { scan: TScan; skip: Buffer | undefined } {
  if (lastKey === undefined) return { scan, skip: undefined };
  const resumed = new TScan({ ...scan });
  if (scan.reversed) {
    resumed.startRow = lastKey;
    return { scan: resumed, skip: lastKey };
  }
  resumed.startRow = Buffer.concat([lastKey, Buffer.from([0])]);
  return { scan: resumed, skip: undefined };
}
