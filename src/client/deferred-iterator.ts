import { DONE } from './iterator-done';

/**
 * @internal An iterator whose source is made on the first `next()`: building it takes a call
 * (a parallel scan lists the regions; a repository scan over a pool needs a connection for a
 * moment to build its scanners), and nothing is leased or sent before a pull. After that, calls go
 * straight to the source.
 */
export class DeferredIterator<T> implements AsyncIterator<T, undefined> {
  readonly #start: () => Promise<AsyncIterator<T, undefined>>;
  #run: AsyncIterator<T, undefined> | undefined;
  #starting: Promise<AsyncIterator<T, undefined>> | undefined;
  #ended = false;

  constructor(start: () => Promise<AsyncIterator<T, undefined>>) {
    this.#start = start;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#run) return this.#run.next();
    if (this.#ended) return Promise.resolve(DONE);
    this.#starting ??= this.#start().then(
      (run) => {
        this.#run = run;
        return run;
      },
      (error: unknown) => {
        this.#ended = true;
        throw error;
      },
    );
    return this.#starting.then((run) => run.next());
  }

  /**
   * @internal The next item the source holds at hand, without a promise (see `MergeSource`), or
   * `undefined`: the source is not made yet, holds none, or cannot say.
   */
  nextReady(): T | undefined {
    return (this.#run as { nextReady?: () => T | undefined } | undefined)?.nextReady?.();
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#ended = true;
    const run = this.#run ?? (await this.#starting?.catch(() => undefined));
    return run?.return ? run.return() : DONE;
  }
}
