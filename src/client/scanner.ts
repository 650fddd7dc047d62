import type { CellShape, RowData, RowDataWithTimestamps, RowEntry } from './row-data';
import { type ScanConsumer, ScanIterator } from './scan-iterator';
import type { Table } from './table';
import type { TScan } from './thrift/Hbase_types';

/**
 * The rows of a scan, as an `AsyncIterable` of `[rowKey, data]`. Rows are fetched from the
 * server-side scanner `batchSize` at a time, the next batch requested while the current one is
 * consumed (never more than two batches held); the scanner is closed when the
 * iteration completes, fails, or is left early (`break`, `return`, a thrown error).
 *
 * Each `for await` runs the scan afresh.
 */
export class Scanner<D extends RowData | RowDataWithTimestamps | RowDataWithTimestamps<bigint> = RowData>
  implements AsyncIterable<RowEntry<D>>
{
  readonly #table: Table;
  readonly #scan: TScan;
  readonly #batchSize: number;
  readonly #limit: number | undefined;
  readonly #includeTimestamp: CellShape;

  /** @internal Created by `Table.scan()`, which validates the options. */
  constructor(
    table: Table,
    scan: TScan,
    batchSize: number,
    limit: number | undefined,
    includeTimestamp: CellShape,
  ) {
    this.#table = table;
    this.#scan = scan;
    this.#batchSize = batchSize;
    this.#limit = limit;
    this.#includeTimestamp = includeTimestamp;
  }

  /**
   * Iterates the rows, opening a server-side scanner. With the connection's `retry` option on, a
   * transport failure mid-scan reopens a scanner just after the last row returned and goes on
   * (not with `scanBatching`, where a row may have been returned in part).
   */
  [Symbol.asyncIterator](): AsyncIterator<RowEntry<D>> {
    return this.iterate();
  }

  /**
   * @internal One run of the scan whose rows are turned into other items as they are handed out
   * (what the mapper's scans use, without a second iterator on top of this one).
   */
  iterate<T = RowEntry<D>>(consumer?: ScanConsumer<T>): AsyncIterator<T> {
    const connection = this.#table.connection;
    return new ScanIterator<T>(
      {
        connection,
        tableName: this.#table.nameBytes,
        scan: this.#scan,
        batchSize: this.#batchSize,
        limit: this.#limit ?? Number.POSITIVE_INFINITY,
        includeTimestamp: this.#includeTimestamp,
        retry:
          this.#scan.batchSize === undefined || this.#scan.batchSize === null
            ? connection.retryPolicy
            : undefined,
      },
      consumer,
    );
  }

  /** Collects every row into an array. Convenient for small scans; prefer `for await` for large ones. */
  async toArray(): Promise<Array<RowEntry<D>>> {
    const rows: Array<RowEntry<D>> = [];
    for await (const row of this) rows.push(row);
    return rows;
  }
}
