import { ProgressMeter, type ProgressSettings } from '../progress';
import type { BulkOp } from './bulk-mutation';

/**
 * @internal A bulk writer's progress meter (`onProgress`): `rows` counts the mutations written,
 * `calls` the batches, `bytes` their payload, `cells` their cells.
 */
export function bulkMeter(settings: ProgressSettings | undefined): ProgressMeter | undefined {
  const meter = settings && new ProgressMeter('bulk', settings);
  if (meter) meter.cells = 0;
  return meter;
}

/** @internal Counts a written batch into `meter` and reports; throws what the callback throws. */
export function countBatch(meter: ProgressMeter, ops: readonly BulkOp[]): void {
  meter.calls++;
  meter.rows += ops.length;
  for (const op of ops) {
    meter.bytes += op.payload;
    meter.cells = (meter.cells ?? 0) + op.cells;
  }
  meter.tick();
}
