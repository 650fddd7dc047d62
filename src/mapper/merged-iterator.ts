import { DONE } from '../client/iterator-done';

/** The next item of one source, waiting in the heap. */
interface Head<S> {
  item: S;
  source: number;
}

/**
 * @internal A k-way merge of sorted async sources (the per-bucket scans of a salted key) into one
 * sorted iterator, through a binary heap of each source's next item: every item costs
 * `log2(k)` comparisons, and only one item per source is held besides what each source buffers
 * itself (a scan: at most two batches). Items are mapped (rows to entities) only as they are
 * handed out. Stops after `limit` items, closing every source; a failing source closes the
 * others.
 *
 * Calls to `next()` made without waiting are answered in order.
 */
export class MergedIterator<S, T> implements AsyncIterator<T, undefined> {
  readonly #sources: Array<AsyncIterator<S>>;
  readonly #before: (a: S, b: S) => boolean;
  readonly #map: (item: S) => T;
  readonly #limit: number;
  #heap: Array<Head<S>> | undefined;
  #handedOut = 0;
  #ended = false;
  #queue: Promise<unknown> = Promise.resolve();

  /** `compare` orders items as they must come out (negative: `a` first). */
  constructor(
    sources: Array<AsyncIterator<S>>,
    compare: (a: S, b: S) => number,
    limit: number,
    map: (item: S) => T,
  ) {
    this.#sources = sources;
    this.#before = (a, b) => compare(a, b) < 0;
    this.#limit = limit;
    this.#map = map;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const step = this.#queue.then(() => this.#step());
    this.#queue = step.catch(() => undefined);
    return step;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    await this.#queue;
    await this.#end();
    return DONE;
  }

  async #step(): Promise<IteratorResult<T, undefined>> {
    if (this.#ended) return DONE;
    try {
      this.#heap ??= await this.#firstHeads();
      const heap = this.#heap;
      if (heap.length === 0 || this.#handedOut >= this.#limit) {
        await this.#end();
        return DONE;
      }
      const top = heap[0]!;
      const value = this.#map(top.item);
      this.#handedOut++;
      // Refill from the source the item came from (unless the limit is reached: nothing more is
      // needed from any source, and return() or the next call closes them).
      const next = this.#handedOut < this.#limit ? await this.#sources[top.source]!.next() : DONE;
      if (next.done) {
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          this.#siftDown(heap);
        }
      } else {
        top.item = next.value;
        this.#siftDown(heap);
      }
      return { value, done: false };
    } catch (error) {
      // The failure is the one worth reporting, not a failure to close the other sources.
      await this.#end().catch(() => undefined);
      throw error;
    }
  }

  /** Every source's first item, read at once (each opens its scanner meanwhile). */
  async #firstHeads(): Promise<Array<Head<S>>> {
    const firsts = await Promise.all(this.#sources.map((source) => source.next()));
    const heap: Array<Head<S>> = [];
    firsts.forEach((first, source) => {
      if (!first.done) heap.push({ item: first.value, source });
    });
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) this.#siftDown(heap, i);
    return heap;
  }

  #siftDown(heap: Array<Head<S>>, from = 0): void {
    const head = heap[from]!;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && this.#before(heap[right]!.item, heap[left]!.item) ? right : left;
      if (!this.#before(heap[child]!.item, head.item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = head;
  }

  /** Ends the merge and closes every source (a source already finished ignores it). */
  async #end(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#heap = [];
    const closed = await Promise.allSettled(this.#sources.map((source) => source.return?.()));
    const failure = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
