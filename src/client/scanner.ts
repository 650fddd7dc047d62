import { type RowData, type RowDataWithTimestamps, type RowEntry, toRowData } from './row-data';
import type { Table } from './table';
import type { TScan } from './thrift/Hbase_types';
import { rawRows } from './transport/row-decoder';

/**
 * The rows of a scan, as an `AsyncIterable` of `[rowKey, data]`. Rows are fetched from the
 * server-side scanner `batchSize` at a time, never all at once; the scanner is closed when the
 * iteration completes, fails, or is left early (`break`, `return`, a thrown error).
 *
 * Each `for await` runs the scan afresh.
 */
export class Scanner<D extends RowData | RowDataWithTimestamps = RowData>
  implements AsyncIterable<RowEntry<D>>
{
  readonly #table: Table;
  readonly #scan: TScan;
  readonly #batchSize: number;
  readonly #limit: number | undefined;
  readonly #includeTimestamp: boolean;

  /** @internal Created by `Table.scan()`, which validates the options. */
  constructor(
    table: Table,
    scan: TScan,
    batchSize: number,
    limit: number | undefined,
    includeTimestamp: boolean,
  ) {
    this.#table = table;
    this.#scan = scan;
    this.#batchSize = batchSize;
    this.#limit = limit;
    this.#includeTimestamp = includeTimestamp;
  }

  /** Iterates the rows, opening a server-side scanner. */
  async *[Symbol.asyncIterator](): AsyncIterator<RowEntry<D>> {
    const connection = this.#table.connection;
    const tableName = this.#table.nameBytes;
    const id = await connection.call('scannerOpenWithScan', (c) =>
      c.scannerOpenWithScan(tableName, this.#scan, {}),
    );
    let failed = false;
    try {
      let returned = 0;
      const limit = this.#limit ?? Number.POSITIVE_INFINITY;
      while (returned < limit) {
        const wanted = Math.min(this.#batchSize, limit - returned);
        const results = await connection.call('scannerGetList', (c) => rawRows(c.scannerGetList(id, wanted)));
        // Only an empty list marks the end: the gateway may return fewer rows than asked before it.
        if (results.length === 0) break;
        for (const result of results) {
          yield [result.row, toRowData(result, this.#includeTimestamp) as D];
          if (++returned >= limit) break;
        }
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const closing = connection.call('scannerClose', (c) => c.scannerClose(id));
      // When the scan already failed, its error is the one worth reporting; the server expires
      // an unclosed scanner after its lease anyway.
      if (failed) await closing.catch(() => undefined);
      else await closing;
    }
  }

  /** Collects every row into an array. Convenient for small scans; prefer `for await` for large ones. */
  async toArray(): Promise<Array<RowEntry<D>>> {
    const rows: Array<RowEntry<D>> = [];
    for await (const row of this) rows.push(row);
    return rows;
  }
}
