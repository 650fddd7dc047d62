import { InvalidArgumentError } from './errors';
import { optionalInteger } from './validate';

/**
 * How far a long operation has got: what an `onProgress` callback receives. Counts are totals
 * since the operation started and never decrease from one call to the next. Each call gets a new,
 * frozen object (it may be kept).
 *
 * Every report carries new counts, except the final one (`done: true`), which an operation makes
 * exactly once (a batch: once per `send()` that sent something). Where the work's end is known
 * before its last call is reported (the last call of a `send()` or of a save, the empty reply that
 * ends a scanner), the final report stands in for that call's interim report, so no counts are
 * reported twice. Only where the end becomes known later does the final report repeat the counts
 * of the interim report before it: a batch whose last mutations went in a send that `batchSize`
 * triggered, ended by a `send()` with nothing left to send.
 */
export interface Progress {
  /**
   * The operation reporting: a table or repository scan, a repository count, a batch, a
   * repository save or delete, a bulk writer (`bulk`: `rows` counts the mutations written, `calls`
   * the batches acknowledged).
   */
  readonly operation: 'scan' | 'count' | 'batch' | 'save' | 'delete' | 'bulk';
  /**
   * Rows so far. Reads: rows received from the gateway, counted a scanner batch at a time (a
   * salted repository scan with `limit` reads ahead in every bucket, so it may read more than it
   * returns). Batches, saves and deletes: row mutations sent (a row counts once per call that carries it).
   */
  readonly rows: number;
  /**
   * Bytes so far. Reads: the size of the gateway's replies that carried the rows (the messages
   * the decoders read, as received: no per-row work). Batches, saves and deletes: the payload of the
   * mutations sent, the bytes of their row keys, columns and values (a delete has no value; a
   * counter increment's amount counts as 8), summed as the `bytes` of the calls' traces on the
   * `hbase-mapper:call` channel sum it; not the encoded messages, whose size depends on the
   * protocol.
   */
  readonly bytes: number;
  /**
   * Batches, saves and deletes: cell mutations and counter increments sent (a whole-row delete is one
   * mutation per family). Reads leave it out: counting cells would cost work on every row.
   */
  readonly cells?: number;
  /** Gateway calls that carried the operation's rows: scanner batches read, or mutation calls sent. */
  readonly calls: number;
  /** Batches: the calls of the batch's current send made so far (1 to `partsTotal`). */
  readonly partsSent?: number;
  /**
   * Batches: the calls the batch's current send takes (its deletes, writes and counters, each
   * split to fit the frame size of the framed transport). Saves leave both out: a save sends
   * several batches and checked writes, whose calls are not known up front (`calls` counts them).
   */
  readonly partsTotal?: number;
  /** Milliseconds since the operation started (for a scan: since its iteration started). */
  readonly elapsedMs: number;
  /**
   * Whether this is the final report, never throttled: a scan or count that ran to its end, a
   * batch's `send()` (yours, the callback form's, `await using`'s — not the sends `batchSize`
   * triggers) when anything was sent since the last final report, a save or delete that wrote everything.
   * A `send()` with nothing to send reports nothing: an empty batch reports nothing, and a
   * `send()` of yours inside the callback form or an `await using` block is reported once, not
   * again by the send at the end. A scan left early (`break`) gets no final report.
   */
  readonly done: boolean;
}

/**
 * Told the progress of a long operation (see {@link Progress}). Called synchronously between
 * gateway calls; its return value is ignored (a promise it returns is not awaited).
 *
 * A callback that throws stops the operation: no further call is started, the call in flight
 * settles, a scan closes its scanner, and the operation rejects with the callback's error. The
 * callback is not called again by that operation. For a batch, the parts already sent stay
 * applied (as after any failed send).
 */
export type ProgressCallback = (progress: Progress) => void;

/** The progress options of scans, counts and batches. */
export interface ProgressOptions {
  /** Called as the operation advances (see {@link ProgressCallback}, {@link Progress}). */
  onProgress?: ProgressCallback;
  /**
   * Milliseconds at least between two calls of `onProgress` (default 100; 0 reports every
   * scanner batch or call sent). The final report (`done: true`) is never held back.
   */
  progressInterval?: number;
}

/** @internal The default `progressInterval`: about what a progress bar can show. */
export const DEFAULT_PROGRESS_INTERVAL = 100;

/** @internal Validated progress options. */
export interface ProgressSettings {
  callback: ProgressCallback;
  interval: number;
}

/**
 * @internal Checks `onProgress` and `progressInterval` (options read by `requireOptions`), naming
 * them under `prefix`; undefined when no progress is asked for.
 */
export function progressSettings(
  o: { onProgress?: unknown; progressInterval?: unknown },
  prefix = 'options',
): ProgressSettings | undefined {
  const interval = optionalInteger(o.progressInterval, `${prefix}.progressInterval`, 0, 2 ** 31 - 1);
  if (o.onProgress === undefined) {
    if (interval !== undefined) {
      throw new InvalidArgumentError(`${prefix}.progressInterval`, 'only with onProgress', interval);
    }
    return undefined;
  }
  if (typeof o.onProgress !== 'function') {
    throw new InvalidArgumentError(`${prefix}.onProgress`, 'a function', o.onProgress);
  }
  return { callback: o.onProgress as ProgressCallback, interval: interval ?? DEFAULT_PROGRESS_INTERVAL };
}

/**
 * @internal The counts of one operation and the throttle of its reports. Only created when an
 * `onProgress` is given: the operations without one do no progress work at all.
 */
export class ProgressMeter {
  rows = 0;
  bytes = 0;
  calls = 0;
  /** Batches: cells sent, and the parts of the current send (undefined for reads). */
  cells: number | undefined;
  partsSent: number | undefined;
  partsTotal: number | undefined;
  readonly #operation: Progress['operation'];
  readonly #callback: ProgressCallback;
  readonly #interval: number;
  readonly #start = performance.now();
  #last: number;
  /** Set once the callback threw: it is not called again. */
  #failed = false;
  /** `calls` at the last final report. */
  #finishedCalls = 0;

  constructor(operation: Progress['operation'], settings: ProgressSettings) {
    this.#operation = operation;
    this.#callback = settings.callback;
    this.#interval = settings.interval;
    // The first report too waits for an interval: a quick operation only reports its end.
    this.#last = this.#start;
  }

  /** Reports, unless the previous report (or the start) is less than the interval ago. */
  tick(): void {
    if (this.#failed) return;
    const now = performance.now();
    if (now - this.#last >= this.#interval) this.#report(now, false);
  }

  /**
   * The final report. Its caller makes it once per operation (a batch: once per `send()` that sent
   * something), and makes no interim report of the counts it carries when it can tell.
   */
  finish(): void {
    this.#finishedCalls = this.calls;
    if (!this.#failed) this.#report(performance.now(), true);
  }

  /** Whether calls were counted since the last final report (or the start). */
  get sentSinceFinish(): boolean {
    return this.calls !== this.#finishedCalls;
  }

  /** Calls the callback; what it throws is rethrown to stop the operation. */
  #report(now: number, done: boolean): void {
    this.#last = now;
    const progress: { -readonly [K in keyof Progress]: Progress[K] } = {
      operation: this.#operation,
      rows: this.rows,
      bytes: this.bytes,
      calls: this.calls,
      elapsedMs: now - this.#start,
      done,
    };
    if (this.cells !== undefined) progress.cells = this.cells;
    if (this.partsTotal !== undefined) {
      progress.partsSent = this.partsSent ?? 0;
      progress.partsTotal = this.partsTotal;
    }
    try {
      this.#callback(Object.freeze(progress));
    } catch (error) {
      this.#failed = true;
      throw error;
    }
  }
}
