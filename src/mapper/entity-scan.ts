/**
 * The entities of a repository scan, as an `AsyncIterable`. Rows are fetched a batch at a time.
 * Over a pool, a connection is leased only for the duration of each call (opening a scanner,
 * fetching a batch, closing it), never between pulls: an iteration abandoned unfinished holds no
 * connection, and its server-side scanners are closed after its `idleTimeout`. Each iteration
 * runs the scan afresh.
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
