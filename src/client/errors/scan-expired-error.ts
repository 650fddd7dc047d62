import { HBaseError } from './hbase-error';

/**
 * A scan was left without a pull for longer than its `idleTimeout`, so its server-side scanner
 * was closed, and it cannot resume where it was: with `scanBatching` a row may have been handed
 * out in part. (Scans without `scanBatching` resume on a new scanner instead.)
 */
export class ScanExpiredError extends HBaseError {
  /** The scan's idle timeout, in milliseconds. */
  readonly idleTimeout: number;

  constructor(idleTimeout: number) {
    super(
      `the scan was not pulled for ${idleTimeout} ms (its idleTimeout), so its server-side scanner was closed; ` +
        'a scan with scanBatching cannot resume, as a row may have been returned in part',
    );
    this.idleTimeout = idleTimeout;
  }
}
