import type { BulkOp } from './bulk-mutation';
import { BulkWriteError } from './bulk-write-error';

/**
 * @internal What a bulk writer knows of its failure: the first cause (the writer stops sending
 * once there is one), the batches that failed and the mutations they held (unknown: applied or
 * not, it cannot be told), then, once every batch has settled, the one {@link BulkWriteError}.
 */
export class BulkFailure {
  #cause: { value: unknown } | undefined;
  #failedBatches = 0;
  readonly #unknown: number[] = [];
  #error: BulkWriteError | undefined;

  /** Whether the writer stopped: a batch failed, or the progress callback threw. */
  get stopped(): boolean {
    return this.#cause !== undefined;
  }

  /** The error, once made (every batch in flight had settled). */
  get error(): BulkWriteError | undefined {
    return this.#error;
  }

  /** Stops the writer for `cause`, unless it stopped already (the first cause is the one told). */
  stop(cause: unknown): void {
    this.#cause ??= { value: cause };
  }

  /** A batch of `ops` failed after its retries, for `cause`. */
  batchFailed(ops: readonly BulkOp[], cause: unknown): void {
    this.#failedBatches++;
    for (const op of ops) this.#unknown.push(op.index);
    this.stop(cause);
  }

  /**
   * Makes the error (once): of `accepted` mutations, the `unsent` ones (by index) were still
   * buffered; the rest were written, or are unknown.
   */
  settle(accepted: number, unsent: () => number[]): BulkWriteError {
    this.#error ??= BulkWriteError.fromState(
      { accepted, unknown: this.#unknown, unsent: unsent(), failedBatches: this.#failedBatches },
      this.#cause?.value,
    );
    return this.#error;
  }
}
