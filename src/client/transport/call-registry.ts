/** Sequence ids travel as i32; we wrap well before 2^31 so a reply always matches its call. */
const MAX_SEQID = 0x7fff_0000;

/** The longest delay `setTimeout` takes (longer ones fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** @internal A call awaiting its reply: how to settle it, what to name in errors, when it times out. */
export interface PendingCall {
  /** The gateway method, for error messages. */
  readonly method: string;
  /** `performance.now()` value after which the call has timed out. */
  readonly deadline: number;
  /** The timeout the call was given, for error messages. */
  readonly timeoutMs: number;
  /** Settles the call's promise with its result. */
  readonly resolve: (result: unknown) => void;
  /** Settles the call's promise with an error. */
  readonly reject: (error: unknown) => void;
}

/**
 * @internal The calls of one channel that await a reply, by sequence id. Whoever takes a call out
 * of the registry settles it, so every call is settled exactly once: by its reply, by its timeout
 * (see `onTimeout`), or by {@link CallRegistry.rejectAll} when the channel fails or closes. The
 * npm `thrift` library's generated clients keep no such guarantee (their pending callbacks stay
 * pending forever when a socket closes) and let the sequence id grow past i32.
 */
export class CallRegistry {
  /** The sequence id given to the latest call (the next one gets the one after, or 1 after a wrap). */
  lastId = 0;
  readonly #pending = new Map<number, PendingCall>();
  /**
   * One timer per channel finds the calls that timed out, instead of a timer per call: arming
   * and clearing a timer for every call was a tenth of a small call's CPU time.
   */
  #sweepTimer: NodeJS.Timeout | undefined;
  #sweepAt = Number.POSITIVE_INFINITY;

  /**
   * @param onTimeout Called with each call past its deadline, already taken out of the registry:
   *   it must settle the call.
   */
  constructor(private readonly onTimeout: (seqid: number, call: PendingCall) => void) {}

  /** The sequence id for the next call. */
  nextId(): number {
    // After a wrap, an id still pending (a call outliving 2^31 others, say over HTTP with a long
    // timeout) is skipped: reusing it would orphan that call and hand it the other's reply.
    do {
      if (this.lastId >= MAX_SEQID) this.lastId = 0;
      ++this.lastId;
    } while (this.#pending.has(this.lastId));
    return this.lastId;
  }

  /** Registers a call under `seqid`, timing out `timeoutMs` from now. */
  add(
    seqid: number,
    method: string,
    timeoutMs: number,
    resolve: (result: unknown) => void,
    reject: (error: unknown) => void,
  ): void {
    const deadline = performance.now() + timeoutMs;
    this.#pending.set(seqid, { method, deadline, timeoutMs, resolve, reject });
    if (deadline < this.#sweepAt) this.#scheduleSweep(deadline);
  }

  /** Whether a call awaits the reply with this sequence id. */
  has(seqid: number): boolean {
    return this.#pending.has(seqid);
  }

  /** Takes the call with this sequence id out of the registry (for the caller to settle), if any. */
  take(seqid: number): PendingCall | undefined {
    const call = this.#pending.get(seqid);
    if (call !== undefined) this.#pending.delete(seqid);
    return call;
  }

  /** Number of calls awaiting a reply. */
  get size(): number {
    return this.#pending.size;
  }

  /** Rejects every pending call with `error` and empties the registry. */
  rejectAll(error: unknown): void {
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    // Nothing is left to time out: a timer still armed would keep the closed channel in memory.
    if (this.#sweepTimer !== undefined) clearTimeout(this.#sweepTimer);
    this.#sweepTimer = undefined;
    this.#sweepAt = Number.POSITIVE_INFINITY;
    for (const call of calls) call.reject(error);
  }

  #scheduleSweep(deadline: number): void {
    if (this.#sweepTimer !== undefined) clearTimeout(this.#sweepTimer);
    this.#sweepAt = deadline;
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(deadline - performance.now())));
    this.#sweepTimer = setTimeout(() => this.#sweep(), delay);
    // Pending calls keep the process alive through their socket or request, not through this.
    this.#sweepTimer.unref();
  }

  /** Hands the calls past their deadline to `onTimeout` and waits for the next deadline. */
  #sweep(): void {
    this.#sweepTimer = undefined;
    this.#sweepAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [seqid, call] of this.#pending) {
      if (call.deadline > now) {
        next = Math.min(next, call.deadline);
        continue;
      }
      // A timeout may fail the whole channel (a socket is dropped), emptying the registry.
      if (this.#pending.delete(seqid)) this.onTimeout(seqid, call);
    }
    if (next < Number.POSITIVE_INFINITY && this.#pending.size > 0) this.#scheduleSweep(next);
  }
}
