import { ProgressMeter } from './progress';
import type { AnyRowData, RowData, RowEntry } from './row-data';
import { type ScanConnections, singleConnection } from './scan-connections';
import { type ScanConsumer, ScanIterator } from './scan-iterator';
import type { ScanRequest } from './scan-request';
import type { Table } from './table';

/**
 * The rows of a scan, as an `AsyncIterable` of `[rowKey, data]`. Rows are fetched from the
 * server-side scanner `batchSize` at a time, the next batch requested while the current one is
 * consumed (never more than two batches held); the scanner is closed when the
 * iteration completes, fails, or is left early (`break`, `return`, a thrown error).
 *
 * An iteration left without a pull for `idleTimeout` (30 s by default) — say an iterator dropped
 * unfinished — closes its scanner and lets go of the rows read ahead; pulled again, it continues
 * on a new scanner just after the last row it returned.
 *
 * Each `for await` runs the scan afresh.
 */
export class Scanner<D extends AnyRowData = RowData> implements AsyncIterable<RowEntry<D>> {
  readonly #table: Table;
  readonly #request: ScanRequest;

  /** @internal Created by `Table.scan()`, which validates the options. */
  constructor(table: Table, request: ScanRequest) {
    this.#table = table;
    this.#request = request;
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
   * (what the mapper's scans use, without a second iterator on top of this one), its calls made
   * through `connections` (default: the table's connection). `progress`: a meter several runs
   * share (a salted repository scan), which its owner finishes; without it, a scan with
   * `onProgress` reports to a meter of this run's own. `soleRun`: no other run counts into
   * `progress` meanwhile, so reaching this run's limit ends the operation.
   */
  iterate<T = RowEntry<D>>(
    consumer?: ScanConsumer<T>,
    connections?: ScanConnections,
    progress?: ProgressMeter,
    soleRun = false,
  ): AsyncIterator<T> {
    const connection = this.#table.connection;
    const { scan, batchSize, limit, includeTimestamp, idleTimeout, versions } = this.#request;
    const own = this.#request.progress;
    return new ScanIterator<T>(
      {
        connections: connections ?? singleConnection(connection),
        tableName: this.#table.nameBytes,
        scan,
        batchSize,
        limit: limit ?? Number.POSITIVE_INFINITY,
        includeTimestamp,
        versions,
        retry: scan.batchSize === undefined || scan.batchSize === null ? connection.retryPolicy : undefined,
        idleTimeout,
        progress: progress ?? (own && new ProgressMeter('scan', own)),
        finishesProgress: progress === undefined && own !== undefined,
        endsProgress: progress === undefined ? own !== undefined : soleRun,
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
