import { withCallerStack } from './caller-stack';
import type { Connection } from './connection';
import { ScanExpiredError, TransportError } from './errors';
import type { RowBatch } from './gateway/row-batch';
import type { ScanSpec } from './gateway/scan-spec';
import { IdleWatch } from './idle-watch';
import { DONE } from './iterator-done';
import type { ProgressMeter } from './progress';
import { isRetryableError, type RetryPolicy } from './retry-policy';
import type { CellShape, RowEntry } from './row-data';
import { gatewayOf, type ScanConnections } from './scan-connections';
import { countBatch } from './scan-progress';

/** What one scan needs to know; see `Scanner`. */
export interface ScanPlan {
  /** Where the scan's calls go (one connection, or a connection leased per call). */
  connections: ScanConnections;
  tableName: Buffer;
  scan: ScanSpec;
  batchSize: number;
  limit: number;
  /** How cells come back: bare, or with number or bigint timestamps. */
  includeTimestamp: CellShape;
  /** Whether rows come as each column's versions (`RowBatch.nextVersions`). */
  versions: boolean;
  /** Set when a scan may resume on a new scanner after a transport failure. */
  retry: RetryPolicy | undefined;
  /** Milliseconds without a pull after which the server-side scanner is closed. */
  idleTimeout: number;
  /**
   * Whether the run's owner was pulled since this was last asked (a parallel scan's consumer):
   * that counts as a pull, so a part parked with rows waiting keeps its scanner while the scan is
   * being read, and loses it only once the whole scan is left idle.
   */
  keepAlive?: (() => boolean) | undefined;
  /** With `onProgress`: what each batch read is counted into (see scan-progress.ts). */
  progress?: ProgressMeter | undefined;
  /** Whether this run makes the final report when its rows run out (not a run of several). */
  finishesProgress?: boolean;
  /** Whether reaching this run's limit ends its operation (its own meter, or the only run of a shared one). */
  endsProgress?: boolean;
}

/** What a run hands out instead of raw rows (the mapper's entities). */
export interface ScanConsumer<T> {
  /** Turns each row into the item handed out. */
  map(entry: RowEntry<unknown>): T;
}

/** The server-side scanner a run reads from, and the gateway (`host:port`) that holds it. */
interface OpenScanner {
  id: number;
  gateway: string;
}

/** A read-ahead that found the scanner on another gateway than its lease's: read again, reopening. */
const MOVED = Symbol('scanner on another gateway');

/**
 * @internal One run of a scan. Rows already fetched are handed out without a trip through an
 * async generator (whose every `yield` costs several promise turns): `next()` answers from the
 * current batch at once and only goes asynchronous to fetch the next batch. The server-side
 * scanner is opened on the first `next()` and closed when the rows run out, on a failure, or on
 * `return()` (what `for await` calls on `break`, `return` or a thrown error).
 *
 * A run left without a pull for `idleTimeout` (an iterator dropped unfinished, or a slow
 * consumer) closes its scanner and lets go of the rows it read ahead; pulled again, it opens a
 * new scanner just after the last row it handed out. A run holds no connection between calls
 * (see `ScanConnections`), so nothing else stays held by an abandoned iterator.
 */
export class ScanIterator<E> implements AsyncIterator<E> {
  readonly #plan: ScanPlan;
  readonly #consumer: ScanConsumer<E> | undefined;
  readonly #idle: IdleWatch;
  /** Rows with `scanBatching` may come in parts: such a run cannot resume after a given row. */
  readonly #resumable: boolean;
  #scanner: OpenScanner | undefined;
  /** Whether a scanner was opened before: a new one then resumes after `#lastKey`. */
  #opened = false;
  #batch: RowBatch | undefined;
  #prefetched: Promise<RowBatch | typeof MOVED> | undefined;
  /** The work in progress; calls to `next()` made meanwhile wait for it (as a generator's would). */
  #busy: Promise<unknown> | undefined;
  #finished = false;
  /** The error the next `next()` reports, once (a run that expired while nobody was pulling). */
  #pendingError: Error | undefined;
  #exhausted = false;
  #returned = 0;
  #resumes = 0;
  #lastKey: Buffer | undefined;
  /** After resuming a reversed scan: the row already returned, which the new scanner repeats. */
  #skip: Buffer | undefined;
  /** Batches requested so far (`scanBatch` of the tracing context). */
  #batches = 0;

  /** Without a consumer, the rows themselves (`[key, data]`) are handed out. */
  constructor(plan: ScanPlan, consumer?: ScanConsumer<E>) {
    this.#plan = plan;
    this.#consumer = consumer;
    this.#resumable = plan.scan.batchSize === undefined || plan.scan.batchSize === null;
    this.#idle = new IdleWatch(
      plan.idleTimeout,
      () => this.#busy !== undefined || plan.keepAlive?.() === true,
      () => void this.#track(this.#suspend()),
    );
  }

  next(): Promise<IteratorResult<E, undefined>> {
    this.#idle.touch();
    if (this.#busy)
      return this.#busy.then(
        () => this.next(),
        () => this.next(),
      );
    if (this.#finished) {
      const error = this.#pendingError;
      this.#pendingError = undefined;
      return error ? Promise.reject(error) : Promise.resolve(DONE);
    }
    let entry: E | undefined;
    try {
      entry = this.#fromBatch();
    } catch (error) {
      return this.#track(this.#fail(error));
    }
    if (entry !== undefined) return Promise.resolve({ value: entry, done: false });
    return this.#track(this.#advance());
  }

  /**
   * @internal The next row already fetched, handed out without a promise (a parallel scan drains a
   * batch this way), or `undefined` when `next()` must be called: the batch is used up, a fetch is
   * under way, or the run is over. A row that cannot be decoded throws.
   */
  nextReady(): E | undefined {
    if (this.#busy !== undefined || this.#finished) return undefined;
    this.#idle.touch();
    return this.#fromBatch();
  }

  async return(): Promise<IteratorResult<E, undefined>> {
    await this.#busy?.catch(() => undefined);
    this.#pendingError = undefined;
    if (!this.#finished) await this.#close(false);
    return DONE;
  }

  /**
   * Marks the iterator busy until `promise` settles. The promise handed back is the only one
   * awaiting `promise`, and the caller's `await` the only one awaiting it, so that V8 can follow
   * the chain of awaits from a failure up to the caller's frames (see caller-stack.ts).
   */
  #track<T>(promise: Promise<T>): Promise<T> {
    const busy = this.#tracked(promise);
    this.#busy = busy;
    return busy;
  }

  async #tracked<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw withCallerStack(error);
    } finally {
      // No other fetch can have started meanwhile: next() waits for this one first.
      this.#busy = undefined;
    }
  }

  /** The next row of the current batch, or undefined when a fetch (or the end) comes first. */
  #fromBatch(): E | undefined {
    const batch = this.#batch;
    if (batch === undefined) return undefined;
    while (batch.remaining > 0 && this.#returned < this.#plan.limit) {
      const entry = this.#plan.versions
        ? batch.nextVersions(this.#plan.includeTimestamp)
        : batch.next(this.#plan.includeTimestamp);
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
    try {
      for (;;) {
        const entry = this.#fromBatch();
        if (entry !== undefined) return { value: entry, done: false };
        if (this.#exhausted || this.#returned >= this.#plan.limit) break;
        const batch = await this.#nextBatch();
        if (this.#plan.progress !== undefined) {
          const rowsToEnd = this.#plan.endsProgress
            ? this.#plan.limit - this.#returned
            : Number.POSITIVE_INFINITY;
          countBatch(this.#plan.progress, batch, this.#skip, rowsToEnd);
        }
        // Only an empty list marks the end: the gateway may return fewer rows than asked before it.
        if (batch.size === 0) this.#exhausted = true;
        else {
          this.#batch = batch;
          // Ask for the next batch before handing this one out, so that the gateway reads it while
          // the caller consumes this one. At most two batches are ever held.
          const delivered = this.#returned + batch.size;
          if (delivered < this.#plan.limit) this.#prefetched = this.#fetch(delivered, false);
        }
      }
    } catch (error) {
      return this.#fail(error);
    }
    await this.#close(false);
    if (this.#plan.finishesProgress) this.#plan.progress?.finish();
    return DONE;
  }

  /**
   * The next batch: the one read ahead, or a new read (opening a scanner if there is none). A
   * read-ahead that found its lease on another gateway than the scanner's is read again, and a
   * retryable failure resumes on a new scanner if the retry policy allows.
   */
  async #nextBatch(): Promise<RowBatch> {
    const { retry } = this.#plan;
    for (;;) {
      const pending = this.#prefetched;
      this.#prefetched = undefined;
      try {
        const batch = await (pending ?? this.#fetch(this.#returned, true));
        if (batch !== MOVED) return batch;
      } catch (error) {
        if (!retry || this.#resumes >= retry.attempts - 1 || !isRetryableError(error)) throw error;
        this.#resumes++;
        await this.#closeScanner().catch(() => undefined);
      }
    }
  }

  /**
   * Reads the batch that follows `delivered` rows. With `canOpen` (every row read so far has been
   * handed out), a missing scanner is opened, and a scanner held by another gateway than the
   * connection's is replaced by one opened here; a read-ahead answers `MOVED` instead.
   */
  #fetch(delivered: number, canOpen: boolean): Promise<RowBatch | typeof MOVED> {
    const wanted = Math.min(this.#plan.batchSize, this.#plan.limit - delivered);
    const fetched = this.#plan.connections.use(async (connection) => {
      let scanner = this.#scanner;
      // A socket lost since the last call is reopened first, and the gateway checked after: the
      // reopening may fail over to another gateway, where the scanner's id means nothing (or
      // names another scan's scanner).
      if (scanner !== undefined) await reopenIfFailed(connection);
      if (scanner !== undefined && this.#resumable && scanner.gateway !== gatewayOf(connection)) {
        // A pool whose connections failed over to different gateways: this one cannot reach the
        // scanner. It is left to its gateway, which is unreachable from here.
        if (!canOpen) return MOVED;
        this.#dropScanner();
        scanner = undefined;
      }
      if (scanner === undefined) {
        if (!canOpen) return MOVED;
        scanner = await this.#open(connection);
      }
      const { id } = scanner;
      const scanBatch = ++this.#batches;
      // Pinned: a socket that fails over on the way must not carry the id to another gateway.
      return connection.call(
        'scannerGetList',
        (g) => g.scannerRows(id, wanted),
        { table: this.#plan.tableName, scanBatch },
        scanner.gateway,
      );
    }, this.#scanner?.gateway);
    // Awaited later, or never if the scan ends first: nobody must be left with an unhandled
    // rejection.
    fetched.catch(() => undefined);
    return fetched;
  }

  /** Opens a scanner: the plan's scan at first, later the scan that resumes after `#lastKey`. */
  async #open(connection: Connection): Promise<OpenScanner> {
    const { scan, skip } = this.#opened
      ? resumeScan(this.#plan.scan, this.#lastKey, this.#returned)
      : { scan: this.#plan.scan, skip: undefined };
    const { tableName } = this.#plan;
    const id = await connection.call('scannerOpenWithScan', (g) => g.openScanner(tableName, scan), {
      table: tableName,
    });
    this.#opened = true;
    this.#skip = skip;
    this.#scanner = { id, gateway: gatewayOf(connection) };
    this.#idle.start();
    return this.#scanner;
  }

  /** Forgets the scanner without closing it. */
  #dropScanner(): OpenScanner | undefined {
    const scanner = this.#scanner;
    this.#scanner = undefined;
    this.#idle.stop();
    return scanner;
  }

  /** Closes the scanner, if one is open, on a connection to its gateway. */
  async #closeScanner(): Promise<void> {
    const scanner = this.#dropScanner();
    if (scanner === undefined) return;
    await this.#plan.connections.use(async (connection) => {
      await reopenIfFailed(connection);
      if (gatewayOf(connection) !== scanner.gateway) return;
      await connection.call(
        'scannerClose',
        (g) => g.closeScanner(scanner.id),
        { table: this.#plan.tableName },
        scanner.gateway,
      );
    }, scanner.gateway);
  }

  /**
   * Nobody pulled for `idleTimeout`: closes the scanner and drops the rows read but not handed
   * out (a resumed scanner reads them again). A run with `scanBatching` cannot resume, so it ends
   * and its next pull reports `ScanExpiredError`.
   */
  async #suspend(): Promise<void> {
    if (this.#finished || this.#scanner === undefined) return;
    // Let a read in flight finish first: a scanner must not be closed while another call reads it.
    const pending = this.#prefetched;
    this.#prefetched = undefined;
    await pending?.catch(() => undefined);
    this.#batch = undefined;
    if (this.#resumable) {
      await this.#closeScanner().catch(() => undefined);
      return;
    }
    this.#pendingError = new ScanExpiredError(this.#plan.idleTimeout);
    await this.#close(true).catch(() => undefined);
  }

  async #fail(error: unknown): Promise<never> {
    await this.#close(true);
    throw error;
  }

  /**
   * Ends the run and closes the server-side scanner. When the scan already failed, its error is
   * the one worth reporting. And a scan that delivered every row is not failed by a transport
   * error on the way out: with the connection gone, nothing more can be done about its scanner.
   */
  async #close(failed: boolean): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#batch = undefined;
    const pending = this.#prefetched;
    this.#prefetched = undefined;
    // Over several connections (a pool, or HTTP requests) a close could overtake a read in flight.
    await pending?.catch(() => undefined);
    await this.#closeScanner().catch((error: unknown) => {
      if (!failed && !(error instanceof TransportError)) throw error;
    });
  }
}

/** Opens a new socket for a connection whose socket failed (it may fail over: see its callers). */
async function reopenIfFailed(connection: Connection): Promise<void> {
  if (connection.hasFailed) await connection.open();
}

/**
 * The scan that continues after `lastKey`: forwards, from the smallest key above it; reversed,
 * from `lastKey` itself (no key just below it can be written), which is then skipped.
 */
function resumeScan(
  scan: ScanSpec,
  lastKey: Buffer | undefined,
  returned: number,
): { scan: ScanSpec; skip: Buffer | undefined } {
  if (lastKey === undefined) return { scan, skip: undefined };
  // A server-side limit counts from the new scanner: the rows still wanted (and the repeated one).
  const left = (extra: number) => (scan.limit === undefined ? undefined : scan.limit - returned + extra);
  if (scan.reversed) return { scan: { ...scan, startRow: lastKey, limit: left(1) }, skip: lastKey };
  return {
    scan: { ...scan, startRow: Buffer.concat([lastKey, Buffer.from([0])]), limit: left(0) },
    skip: undefined,
  };
}
