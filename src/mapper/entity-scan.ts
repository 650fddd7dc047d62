/**
 * The entities of a repository scan, as an `AsyncIterable`. Rows are fetched a batch at a time;
 * a pooled connection is leased for the duration of one iteration.
 */
export class EntityScan<T> implements AsyncIterable<T> {
  readonly #iterate: () => AsyncIterator<T>;

  /** @internal Created by `Repository.scan()`. */
  constructor(iterate: () => AsyncIterator<T>) {
    this.#iterate = iterate;
  }

  /** Iterates the entities. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.#iterate();
  }

  /** Collects every entity into an array (for small scans). */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
