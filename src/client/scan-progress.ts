import type { RowBatch } from './gateway/row-batch';
import type { ProgressMeter } from './progress';

/**
 * @internal Counts a scanner batch that a scan takes into use, then lets the meter report (what
 * the callback throws fails the scan, which closes its scanner). `skip`: the row a resumed
 * reversed scan reads again and drops, not counted twice. `rowsToEnd`: the rows after which the
 * scan's operation ends (its limit less the rows returned; infinite when not known).
 *
 * A batch the operation's final report follows at once is counted but not reported: the empty
 * batch that ends a scanner (it brings no rows; for a salted scan, the next bucket's batches are
 * reported), and the batch that reaches the limit.
 */
export function countBatch(
  meter: ProgressMeter,
  batch: RowBatch,
  skip: Buffer | undefined,
  rowsToEnd: number,
): void {
  const rows = skip !== undefined && batch.size > 0 ? batch.size - 1 : batch.size;
  meter.calls++;
  meter.bytes += batch.bytes;
  meter.rows += rows;
  if (batch.size > 0 && rows < rowsToEnd) meter.tick();
}
