/**
 * @internal Reads several async sources at once and yields their items in source order: all of
 * the first source's, then the second's, and so on. At most `concurrency` sources are read ahead
 * of the one being yielded, each holding at most `buffer` items: memory stays bounded whatever the
 * sources' sizes. Used by `export --concurrency` to scan a table's regions in parallel while the
 * file keeps key order.
 *
 * When the consumer stops early (or a source fails), the sources still reading are stopped: their
 * iterators are returned (a scanner then closes on the gateway).
 */
export async function* orderedMerge<T>(
  sources: ReadonlyArray<() => AsyncIterable<T>>,
  concurrency: number,
  buffer: number,
): AsyncGenerator<T> {
  const queues = sources.map(() => new BoundedQueue<T>(buffer));
  const pumps: Array<Promise<void>> = [];
  let stopped = false;
  const start = (index: number) => {
    if (index < sources.length) pumps[index] = pump(sources[index]!, queues[index]!, () => stopped);
  };
  for (let i = 0; i < concurrency; i++) start(i);
  try {
    for (let i = 0; i < queues.length; i++) {
      yield* queues[i]!.drain();
      // Source i is consumed: the next one beyond the window may start.
      start(i + concurrency);
    }
  } finally {
    stopped = true;
    for (const queue of queues) queue.cancel();
    await Promise.allSettled(pumps);
  }
}

/** Copies a source into its queue, waiting while the queue is full. */
async function pump<T>(source: () => AsyncIterable<T>, queue: BoundedQueue<T>, stopped: () => boolean) {
  try {
    for await (const item of source()) {
      if (stopped()) break;
      await queue.push(item);
    }
    queue.end();
  } catch (error) {
    queue.fail(error);
  }
}

/** A queue of at most `size` items between one producer and one consumer. */
class BoundedQueue<T> {
  readonly #size: number;
  readonly #items: T[] = [];
  #ended = false;
  #cancelled = false;
  #error: { error: unknown } | undefined;
  /** Wakes the consumer (an item, the end or a failure) or the producer (room, or cancel). */
  #wake: (() => void) | undefined;

  constructor(size: number) {
    this.#size = size;
  }

  async push(item: T): Promise<void> {
    while (this.#items.length >= this.#size && !this.#cancelled) await this.#wait();
    this.#items.push(item);
    this.#signal();
  }

  end(): void {
    this.#ended = true;
    this.#signal();
  }

  fail(error: unknown): void {
    this.#error = { error };
    this.#signal();
  }

  cancel(): void {
    this.#cancelled = true;
    this.#signal();
  }

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.#items.length > 0) {
        const item = this.#items.shift()!;
        this.#signal(); // room for the producer
        yield item;
        continue;
      }
      if (this.#error) throw this.#error.error;
      if (this.#ended) return;
      await this.#wait();
    }
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
