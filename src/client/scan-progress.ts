import type { RowBatch } from './gateway/row-batch';
import type { ProgressMeter } from './progress';

/**
 * @internal Counts a scanner batch that a scan takes into use, then lets the meter report (what
 * the callback throws fails the scan, which closes its scanner). `skip`: the row a resumed
 * reversed scan reads again and drops, not counted twice.
 */
export function countBatch(meter: ProgressMeter, batch: RowBatch, skip: Buffer | undefined): void {
  meter.calls++;
  meter.bytes += batch.bytes;
  meter.rows += skip !== undefined && batch.size > 0 ? batch.size - 1 : batch.size;
  meter.tick();
}
