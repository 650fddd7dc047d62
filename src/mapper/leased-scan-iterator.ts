import type { ConnectionLease, ConnectionPool } from '../client/connection-pool';

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * @internal The iterator of a repository scan over a pool. A server-side scanner lives on one
 * gateway connection, so a connection is leased on the first `next()` for the whole run; `start`
 * begins the run on it and must release the lease when the run ends (the scan's end hook).
 * After that, calls go straight to the run's own iterator.
 */
export class LeasedScanIterator<T> implements AsyncIterator<T, undefined> {
  #run: AsyncIterator<T, undefined> | undefined;
  #starting: Promise<AsyncIterator<T, undefined>> | undefined;
  #ended = false;

  constructor(
    private readonly pool: ConnectionPool,
    private readonly start: (lease: ConnectionLease) => AsyncIterator<T, undefined>,
  ) {}

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#run) return this.#run.next();
    if (this.#ended) return Promise.resolve(DONE);
    return this.#begin().then((run) => run.next());
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#ended = true;
    const run = this.#run ?? (await this.#starting?.catch(() => undefined));
    return run?.return ? run.return() : DONE;
  }

  #begin(): Promise<AsyncIterator<T, undefined>> {
    this.#starting ??= this.pool.acquire().then(
      (lease) => {
        try {
          this.#run = this.start(lease);
        } catch (error) {
          void lease.release();
          throw error;
        }
        return this.#run;
      },
      (error: unknown) => {
        this.#ended = true;
        throw error;
      },
    );
    return this.#starting;
  }
}
