import { AsyncResource } from 'node:async_hooks';
import type { TracingChannel } from 'node:diagnostics_channel';
import { DONE } from '../client/iterator-done';

/**
 * @internal An async iterator traced as one operation on `channel` (see `RepositoryTraceContext`
 * for what the operation covers). The source is opened inside the operation's first `next()`, and
 * every later pull runs in the async context captured there: the stores bound to the channel's
 * `start` (and any other `AsyncLocalStorage` as it was then) are those of every call the
 * iteration makes, however far apart the pulls are. The whole context is re-entered, not only the
 * channel's stores (the guide says so): a store's transform may not be safe to run twice for one
 * operation (OpenTelemetry's would start a second span).
 */
export class TracedIteration<T> implements AsyncIterator<T, undefined> {
  readonly #channel: TracingChannel<unknown, object>;
  readonly #context: { error?: unknown };
  readonly #open: () => AsyncIterator<T, undefined>;
  #source: AsyncIterator<T, undefined> | undefined;
  /** Runs a function in the async context of the first pull. */
  #inContext: (<R>(fn: () => R) => R) | undefined;
  #started = false;
  #completed = false;

  constructor(
    channel: TracingChannel<unknown, object>,
    context: object,
    open: () => AsyncIterator<T, undefined>,
  ) {
    this.#channel = channel;
    this.#context = context;
    this.#open = open;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const source = this.#source;
    if (!this.#started) return this.#first();
    if (source === undefined || this.#completed) return source?.next() ?? Promise.resolve(DONE);
    return this.#watch(this.#inContext!(() => source.next()));
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    const source = this.#source;
    if (source === undefined) {
      // Never pulled (or the source could not be opened): nothing to complete.
      this.#started = true;
      this.#completed = true;
      return DONE;
    }
    if (this.#completed || !source.return) {
      this.#complete(undefined);
      return source.return ? source.return() : DONE;
    }
    try {
      const result = await this.#inContext!(() => source.return!());
      this.#complete(undefined);
      return result;
    } catch (error) {
      this.#complete(error);
      throw error;
    }
  }

  #first(): Promise<IteratorResult<T, undefined>> {
    const channel = this.#channel;
    const context = this.#context;
    this.#started = true;
    return channel.start.runStores(context, () => {
      try {
        this.#inContext = AsyncResource.bind(<R>(fn: () => R): R => fn()) as <R>(fn: () => R) => R;
        const source = this.#open();
        this.#source = source;
        return this.#watch(source.next());
      } catch (error) {
        // As tracePromise reports a function that throws: `error`, then `end`; nothing async.
        this.#completed = true;
        context.error = error;
        channel.error.publish(context);
        return Promise.reject(error);
      } finally {
        channel.end.publish(context);
      }
    });
  }

  /** Completes the operation when a pull ends the iteration or fails. */
  #watch(pull: Promise<IteratorResult<T, undefined>>): Promise<IteratorResult<T, undefined>> {
    return pull.then(
      (result) => {
        if (result.done) this.#complete(undefined);
        return result;
      },
      (error: unknown) => {
        this.#complete(error);
        throw error;
      },
    );
  }

  #complete(error: unknown): void {
    if (this.#completed) return;
    this.#completed = true;
    const channel = this.#channel;
    const context = this.#context;
    if (error !== undefined) {
      context.error = error;
      channel.error.publish(context);
    }
    channel.asyncStart.publish(context);
    channel.asyncEnd.publish(context);
  }
}
