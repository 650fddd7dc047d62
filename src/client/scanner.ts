import { TransportError } from './errors';
import { isRetryableError } from './retry-policy';
import { type RowData, type RowDataWithTimestamps, type RowEntry, toRowData } from './row-data';
import type { Table } from './table';
import { TScan } from './thrift/Hbase_types';
import { type RawRow, rawRows } from './transport/row-decoder';

/**
 * The rows of a scan, as an `AsyncIterable` of `[rowKey, data]`. Rows are fetched from the
 * server-side scanner `batchSize` at a time, the next batch requested while the current one is
 * consumed (never more than two batches held); the scanner is closed when the
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

  /**
   * Iterates the rows, opening a server-side scanner. With the connection's `retry` option on, a
   * transport failure mid-scan reopens a scanner just after the last row returned and goes on
   * (not with `scanBatching`, where a row may have been returned in part).
   */
  async *[Symbol.asyncIterator](): AsyncIterator<RowEntry<D>> {
    const connection = this.#table.connection;
    const tableName = this.#table.nameBytes;
    const open = (scan: TScan) =>
      connection.call('scannerOpenWithScan', (c) => c.scannerOpenWithScan(tableName, scan, {}));
    const retry =
      this.#scan.batchSize === undefined || this.#scan.batchSize === null
        ? connection.retryPolicy
        : undefined;
    let id = await open(this.#scan);
    let failed = false;
    try {
      let returned = 0;
      let resumes = 0;
      let lastKey: Buffer | undefined;
      let skip: Buffer | undefined;
      let prefetched: Promise<RawRow[]> | undefined;
      const limit = this.#limit ?? Number.POSITIVE_INFINITY;
      const fetch = (wanted: number) => {
        const batch = connection.call('scannerGetList', (c) => rawRows(c.scannerGetList(id, wanted)));
        // Awaited in the next turn of the loop; if the loop ends first, nobody must be left
        // with an unhandled rejection.
        batch.catch(() => undefined);
        return batch;
      };
      while (returned < limit) {
        let results: RawRow[];
        try {
          results = await (prefetched ?? fetch(Math.min(this.#batchSize, limit - returned)));
        } catch (error) {
          prefetched = undefined;
          if (!retry || resumes >= retry.attempts - 1 || !isRetryableError(error)) throw error;
          resumes++;
          await connection.call('scannerClose', (c) => c.scannerClose(id)).catch(() => undefined);
          const resumed = resumeScan(this.#scan, lastKey);
          skip = resumed.skip;
          id = await open(resumed.scan);
          continue;
        }
        prefetched = undefined;
        // Only an empty list marks the end: the gateway may return fewer rows than asked before it.
        if (results.length === 0) break;
        // Ask for the next batch before handing this one out, so that the gateway reads it while
        // the caller consumes this one. At most two batches are ever held.
        const delivered = returned + results.length;
        if (delivered < limit) prefetched = fetch(Math.min(this.#batchSize, limit - delivered));
        for (const result of results) {
          if (skip?.equals(result.row)) {
            skip = undefined;
            continue;
          }
          skip = undefined;
          lastKey = result.row;
          yield [result.row, toRowData(result, this.#includeTimestamp) as D];
          if (++returned >= limit) break;
        }
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // When the scan already failed, its error is the one worth reporting. And a scan that
      // delivered every row is not failed by a transport error on the way out: the gateway
      // expires an unclosed scanner after its lease anyway.
      await connection
        .call('scannerClose', (c) => c.scannerClose(id))
        .catch((error: unknown) => {
          if (!failed && !(error instanceof TransportError)) throw error;
        });
    }
  }

  /** Collects every row into an array. Convenient for small scans; prefer `for await` for large ones. */
  async toArray(): Promise<Array<RowEntry<D>>> {
    const rows: Array<RowEntry<D>> = [];
    for await (const row of this) rows.push(row);
    return rows;
  }
}

/**
 * The scan that continues after `lastKey`: forwards, from the smallest key above it; reversed,
 * from `lastKey` itself (no key just below it can be written), which is then skipped.
 */
function resumeScan(scan: TScan, lastKey: Buffer | undefined): { scan: TScan; skip: Buffer | undefined } {
  if (lastKey === undefined) return { scan, skip: undefined };
  const resumed = new TScan({ ...scan });
  if (scan.reversed) {
    resumed.startRow = lastKey;
    return { scan: resumed, skip: lastKey };
  }
  resumed.startRow = Buffer.concat([lastKey, Buffer.from([0])]);
  return { scan: resumed, skip: undefined };
}
