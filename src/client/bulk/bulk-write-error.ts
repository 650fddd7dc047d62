import { HBaseError } from '../errors/hbase-error';
import { complementRanges, type IndexRange, rangesSize, toIndexRanges } from './index-ranges';

/**
 * A bulk writer stopped: a batch failed (after the retries it was allowed), or the `onProgress`
 * callback threw. Raised once every batch in flight has settled, so its counts are final: every
 * mutation the writer accepted is in exactly one of `written`, `unknown` and `unsent`.
 *
 * - `written`: in batches the gateway acknowledged. They are stored.
 * - `unknown`: in batches whose call failed. The gateway may have applied all, some or none of
 *   them (a `mutateRows` is not atomic across rows, and a reply lost with the socket says nothing).
 * - `unsent`: accepted, still buffered when the writer stopped: never sent.
 *
 * To complete the data, write again the mutations of `notKnownWritten` (the ranges of `unknown`
 * and `unsent` together). That is exact when they carry explicit timestamps (a put written twice at
 * the same timestamp is stored once); at the server's time a re-run may add a second version of a
 * cell that was applied (see the bulk-writes guide).
 *
 * The message gives counts only, never row keys or values; `cause` is the first failure.
 */
export class BulkWriteError extends HBaseError {
  /** Mutations accepted by the writer (`written + unknown + unsent`). */
  readonly accepted: number;
  /** Mutations in batches the gateway acknowledged. */
  readonly written: number;
  /** Mutations in batches whose call failed: applied or not, it cannot be told. */
  readonly unknown: number;
  /** Mutations accepted but never sent. */
  readonly unsent: number;
  /** The indices of the `written` mutations. */
  readonly knownWritten: readonly IndexRange[];
  /** The indices of the `unknown` and `unsent` mutations: what a re-run must write again. */
  readonly notKnownWritten: readonly IndexRange[];
  /** The indices of the `unknown` mutations alone. */
  readonly unknownRanges: readonly IndexRange[];
  /** Batches that failed (each counted once, after its retries). */
  readonly failedBatches: number;

  /**
   * @internal The error of a writer that stopped: of `accepted` mutations, those `unknown` (in
   * failed batches) and `unsent` (still buffered), by index; the rest were written.
   */
  static fromState(
    state: { accepted: number; unknown: readonly number[]; unsent: readonly number[]; failedBatches: number },
    cause: unknown,
  ): BulkWriteError {
    const notKnownWritten = toIndexRanges([...state.unknown, ...state.unsent]);
    const knownWritten = complementRanges(notKnownWritten, state.accepted);
    return new BulkWriteError(
      {
        accepted: state.accepted,
        written: rangesSize(knownWritten),
        unknown: state.unknown.length,
        unsent: state.unsent.length,
        knownWritten,
        notKnownWritten,
        unknownRanges: toIndexRanges(state.unknown),
        failedBatches: state.failedBatches,
      },
      cause,
    );
  }

  /** @internal Made by the bulk writer. */
  constructor(
    figures: {
      accepted: number;
      written: number;
      unknown: number;
      unsent: number;
      knownWritten: readonly IndexRange[];
      notKnownWritten: readonly IndexRange[];
      unknownRanges: readonly IndexRange[];
      failedBatches: number;
    },
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? `${cause.name}` : 'a failure';
    super(
      `bulk write stopped by ${reason} in ${figures.failedBatches} batch(es): of ${figures.accepted} mutations, ` +
        `${figures.written} written, ${figures.unknown} unknown (in failed batches), ${figures.unsent} not sent`,
      { cause },
    );
    this.accepted = figures.accepted;
    this.written = figures.written;
    this.unknown = figures.unknown;
    this.unsent = figures.unsent;
    this.knownWritten = Object.freeze([...figures.knownWritten]);
    this.notKnownWritten = Object.freeze([...figures.notKnownWritten]);
    this.unknownRanges = Object.freeze([...figures.unknownRanges]);
    this.failedBatches = figures.failedBatches;
  }
}
