/**
 * @internal A bounded queue between producers (the scanners of a parallel scan) and one consumer.
 * `push` answers `undefined` while there is room (no promise per item on the fast path) and a
 * promise to wait on when full: a producer then stops fetching, which is what bounds a parallel
 * scan's memory. `cancel` lets every waiting producer go (its items are dropped).
 */
export class ItemQueue<T> {
  readonly #capacity: number;
  #items: T[] = [];
  /** Index of the next item to take in `#items` (compacted now and then: no O(n) shift). */
  #head = 0;
  #ended = false;
  #cancelled = false;
  readonly #waitingProducers: Array<() => void> = [];
  readonly #onItem: () => void;

  /** `onItem` wakes the consumer (an item or the end arrived). */
  constructor(capacity: number, onItem: () => void) {
    this.#capacity = capacity;
    this.#onItem = onItem;
  }

  /** Items waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Whether the producer said it is done and every item was taken. */
  get drained(): boolean {
    return this.#ended && this.size === 0;
  }

  /** Adds an item; when the queue is then full, a promise that resolves once there is room. */
  push(item: T): Promise<void> | undefined {
    if (this.#cancelled) return undefined;
    this.#items.push(item);
    this.#onItem();
    if (this.size < this.#capacity) return undefined;
    return new Promise((resolve) => this.#waitingProducers.push(resolve));
  }

  /** The next item, or `undefined` when none is waiting. */
  take(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head]!;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    // Room again: the producers waiting may fetch on.
    if (this.size < this.#capacity) this.#releaseProducers();
    return item;
  }

  /** No more items will come. */
  end(): void {
    this.#ended = true;
    this.#onItem();
  }

  /** Drops the items and lets every producer go: the scan is over. */
  cancel(): void {
    this.#cancelled = true;
    this.#items = [];
    this.#head = 0;
    this.#releaseProducers();
  }

  #releaseProducers(): void {
    for (const resolve of this.#waitingProducers.splice(0)) resolve();
  }
}
