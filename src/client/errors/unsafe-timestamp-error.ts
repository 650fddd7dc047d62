import { HBaseError } from './hbase-error';

/**
 * A cell's timestamp was to be returned as a number but lies beyond `Number.MAX_SAFE_INTEGER`
 * (2^53 - 1), where a number would round it: HBase timestamps are 64-bit, and other tools write
 * large ones (reverse timestamps such as `Long.MAX_VALUE - now`, nanoseconds, version numbers).
 * Read with `timestampType: 'bigint'` to get every timestamp exactly.
 */
export class UnsafeTimestampError extends HBaseError {
  /** The timestamp, exact. */
  readonly timestamp: bigint;

  constructor(timestamp: bigint) {
    super(
      `a cell timestamp (${timestamp}) is beyond what a number holds exactly (2^53 - 1); ` +
        "read with timestampType: 'bigint' to get it exactly",
    );
    this.timestamp = timestamp;
  }
}
