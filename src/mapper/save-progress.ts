import type { ProgressMeter } from '../client/progress';
import type { EntityWrites } from './entity-mapping';

/** A `checkAndMutate`'s share besides the row's cells: header, check, version cell (an estimate). */
const CHECKED_WRITE_OVERHEAD = 128;

/**
 * @internal A checked write of a versioned entity (one `checkAndMutate`) was applied: one row,
 * its cells and deletes and the version cell, in one call; then the save's meter may report.
 */
export function countCheckedWrite(meter: ProgressMeter, writes: EntityWrites): void {
  let bytes = CHECKED_WRITE_OVERHEAD + 2 * writes.key.length;
  for (const [column, value] of writes.puts) bytes += column.length + value.length;
  for (const column of writes.deletes) bytes += column.length;
  meter.calls++;
  meter.rows++;
  meter.cells = (meter.cells ?? 0) + writes.puts.size + writes.deletes.length + 1;
  meter.bytes += bytes;
  meter.tick();
}
