import type { ProgressMeter } from '../client/progress';
import type { EntityWrites } from './entity-mapping';

/**
 * @internal A checked write of a versioned entity (one `checkAndMutate`) was applied: one row,
 * its cells and deletes and the version cell, in one call. Its bytes are the payload, as a
 * batch's (see `write-figures.ts`): the row key, the columns and values put (the version's value
 * is 8 bytes), the columns deleted; the check is not counted. Then the save's meter may report,
 * unless this was the save's last call (`last`): its final report follows.
 */
export function countCheckedWrite(
  meter: ProgressMeter,
  writes: EntityWrites,
  versionColumn: Buffer,
  last: boolean,
): void {
  let bytes = writes.key.length + versionColumn.length + 8;
  for (const [column, value] of writes.puts) bytes += column.length + value.length;
  for (const column of writes.deletes) bytes += column.length;
  meter.calls++;
  meter.rows++;
  meter.cells = (meter.cells ?? 0) + writes.puts.size + writes.deletes.length + 1;
  meter.bytes += bytes;
  if (!last) meter.tick();
}
