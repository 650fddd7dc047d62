import { DONE } from '../iterator-done';
import { ItemQueue } from './item-queue';

/** @internal What a {@link ParallelMerge} reads, and how. */
export interface MergePlan<S, L, T = S> {
  /** How many splits (sources) there are, numbered from 0 in output order. */
  splits: number;
  /** How many splits are read at once at most (each on a lane of its own). */
  lanes: number;
  /** Hand out the items in split order (all of split 0's, then split 1's...) instead of as they come. */
  ordered: boolean;
  /** Items each reading split may hold ahead of the consumer. */
  buffer: number;
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
  open(split: number, resource: L): AsyncIterator<S>;
  /** Turns each item into what is handed out, as it is handed out. */
  map?: (item: S) => T;
}

/**
 * @internal Reads several sources (the parts of a parallel scan) at once, at most `lanes` at a
 * time, and hands out their items as one sequence: as they come, or in source order through a
 * bounded window. Memory stays bounded whatever the sources' sizes:
 *
 * - unordered, the lanes share one queue of `lanes × buffer` items;
 * - ordered, only the sources within `lanes` of the one being handed out are read, each into a
 *   queue of `buffer` items. The sources are disjoint ranges of keys in key order, so handing them
 *   out one after the other IS the merge: no item is compared.
 *
 * A full queue stops its producer (back-pressure). When the consumer leaves (`return()`), the
 * limit is reached or a source fails, every source still open is returned (a scanner is closed on
 * its gateway) and every lane released before `return()` (or the failing `next()`) settles.
 */
export class ParallelMerge<S, L, T = S> implements AsyncIterator<T, undefined> {
  readonly #plan: MergePlan<S, L, T>;
  readonly #map: (item: S) => T;
  /** Ordered: a queue per split, made when a lane takes it. Unordered: one, at index 0. */
  readonly #queues: Array<ItemQueue<S> | undefined> = [];
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
  /** Wakes the consumer. */
  #wakeConsumer: (() => void) | undefined;
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
    if (this.#error !== undefined) return this.#failNow();
    if (this.#stopped) return this.#close().then(() => DONE);
    const item = this.#take();
    if (item !== NONE) {
      this.#handedOut++;
      if (this.#handedOut >= this.#plan.limit) this.#stop();
      return Promise.resolve({ value: this.#map(item), done: false });
    }
    if (this.#finished()) {
      this.#stop();
      return this.#close().then(() => (this.#error ? this.#failNow() : DONE));
    }
    return this.#waitForItem().then(() => this.next());
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#stop();
    await this.#close();
    return DONE;
  }

  #start(): void {
    this.#started = true;
    const lanes = Math.max(0, Math.min(this.#plan.lanes, this.#plan.splits));
    if (!this.#plan.ordered) this.#queues[0] = this.#newQueue(lanes * this.#plan.buffer);
    this.#lanesLeft = lanes;
    for (let lane = 0; lane < lanes; lane++) this.#laneRuns.push(this.#runLane(lane));
  }

  #newQueue(capacity: number): ItemQueue<S> {
    return new ItemQueue<S>(Math.max(1, capacity), () => this.#wake());
  }

  /** The next item ready, or NONE. Ordered: moves past the splits fully handed out. */
  #take(): S | typeof NONE {
    if (!this.#plan.ordered) {
      const queue = this.#queues[0]!;
      return queue.size > 0 ? (queue.take() as S) : NONE;
    }
    for (;;) {
      const queue = this.#queues[this.#head];
      if (queue === undefined) return NONE;
      if (queue.size > 0) return queue.take() as S;
      if (!queue.drained) return NONE;
      this.#queues[this.#head] = undefined;
      this.#head++;
      for (const wake of this.#windowWaiters.splice(0)) wake();
    }
  }

  #finished(): boolean {
    if (this.#plan.ordered) return this.#head >= this.#plan.splits || this.#lanesLeft === 0;
    return this.#lanesLeft === 0;
  }

  #waitForItem(): Promise<void> {
    return new Promise((resolve) => {
      this.#wakeConsumer = resolve;
    });
  }

  #wake(): void {
    const wake = this.#wakeConsumer;
    this.#wakeConsumer = undefined;
    wake?.();
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
    for (const queue of this.#queues) queue?.cancel();
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
      // Ordered: only within `lanes` of the head, so that at most `lanes` queues exist.
      if (!this.#plan.ordered || this.#nextSplit < this.#head + this.#plan.lanes) {
        const split = this.#nextSplit++;
        if (this.#nextSplit >= this.#plan.splits) this.#signalNoSplitLeft();
        if (this.#plan.ordered) this.#queues[split] = this.#newQueue(this.#plan.buffer);
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
    const queue = (this.#plan.ordered ? this.#queues[split] : this.#queues[0])!;
    const source = this.#plan.open(split, resource);
    let done = false;
    try {
      while (!this.#stopped) {
        const result = await source.next();
        if (result.done) {
          done = true;
          break;
        }
        const full = queue.push(result.value);
        if (full !== undefined) await full;
      }
    } finally {
      // Left early (stopped, or failed): the source closes what it holds (its scanner).
      if (!done) await source.return?.().catch(() => undefined);
    }
    if (this.#plan.ordered) queue.end();
    else this.#wake();
  }
}

const NONE = Symbol('no item');
