import type { Table } from '../client/table';
import type { ImportedRow } from './export-format';

/**
 * @internal Writes a chunk of imported rows with their cells' own timestamps. The gateways take
 * one timestamp per mutation call (Thrift1's mutateRowsTs; the client's batches follow it), so the
 * chunk's cells are grouped by timestamp: one call per distinct timestamp. Data loaded by one
 * writer shares few timestamps; data written row by row over time may need a call per row, and
 * `--concurrency` then keeps several in flight. With `keepTimestamps: false` every cell is written
 * at the server's time, in one call per chunk (a resumed import may then add versions).
 */
export async function writeChunk(
  table: Table,
  rows: ImportedRow[],
  keepTimestamps: boolean,
): Promise<number> {
  const groups = new Map<bigint | undefined, Map<string, { key: Buffer; data: Map<Buffer, Buffer> }>>();
  let cells = 0;
  for (const row of rows) {
    for (const cell of row.cells) {
      const timestamp = keepTimestamps ? cell.timestamp : undefined;
      let group = groups.get(timestamp);
      if (group === undefined) {
        group = new Map();
        groups.set(timestamp, group);
      }
      const id = row.key.toString('latin1');
      let pending = group.get(id);
      if (pending === undefined) {
        pending = { key: row.key, data: new Map() };
        group.set(id, pending);
      }
      pending.data.set(cell.column, cell.value);
      cells++;
    }
  }
  for (const [timestamp, group] of groups) {
    const batch = table.batch(timestamp === undefined ? {} : { timestamp });
    for (const { key, data } of group.values()) await batch.put(key, data);
    await batch.send();
  }
  return cells;
}
