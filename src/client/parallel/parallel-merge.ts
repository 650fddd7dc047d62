import { DONE } from '../iterator-done';

/**
 * @internal A source of a {@link ParallelMerge}: an async iterator that may also hand out the
 * items it already holds without a promise each (a scanner's fetched batch).
 */
export interface MergeSource<S> extends AsyncIterator<S> {
  /**
   * The next item already at hand, or `undefined` when the next one must come from `next()` (so
   * no item may be `undefined`: rows and entities never are).
   */
  nextReady?(): S | undefined;
}

/** @internal What a {@link ParallelMerge} reads, and how. */
export interface MergePlan<S, L, T = S> {
  /** How many splits (sources) there are, numbered from 0 in output order. */
  splits: number;
  /** How many splits are read at once at most (each on a lane of its own). */
  lanes: number;
  /** Hand out the items in split order (all of split 0's, then split 1's...) instead of as they come. */
  ordered: boolean;
  /** Stop after this many items in all. */
  limit: number;
  /**
   * What lane number `lane` reads on (a connection, a lease...), got when it first has work.
   * Released by `release` when it has none left or the merge ends.
   */
  acquire(lane: number): Promise<L>;
  /** Gives back what `acquire` gave. */
  release(resource: L): Promise<void>;
  /** The items of split `split`, read on `resource`. Its `return()` is called if it is left early. */
  open(split: number, resource: L): MergeSource<S>;
  /** Turns each item into what is handed out, as it is handed out. */
  map?: (item: S) => T;
}

/**
 * A lane's source with an item ready: the item its `next()` gave, then what `nextReady()` gives.
 * The lane waits, its source untouched, until the consumer has taken them all (`drained`).
 */
interface ReadyRun<S> {
  split: number;
  first: S | typeof NONE;
  source: MergeSource<S>;
  drained: () => void;
}

/**
 * @internal Reads several sources (the parts of a parallel scan) at once, at most `lanes` at a
 * time, and hands out their items as one sequence: as they come, or in source order.
 *
 * A lane awaits its source's next item, then offers the source as a ready run and waits until the
 * consumer has taken that item and every one the source holds at hand (`nextReady()`: the rest of
 * a scanner's batch). So items are decoded only as they are handed out, a batch is handed out in
 * one stretch (its memory is let go as soon as it is), and a source that holds more than the
 * consumer takes simply waits (back-pressure). Memory stays bounded whatever the sources' sizes:
 * what each source reading holds (a scanner: its batch and one read ahead).
 *
 * - unordered, runs are handed out in the order they became ready;
 * - ordered, only the sources within `lanes` of the one being handed out are read, and only the
 *   run of that one is handed out. The sources are disjoint ranges of keys in key order, so handing
 *   them out one after the other IS the merge: no item is compared.
 *
 * When the consumer leaves (`return()`), the limit is reached or a source fails, every source
 * still open is returned (a scanner is closed on its gateway) and every lane released before
 * `return()` (or the failing `next()`) settles.
 */
export class ParallelMerge<S, L, T = S> implements AsyncIterator<T, undefined> {
  readonly #plan: MergePlan<S, L, T>;
  readonly #map: (item: S) => T;
  /** Unordered: the runs ready, oldest first. */
  readonly #ready: Array<ReadyRun<S>> = [];
  /** Ordered: the run ready of each split. */
  readonly #slots: Array<ReadyRun<S> | undefined> = [];
  /** Ordered: the splits whose source has ended. */
  readonly #ended: boolean[] = [];
  #started = false;
  #nextSplit = 0;
  #pulls = 0;
  /** Ordered: the split being handed out. */
  #head = 0;
  #lanesLeft = 0;
  readonly #laneRuns: Array<Promise<void>> = [];
  #handedOut = 0;
  #stopped = false;
  #error: { error: unknown } | undefined;
  #closing: Promise<void> | undefined;
  /** Wake the consumer's calls waiting for an item (several when `next()` is called again before one settles). */
  readonly #consumerWaiters: Array<() => void> = [];
  /** Wake the lanes waiting for the ordered window to move on. */
  readonly #windowWaiters: Array<() => void> = [];
  /** Resolves when the merge stops: lanes waiting for a resource give up on it. */
  readonly #stoppedSignal: Promise<void>;
  #signalStopped!: () => void;
  /**
   * Resolves once every split is taken (or the merge stops): a lane still waiting for its resource
   * then has nothing left to read and gives up on it. Without this, a lane whose lease never comes
   * (a pool of one, leased already by the caller) would keep the merge from ever ending.
   */
  readonly #noSplitLeft: Promise<void>;
  #signalNoSplitLeft!: () => void;

  constructor(plan: MergePlan<S, L, T>) {
    this.#plan = plan;
    this.#map = plan.map ?? ((item) => item as unknown as T);
    this.#stoppedSignal = new Promise((resolve) => {
      this.#signalStopped = resolve;
    });
    this.#noSplitLeft = new Promise((resolve) => {
      this.#signalNoSplitLeft = resolve;
    });
    void this.#stoppedSignal.then(() => this.#signalNoSplitLeft());
  }

  /** @internal How many times `next()` was called (the sources' idle watches look at it). */
  get pulls(): number {
    return this.#pulls;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    this.#pulls++;
    if (!this.#started) this.#start();
    const item = this.#takeReady();
    if (item !== NONE) return Promise.resolve({ value: item, done: false });
    if (this.#error !== undefined) return this.#failNow();
    if (this.#stopped) return this.#close().then(() => DONE);
    if (this.#finished()) {
      this.#stop();
      return this.#close().then(() => (this.#error ? this.#failNow() : DONE));
    }
    return this.#waitForItem().then(() => this.next());
  }

  /**
   * @internal The next item already at hand, without a promise (a merge of merges drains its
   * sources this way), or `undefined` when `next()` must be called: none is ready, or the merge
   * is over (`next()` then says how).
   */
  nextReady(): T | undefined {
    if (!this.#started) return undefined;
    this.#pulls++;
    const item = this.#takeReady();
    return item === NONE ? undefined : item;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#stop();
    await this.#close();
    return DONE;
  }

  #start(): void {
    this.#started = true;
    const lanes = Math.max(0, Math.min(this.#plan.lanes, this.#plan.splits));
    this.#lanesLeft = lanes;
    for (let lane = 0; lane < lanes; lane++) this.#laneRuns.push(this.#runLane(lane));
  }

  /**
   * The next item of the runs ready, mapped, or NONE: none is ready, or the merge stopped or
   * failed. An item that cannot be taken or mapped fails the merge (its sources are closed by the
   * `next()` that reports it): a `for await` loop never calls `return()` after `next()` throws.
   */
  #takeReady(): T | typeof NONE {
    for (;;) {
      if (this.#error !== undefined || this.#stopped) return NONE;
      const run = this.#currentRun();
      if (run === undefined) return NONE;
      let item: S | undefined;
      try {
        if (run.first !== NONE) {
          item = run.first;
          run.first = NONE;
        } else {
          item = run.source.nextReady?.();
          if (item === undefined) {
            this.#finishRun(run);
            continue;
          }
        }
        this.#handedOut++;
        if (this.#handedOut >= this.#plan.limit) this.#stop();
        return this.#map(item);
      } catch (error) {
        this.#error ??= { error };
        this.#stop();
        return NONE;
      }
    }
  }

  /** The run to hand out from, if one is ready. Ordered: moves past the splits fully handed out. */
  #currentRun(): ReadyRun<S> | undefined {
    if (!this.#plan.ordered) return this.#ready[0];
    for (;;) {
      if (this.#head >= this.#plan.splits) return undefined;
      const run = this.#slots[this.#head];
      if (run !== undefined || !this.#ended[this.#head]) return run;
      this.#head++;
      for (const wake of this.#windowWaiters.splice(0)) wake();
    }
  }

  /** Takes a run whose items are all handed out off the list, and lets its lane read on. */
  #finishRun(run: ReadyRun<S>): void {
    if (this.#plan.ordered) this.#slots[run.split] = undefined;
    else this.#ready.shift();
    run.drained();
  }

  #offer(run: ReadyRun<S>): void {
    if (this.#plan.ordered) this.#slots[run.split] = run;
    else this.#ready.push(run);
    this.#wake();
  }

  #finished(): boolean {
    if (this.#plan.ordered) return this.#head >= this.#plan.splits || this.#lanesLeft === 0;
    return this.#lanesLeft === 0;
  }

  #waitForItem(): Promise<void> {
    return new Promise((resolve) => this.#consumerWaiters.push(resolve));
  }

  #wake(): void {
    for (const wake of this.#consumerWaiters.splice(0)) wake();
  }

  async #failNow(): Promise<never> {
    this.#stop();
    await this.#close();
    const { error } = this.#error!;
    throw error;
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#signalStopped();
    // Every lane waiting on its run goes on to return its source.
    const waiting = [...this.#ready.splice(0), ...this.#slots.splice(0)];
    for (const run of waiting) run?.drained();
    for (const wake of this.#windowWaiters.splice(0)) wake();
    this.#wake();
  }

  #close(): Promise<void> {
    this.#closing ??= Promise.allSettled(this.#laneRuns).then(() => undefined);
    return this.#closing;
  }

  /** The next split a lane may read, or undefined when none is left (or the merge stopped). */
  async #takeSplit(): Promise<number | undefined> {
    for (;;) {
      if (this.#stopped || this.#nextSplit >= this.#plan.splits) return undefined;
      // Ordered: only within `lanes` of the head, so that at most `lanes` sources are open.
      if (!this.#plan.ordered || this.#nextSplit < this.#head + this.#plan.lanes) {
        const split = this.#nextSplit++;
        if (this.#nextSplit >= this.#plan.splits) this.#signalNoSplitLeft();
        return split;
      }
      await new Promise<void>((resolve) => this.#windowWaiters.push(resolve));
    }
  }

  async #runLane(lane: number): Promise<void> {
    let resource: { value: L } | undefined;
    try {
      const acquiring = this.#plan.acquire(lane);
      const got = await Promise.race([acquiring.then((value) => ({ value })), this.#noSplitLeft]);
      if (got === undefined) {
        // Stopped, or every split taken by other lanes, while waiting (a pool with no free
        // lease): give it back whenever it comes.
        acquiring.then((value) => this.#plan.release(value)).catch(() => undefined);
        return;
      }
      resource = got;
      for (;;) {
        const split = await this.#takeSplit();
        if (split === undefined) break;
        await this.#readSplit(split, resource.value);
      }
    } catch (error) {
      this.#error ??= { error };
      this.#stop();
    } finally {
      if (resource !== undefined) await this.#plan.release(resource.value).catch(() => undefined);
      this.#lanesLeft--;
      this.#wake();
    }
  }

  async #readSplit(split: number, resource: L): Promise<void> {
    const source = this.#plan.open(split, resource);
    let done = false;
    try {
      while (!this.#stopped) {
        const result = await source.next();
        if (result.done) {
          done = true;
          break;
        }
        if (this.#stopped) break;
        await new Promise<void>((drained) => this.#offer({ split, first: result.value, source, drained }));
      }
    } finally {
      // Left early (stopped, or failed): the source closes what it holds (its scanner).
      if (!done) await source.return?.().catch(() => undefined);
    }
    this.#ended[split] = true;
    this.#wake();
  }
}

const NONE = Symbol('no item');
