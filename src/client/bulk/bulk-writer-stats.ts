/**
 * A snapshot of a bulk writer's counts (`writer.stats()`). Bytes are counted as the
 * `maxBufferedBytes` bound counts them: each mutation's payload plus 64 bytes of bookkeeping.
 */
export interface BulkWriterStats {
  /** Mutations accepted (buffered) so far. */
  readonly accepted: number;
  /** Mutations in batches the gateway acknowledged. */
  readonly written: number;
  /** Bytes buffered and not sent yet. */
  readonly bufferedBytes: number;
  /** Bytes of the batches in flight. */
  readonly inFlightBytes: number;
  /** The most bytes ever buffered and in flight together: never above `maxBufferedBytes`. */
  readonly peakBytes: number;
  /** Batches in flight now. */
  readonly inFlightBatches: number;
  /** Batches acknowledged so far. */
  readonly batches: number;
  /** Batches sent again after a failure. */
  readonly retries: number;
  /** Regions of the table in the writer's current map (1 before the first mutation). */
  readonly regions: number;
}
