import { InvalidArgumentError } from '../client/errors';
import type { Table } from '../client/table';
import { CliError } from './exit-codes';
import type { ImportedRow } from './export-format';

/** @internal A row read from an export file, with the number of its line (errors name it). */
export interface NumberedRow extends ImportedRow {
  /** The row's line in the file (1 is the header). */
  line: number;
}

/**
 * The library refuses a row of the file (an empty key, a column without a family): an error of the
 * file's data, not of the command line, so exit code 1 and the line, not the usage code 2. The
 * library's message describes the value without quoting it.
 */
function dataError(error: unknown, where: string): unknown {
  return error instanceof InvalidArgumentError
    ? new CliError(`${where}: ${error.message}`, 1, { cause: error })
    : error;
}

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
  rows: NumberedRow[],
  keepTimestamps: boolean,
  file: string,
): Promise<number> {
  const groups = new Map<
    bigint | undefined,
    Map<string, { key: Buffer; data: Map<Buffer, Buffer>; line: number }>
  >();
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
        pending = { key: row.key, data: new Map(), line: row.line };
        group.set(id, pending);
      }
      pending.data.set(cell.column, cell.value);
      cells++;
    }
  }
  for (const [timestamp, group] of groups) {
    const batch = table.batch(timestamp === undefined ? {} : { timestamp });
    for (const { key, data, line } of group.values()) {
      try {
        await batch.put(key, data);
      } catch (error) {
        throw dataError(error, `${file}:${line}`);
      }
    }
    try {
      await batch.send();
    } catch (error) {
      throw dataError(error, `${file}:${rows[0]!.line}-${rows.at(-1)!.line}`);
    }
  }
  return cells;
}
