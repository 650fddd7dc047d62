import { Batch, type BatchOptions } from './batch';
import { type BytesLike, encodeCounter, maxRowKeyOf, toBytes, toRowKey } from './bytes';
import {
  type CellCondition,
  type CheckAndMutateOptions,
  type RowMutation,
  toCellCheck,
  toRowMutation,
} from './check-and-mutate';
import type { ColumnFamilyDescriptor } from './column-family';
import { type ColumnValues, toCellColumn, toCellColumnWithId, toColumnList, toColumnValues } from './columns';
import type { Connection } from './connection';
import { compatAtLeast } from './connection-options';
import { type Durability, optionalDurability } from './durability';
import { InvalidArgumentError, NotSupportedError } from './errors';
import { Filter } from './filter';
import type { CellRead } from './gateway/cell-read';
import {
  type ParallelScanOptions,
  type ParallelScanVersionsOptions,
  splitParallelOptions,
} from './parallel/parallel-scan-options';
import { ParallelScanner } from './parallel/parallel-scanner';
import type { RegionInfo } from './region-info';
import { type Consistency, optionalReplicaRead } from './replica-read';
import {
  type AnyRowData,
  type Cell,
  type RowData,
  type RowDataWithTimestamps,
  type RowEntry,
  type RowVersions,
  type RowVersionsWithTimestamps,
  shapeOption,
  type TimestampType,
  toCell,
} from './row-data';
import { buildScanRequest, type ScanOptions, type ScanVersionsOptions } from './scan-request';
import { Scanner } from './scanner';
import type { TableDescriptor } from './table-descriptor';
import { optionalTimeRange, type TimeRange } from './time-range';
import type { CallDetails } from './tracing/call-trace-context';
import {
  optionalBoolean,
  optionalInteger,
  optionalTimestamp,
  requireInt64,
  requireOptions,
} from './validate';

/** Options of `row()` and `rows()`. */
export interface RowOptions {
  /**
   * Only the cell versions in this range of timestamps (Thrift2 gateway; on Thrift1
   * `NotSupportedError`). Not with `timestamp`.
   */
  timeRange?: TimeRange;
  /**
   * `'timeline'` lets a secondary region replica answer (see {@link Consistency}; `isStale(data)`
   * tells). Thrift2 gateway only.
   */
  consistency?: Consistency;
  /** With `consistency: 'timeline'`, the replica to read (0 is the primary). Thrift2 gateway only. */
  replicaId?: number;
  /** Columns to return: families (`cf`) and/or cells (`cf:qualifier`). Default: all. */
  columns?: BytesLike[];
  /** Only cells strictly older than this timestamp (ms) — an exclusive upper bound. */
  timestamp?: number | bigint;
  /** Return `{ value, timestamp }` cells instead of bare values. */
  includeTimestamp?: boolean;
  /** With `includeTimestamp`, timestamps as `'number'` (default) or exact `'bigint'` (see {@link TimestampType}). */
  timestampType?: TimestampType;
}

/**
 * Options of `row()` and `rows()` reading several versions of each cell (Thrift2 gateway): each
 * column then maps to a list of versions, newest first.
 */
export interface RowVersionsOptions extends RowOptions {
  /** Versions of each cell to read at most (>= 1; the family's `maxVersions` caps what exists). */
  versions: number;
}

/** Options of `cells()`. */
export interface CellsOptions {
  /** How many versions to return at most (>= 1). Default: all the family keeps. */
  versions?: number;
  /** Only versions strictly older than this timestamp (ms). */
  timestamp?: number | bigint;
  /** Return `{ value, timestamp }` cells instead of bare values. */
  includeTimestamp?: boolean;
  /** With `includeTimestamp`, timestamps as `'number'` (default) or exact `'bigint'` (see {@link TimestampType}). */
  timestampType?: TimestampType;
}

/** Options of `append()`. */
export interface AppendOptions {
  /** Return `{ value, timestamp }` cells instead of bare values. */
  includeTimestamp?: boolean;
  /** With `includeTimestamp`, timestamps as `'number'` (default) or exact `'bigint'` (see {@link TimestampType}). */
  timestampType?: TimestampType;
}

/** Options of `put()` and `delete()`. */
export interface MutationOptions {
  /** Timestamp (ms) of the written cells, or upper bound (inclusive) of the deleted versions. */
  timestamp?: number | bigint;
  /**
   * Write to the write-ahead log (default `true`). `false` is faster but loses data on a crash.
   * A Thrift1 gateway writes a whole-row delete (`delete(row)` without columns) to the log
   * whatever this says: its `deleteAllRow` has no such flag.
   */
  wal?: boolean;
  /** How the write reaches the write-ahead log (see {@link Durability}). Not with `wal`. */
  durability?: Durability;
}

const ROW_OPTIONS = [
  'columns',
  'timestamp',
  'includeTimestamp',
  'timestampType',
  'versions',
  'timeRange',
  'consistency',
  'replicaId',
] as const;

/**
 * One HBase table, obtained from `connection.table(name)`. Reads return Buffers; every key,
 * column and value parameter accepts strings (UTF-8), Buffers and Uint8Arrays.
 */
export class Table {
  /** The full table name, including any prefix. */
  readonly name: string;
  /** The connection this table uses. */
  readonly connection: Connection;
  /** @internal The name as bytes, computed once. */
  readonly nameBytes: Buffer;
  /**
   * The longest row key this table can hold, in bytes: 32,767 (HBase's limit) minus 16 minus the
   * bytes of the table's name. Finding a row's region, HBase scans `hbase:meta` from
   * `<name>,<row>,99999999999999`, which must fit in 32,767 bytes too. Longer keys are refused
   * with `InvalidArgumentError` before anything is sent.
   */
  readonly maxRowKey: number;
  /** What tracing subscribers learn of this table's single-row calls (made once: no cost per call). */
  readonly #calls: CallDetails;

  /** @internal Use `connection.table(name)`. */
  constructor(name: string, connection: Connection) {
    this.name = name;
    this.#calls = { table: name };
    this.connection = connection;
    this.nameBytes = Buffer.from(name, 'utf8');
    this.maxRowKey = maxRowKeyOf(this.nameBytes);
  }

  /** The column families and their settings, keyed by family name. */
  async families(): Promise<Record<string, ColumnFamilyDescriptor>> {
    const descriptors = await this.connection.call(
      'getColumnDescriptors',
      (g) => g.families(this.nameBytes),
      this.#calls,
    );
    const families: Record<string, ColumnFamilyDescriptor> = {};
    for (const family of descriptors) families[family.name] = family;
    return families;
  }

  /** The names of the column families. */
  async columnFamilyNames(): Promise<string[]> {
    return Object.keys(await this.families());
  }

  /** The regions of the table. */
  async regions(): Promise<RegionInfo[]> {
    return this.connection.call('getTableRegions', (g) => g.regions(this.nameBytes), this.#calls);
  }

  /**
   * Reads one row. A missing row gives an empty object.
   *
   * On a Thrift2 gateway, `versions` reads up to that many versions of each cell (each column
   * then maps to a list, newest first) and `timeRange` only the versions within a range of
   * timestamps; on Thrift1 both reject with `NotSupportedError`, nothing sent.
   *
   * @example
   * ```ts
   * const data = await table.row('user-1', { columns: ['info'] });
   * data['info:name']?.toString();
   * const history = await table.row('user-1', { columns: ['info:name'], versions: 5 }); // Thrift2
   * history['info:name']?.map(String); // newest first
   * ```
   */
  row(
    row: BytesLike,
    options: RowVersionsOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<RowVersionsWithTimestamps<bigint>>;
  row(
    row: BytesLike,
    options: RowVersionsOptions & { includeTimestamp: true },
  ): Promise<RowVersionsWithTimestamps>;
  row(row: BytesLike, options: RowVersionsOptions & { includeTimestamp?: false }): Promise<RowVersions>;
  row(row: BytesLike, options?: RowOptions & { includeTimestamp?: false }): Promise<RowData>;
  row(
    row: BytesLike,
    options: RowOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<RowDataWithTimestamps<bigint>>;
  row(row: BytesLike, options: RowOptions & { includeTimestamp: true }): Promise<RowDataWithTimestamps>;
  row(row: BytesLike, options?: RowOptions | RowVersionsOptions): Promise<AnyRowData>;
  async row(row: BytesLike, options?: RowOptions | RowVersionsOptions): Promise<AnyRowData> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    const { columns, timestamp, shape, versions, read } = this.#rowOptions(options);
    if (read !== undefined) {
      const found = await this.connection.call(
        'getMultiple',
        (g) => g.readCells(this.nameBytes, [key], read),
        this.#calls,
      );
      if (found.size === 0) return {};
      return versions ? found.nextVersions(shape)[1] : found.next(shape)[1];
    }
    const batch = await this.connection.call(
      'getRow',
      (g) => g.readRow(this.nameBytes, key, columns, timestamp === undefined ? undefined : BigInt(timestamp)),
      this.#calls,
    );
    return batch.size === 0 ? {} : batch.next(shape)[1];
  }

  /**
   * Reads several rows in one round trip. Missing rows are left out; the others come back in the
   * order asked. `rows([])` returns `[]` without contacting the server. `versions` and `timeRange`
   * as for {@link Table.row} (Thrift2 gateway).
   */
  rows(
    rows: BytesLike[],
    options: RowVersionsOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<Array<RowEntry<RowVersionsWithTimestamps<bigint>>>>;
  rows(
    rows: BytesLike[],
    options: RowVersionsOptions & { includeTimestamp: true },
  ): Promise<Array<RowEntry<RowVersionsWithTimestamps>>>;
  rows(
    rows: BytesLike[],
    options: RowVersionsOptions & { includeTimestamp?: false },
  ): Promise<Array<RowEntry<RowVersions>>>;
  rows(
    rows: BytesLike[],
    options?: RowOptions & { includeTimestamp?: false },
  ): Promise<Array<RowEntry<RowData>>>;
  rows(
    rows: BytesLike[],
    options: RowOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<Array<RowEntry<RowDataWithTimestamps<bigint>>>>;
  rows(
    rows: BytesLike[],
    options: RowOptions & { includeTimestamp: true },
  ): Promise<Array<RowEntry<RowDataWithTimestamps>>>;
  rows(rows: BytesLike[], options?: RowOptions | RowVersionsOptions): Promise<Array<RowEntry<AnyRowData>>>;
  async rows(
    rows: BytesLike[],
    options?: RowOptions | RowVersionsOptions,
  ): Promise<Array<RowEntry<AnyRowData>>> {
    if (!Array.isArray(rows)) throw new InvalidArgumentError('rows', 'an array of row keys', rows);
    const keys = rows.map((row, i) => toRowKey(row, `rows[${i}]`, this.maxRowKey));
    const { columns, timestamp, shape, versions, read } = this.#rowOptions(options);
    if (keys.length === 0) return [];
    const batch = await this.connection.call(
      read === undefined ? 'getRows' : 'getMultiple',
      (g) =>
        read === undefined
          ? g.readRows(this.nameBytes, keys, columns, timestamp === undefined ? undefined : BigInt(timestamp))
          : g.readCells(this.nameBytes, keys, read),
      { table: this.name, rows: keys.length },
    );
    const entries: Array<RowEntry<AnyRowData>> = [];
    while (batch.remaining > 0) entries.push(versions ? batch.nextVersions(shape) : batch.next(shape));
    return entries;
  }

  /** Reads the versions of one cell, newest first. */
  cells(
    row: BytesLike,
    column: BytesLike,
    options?: CellsOptions & { includeTimestamp?: false },
  ): Promise<Buffer[]>;
  cells(
    row: BytesLike,
    column: BytesLike,
    options: CellsOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<Array<Cell<bigint>>>;
  cells(
    row: BytesLike,
    column: BytesLike,
    options: CellsOptions & { includeTimestamp: true },
  ): Promise<Cell[]>;
  cells(
    row: BytesLike,
    column: BytesLike,
    options?: CellsOptions,
  ): Promise<Buffer[] | Cell[] | Array<Cell<bigint>>>;
  async cells(
    row: BytesLike,
    column: BytesLike,
    options?: CellsOptions,
  ): Promise<Buffer[] | Cell[] | Array<Cell<bigint>>> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    const columnBytes = toCellColumn(column, 'column');
    const o = requireOptions(options, 'options', [
      'versions',
      'timestamp',
      'includeTimestamp',
      'timestampType',
    ]);
    // HBase keeps at most Integer.MAX_VALUE versions; asking for that many means "all of them".
    const versions = optionalInteger(o.versions, 'options.versions', 1, 2 ** 31 - 1) ?? 2 ** 31 - 1;
    const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
    const shape = shapeOption(o);
    const cells = await this.connection.call(
      'getVer',
      (g) =>
        g.readVersions(
          this.nameBytes,
          key,
          columnBytes,
          versions,
          timestamp === undefined ? undefined : BigInt(timestamp),
        ),
      this.#calls,
    );
    return shape
      ? (cells.map((cell) => toCell(cell, shape)) as Cell[] | Array<Cell<bigint>>)
      : cells.map((cell) => cell.value);
  }

  /**
   * Scans rows in key order (or reverse order), as an `AsyncIterable` of `[key, data]`.
   * Options are validated now; the server is contacted when iteration starts.
   *
   * On a Thrift2 gateway, `versions` and `timeRange` read as for {@link Table.row}, and `limit`
   * is also sent to the region servers; on Thrift1 `versions` and `timeRange` make the first pull
   * reject with `NotSupportedError` (only the connection's API question sent).
   *
   * @example
   * ```ts
   * for await (const [key, data] of table.scan({ rowPrefix: 'user-', columns: ['info'] })) {
   *   console.log(key.toString(), data);
   * }
   * ```
   */
  scan(
    options: ScanVersionsOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Scanner<RowVersionsWithTimestamps<bigint>>;
  scan(options: ScanVersionsOptions & { includeTimestamp: true }): Scanner<RowVersionsWithTimestamps>;
  scan(options: ScanVersionsOptions & { includeTimestamp?: false }): Scanner<RowVersions>;
  scan(options?: ScanOptions & { includeTimestamp?: false }): Scanner<RowData>;
  scan(
    options: ScanOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Scanner<RowDataWithTimestamps<bigint>>;
  scan(options: ScanOptions & { includeTimestamp: true }): Scanner<RowDataWithTimestamps>;
  scan(options?: ScanOptions | ScanVersionsOptions): Scanner<AnyRowData>;
  scan(options?: ScanOptions | ScanVersionsOptions): Scanner<AnyRowData> {
    return new Scanner(this, buildScanRequest(this.connection.compat, options, this.maxRowKey));
  }

  /**
   * Scans rows with several scanners at once, one range of keys per region (see
   * {@link ParallelScanner}): what a full-table read needs to keep every region server and
   * gateway busy. Takes the options of {@link Table.scan} plus `parallel` (parts read at once)
   * and `ordered` (default `false`: rows come as they are read, in no particular order).
   *
   * Best on a table from a {@link ConnectionPool}'s connection: each part is read on a lease of
   * its own, the pool's gateways taken in turn. On a single `Connection` it works the same but
   * the parts share one socket, which its gateway serves one call at a time: no faster than
   * `scan()`.
   *
   * @example
   * ```ts
   * const rows = await table.parallelScan({ parallel: 8, columns: ['info'] }).toArray();
   * for await (const [key] of table.parallelScan({ parallel: 4, ordered: true, limit: 10 })) {
   *   console.log(key.toString());
   * }
   * ```
   */
  parallelScan(
    options: ParallelScanVersionsOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): ParallelScanner<RowVersionsWithTimestamps<bigint>>;
  parallelScan(
    options: ParallelScanVersionsOptions & { includeTimestamp: true },
  ): ParallelScanner<RowVersionsWithTimestamps>;
  parallelScan(
    options: ParallelScanVersionsOptions & { includeTimestamp?: false },
  ): ParallelScanner<RowVersions>;
  parallelScan(options: ParallelScanOptions & { includeTimestamp?: false }): ParallelScanner<RowData>;
  parallelScan(
    options: ParallelScanOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): ParallelScanner<RowDataWithTimestamps<bigint>>;
  parallelScan(
    options: ParallelScanOptions & { includeTimestamp: true },
  ): ParallelScanner<RowDataWithTimestamps>;
  parallelScan(options: ParallelScanOptions | ParallelScanVersionsOptions): ParallelScanner<AnyRowData>;
  parallelScan(options: ParallelScanOptions | ParallelScanVersionsOptions): ParallelScanner<AnyRowData> {
    const { parallel, ordered, scan } = splitParallelOptions(options);
    const request = buildScanRequest(this.connection.compat, scan, this.maxRowKey);
    return new ParallelScanner(this, request, parallel, ordered);
  }

  /** Writes cells to one row. For many rows use {@link Table.batch}. */
  async put(row: BytesLike, data: ColumnValues, options?: MutationOptions): Promise<void> {
    const batch = new Batch(this, toBatchOptions(options));
    await batch.put(row, data);
    await batch.send();
  }

  /**
   * Deletes a whole row, or only the given columns (families and/or cells). With a timestamp only
   * versions at or before it are deleted.
   */
  async delete(row: BytesLike, options?: MutationOptions & { columns?: BytesLike[] }): Promise<void> {
    const o = requireOptions(options, 'options', ['timestamp', 'wal', 'durability', 'columns']);
    const key = toRowKey(row, 'row', this.maxRowKey);
    const columns = toColumnList(o.columns, 'options.columns');
    const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
    if (columns === undefined) {
      const wal = optionalBoolean(o.wal, 'options.wal');
      const durability =
        optionalDurability(o.durability, 'options.durability', o.wal) ??
        (wal === false ? 'skipWal' : undefined);
      await this.connection.call(
        'deleteAllRow',
        (g) =>
          g.deleteRow(
            this.nameBytes,
            key,
            timestamp === undefined ? undefined : BigInt(timestamp),
            durability,
          ),
        this.#calls,
      );
      return;
    }
    const batch = new Batch(this, {
      timestamp,
      wal: o.wal as boolean | undefined,
      durability: o.durability as Durability | undefined,
    });
    await batch.delete(key, { columns });
    await batch.send();
  }

  /**
   * Creates a batch of mutations sent together (see {@link Batch}). With a callback, the batch is
   * sent when the callback succeeds; when it throws, the batch is still sent unless
   * `transaction: true`, and the error is rethrown.
   *
   * @example
   * ```ts
   * await table.batch({ transaction: true }, async (b) => {
   *   await b.put('row-1', { 'cf:a': '1' });
   *   await b.delete('row-2');
   * });
   * ```
   */
  batch(options?: BatchOptions): Batch;
  batch<T>(options: BatchOptions, fn: (batch: Batch) => Promise<T> | T): Promise<T>;
  batch<T>(options?: BatchOptions, fn?: (batch: Batch) => Promise<T> | T): Batch | Promise<T> {
    if (fn === undefined) return new Batch(this, options);
    // The callback form returns a promise: bad options or callback reject it, never throw.
    return (async () => {
      if (typeof fn !== 'function') throw new InvalidArgumentError('fn', 'a function', fn);
      return new Batch(this, options).run(fn);
    })();
  }

  /** Reads a counter (an 8-byte big-endian integer cell), creating it at 0 if missing. */
  counterGet(row: BytesLike, column: BytesLike): Promise<bigint> {
    // Incrementing by 0 reads the value and initialises a missing counter, atomically.
    return this.counterInc(row, column, 0);
  }

  /**
   * Sets a counter to a value. Never mix this with concurrent increments of the same cell.
   *
   * Costs a read of the cell's newest timestamp before the put: HBase stamps an increment
   * `max(now, previous timestamp + 1)`, so a few increments within one millisecond leave the cell
   * stamped ahead of the clock, and a put at the server's time would stay hidden behind them (a
   * `counterGet` right after would still return the old value). The put is therefore stamped
   * `max(client clock, newest timestamp + 1)`, always the newest version. A client clock running
   * ahead of the region servers' stamps the cell in their future, as any client-supplied timestamp
   * does: keep clocks synchronised, as HBase itself requires of its nodes.
   */
  async counterSet(row: BytesLike, column: BytesLike, value: number | bigint): Promise<void> {
    const data = new Map([[column, encodeCounter(requireInt64(value, 'value'))]]);
    const [newest] = await this.cells(row, column, { versions: 1, includeTimestamp: true });
    await this.put(row, data, newest ? { timestamp: Math.max(Date.now(), newest.timestamp + 1) } : {});
  }

  /** Atomically adds `value` (default 1, may be negative) to a counter; returns the new value. */
  async counterInc(row: BytesLike, column: BytesLike, value: number | bigint = 1): Promise<bigint> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    const columnBytes = toCellColumnWithId(column, 'column').bytes;
    const amount = requireInt64(value, 'value');
    return this.connection.call(
      'atomicIncrement',
      (g) => g.increment(this.nameBytes, key, columnBytes, amount),
      this.#calls,
    );
  }

  /** Atomically subtracts `value` (default 1) from a counter; returns the new value. */
  async counterDec(row: BytesLike, column: BytesLike, value: number | bigint = 1): Promise<bigint> {
    return this.counterInc(row, column, -requireInt64(value, 'value'));
  }

  /**
   * Appends bytes to cells atomically (creating missing cells) and returns the new values.
   * Needs HBase 0.98 or later: with an older `compat` it rejects with `NotSupportedError`.
   */
  append(
    row: BytesLike,
    data: ColumnValues,
    options?: AppendOptions & { includeTimestamp?: false },
  ): Promise<RowData>;
  append(
    row: BytesLike,
    data: ColumnValues,
    options: AppendOptions & { includeTimestamp: true; timestampType: 'bigint' },
  ): Promise<RowDataWithTimestamps<bigint>>;
  append(
    row: BytesLike,
    data: ColumnValues,
    options: AppendOptions & { includeTimestamp: true },
  ): Promise<RowDataWithTimestamps>;
  append(
    row: BytesLike,
    data: ColumnValues,
    options?: AppendOptions,
  ): Promise<RowData | RowDataWithTimestamps | RowDataWithTimestamps<bigint>>;
  async append(
    row: BytesLike,
    data: ColumnValues,
    options?: AppendOptions,
  ): Promise<RowData | RowDataWithTimestamps | RowDataWithTimestamps<bigint>> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    const pairs = toColumnValues(data, 'data');
    const o = requireOptions(options, 'options', ['includeTimestamp', 'timestampType']);
    const shape = shapeOption(o);
    // Thrift1's append arrived with HBase 0.98, like reversed scans: refused below it, as HappyBase
    // refuses the features its compat level lacks.
    const { compat } = this.connection;
    if (!compatAtLeast(compat, '0.98')) throw new NotSupportedError('append', '0.98', compat);
    if (pairs.length === 0) return {};
    const columns = pairs.map(([column]) => column.bytes);
    const values = pairs.map(([, value]) => value);
    const cells = await this.connection.call(
      'append',
      (g) => g.append(this.nameBytes, key, columns, values),
      this.#calls,
    );
    const result: Record<string, Buffer | Cell<number | bigint>> = {};
    for (const cell of cells) {
      result[cell.column.toString('utf8')] = shape ? toCell(cell, shape) : cell.value;
    }
    return result as RowData | RowDataWithTimestamps | RowDataWithTimestamps<bigint>;
  }

  /**
   * Atomically writes `put` if the cell `check.column` holds `check.value` (or, with
   * `value: null`, does not exist). Returns whether the write happened.
   */
  async checkAndPut(
    row: BytesLike,
    check: { column: BytesLike; value: BytesLike | null },
    put: { column: BytesLike; value: BytesLike },
  ): Promise<boolean> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    if (typeof check !== 'object' || check === null)
      throw new InvalidArgumentError('check', 'an object { column, value }', check);
    if (typeof put !== 'object' || put === null)
      throw new InvalidArgumentError('put', 'an object { column, value }', put);
    const checkColumn = toCellColumn(check.column, 'check.column');
    const expected = check.value === null ? null : toBytes(check.value, 'check.value');
    const mutation = {
      isDelete: false,
      column: toCellColumn(put.column, 'put.column'),
      value: toBytes(put.value, 'put.value'),
      writeToWAL: true,
    };
    return this.connection.call(
      'checkAndPut',
      (g) => g.checkAndPut(this.nameBytes, key, checkColumn, expected, mutation),
      this.#calls,
    );
  }

  /**
   * Atomically applies `mutations` — puts and deletes of this row, all or none — if the cell
   * `check.column` passes the check; returns whether they were applied. The check compares the
   * cell's value with `check.value`, the cell on the left (`op: '<'`: the cell's value sorts before
   * `check.value`, bytes compared unsigned); `value: null` checks that the cell does not exist
   * (`'='`, the default) or that it does (`'!='`). A delete may not cover a cell that `put` writes
   * (`InvalidArgumentError`: it would mask it).
   *
   * Thrift2 gateway only (`checkAndMutate` of `THBaseService`): on Thrift1 it rejects with
   * `NotSupportedError`, before anything is sent (use {@link Table.checkAndPut} there).
   *
   * @example
   * ```ts
   * const moved = await table.checkAndMutate(
   *   'order-1',
   *   { column: 'cf:state', value: 'open' },
   *   { put: { 'cf:state': 'shipped' }, delete: ['cf:cart'] },
   * );
   * ```
   */
  async checkAndMutate(
    row: BytesLike,
    check: CellCondition,
    mutations: RowMutation,
    options?: CheckAndMutateOptions,
  ): Promise<boolean> {
    const key = toRowKey(row, 'row', this.maxRowKey);
    const cellCheck = toCellCheck(check);
    const cellMutations = toRowMutation(mutations, options);
    return this.connection.call(
      'checkAndMutate',
      (g) => g.checkAndMutate(this.nameBytes, key, cellCheck, cellMutations),
      this.#calls,
    );
  }

  /**
   * Whether a row exists (has any cell); with an array of rows, whether each does, in the order
   * asked (`exists([])` answers `[]` without contacting the server). Reads no cell value.
   *
   * A Thrift2 gateway answers all rows in one call (`existsAll`); on a Thrift1 gateway each row is
   * one key-only scan of at most one row.
   */
  exists(row: BytesLike): Promise<boolean>;
  exists(rows: BytesLike[]): Promise<boolean[]>;
  async exists(rows: BytesLike | BytesLike[]): Promise<boolean | boolean[]> {
    const many = Array.isArray(rows);
    const keys = many
      ? rows.map((row, i) => toRowKey(row, `rows[${i}]`, this.maxRowKey))
      : [toRowKey(rows, 'row', this.maxRowKey)];
    if (keys.length === 0) return [];
    const found =
      (await this.connection.gatewayKind()) === 'thrift2'
        ? await this.connection.call('existsAll', (g) => g.exists(this.nameBytes, keys), {
            table: this.name,
            rows: keys.length,
          })
        : await Promise.all(keys.map((key) => this.#scanExists(key)));
    return many ? found : found[0]!;
  }

  /** Thrift1 has no `exists`: a scan of the one row, its first cell's key only, says it. */
  async #scanExists(key: Buffer): Promise<boolean> {
    const options: ScanOptions = {
      rowStart: key,
      rowStop: Buffer.concat([key, Buffer.from([0])]),
      limit: 1,
      batchSize: 1,
    };
    if (compatAtLeast(this.connection.compat, '0.92')) options.filter = KEYS_ONLY;
    const rows = await this.scan(options).toArray();
    return rows.length === 1;
  }

  /**
   * The table's descriptor: every column family with all its settings (more than
   * {@link Table.families} reports) and the table's durability. Thrift2 gateway only: on Thrift1
   * it rejects with `NotSupportedError` (use {@link Table.families} there).
   */
  async descriptor(): Promise<TableDescriptor> {
    return this.connection.call('getTableDescriptor', (g) => g.tableDescriptor(this.nameBytes), this.#calls);
  }

  #rowOptions(options: unknown) {
    const o = requireOptions(options, 'options', ROW_OPTIONS);
    // The gateway treats an empty column list as "all columns".
    const columns = toColumnList(o.columns, 'options.columns') ?? [];
    const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
    const versions = optionalInteger(o.versions, 'options.versions', 1, 2 ** 31 - 1);
    const timeRange = optionalTimeRange(o.timeRange, 'options.timeRange', timestamp);
    const replica = optionalReplicaRead(o.consistency, o.replicaId);
    // Versions, time ranges and replica reads are Thrift2 reads (TGet's maxVersions, timeRange,
    // consistency and targetReplicaId).
    const read: CellRead | undefined =
      versions === undefined && timeRange === undefined && replica === undefined
        ? undefined
        : {
            columns,
            maxVersions: versions ?? 1,
            timeRange: timeRange ?? (timestamp === undefined ? undefined : { min: 0n, max: timestamp }),
            replica,
            option:
              versions !== undefined ? 'versions' : timeRange !== undefined ? 'timeRange' : 'consistency',
          };
    return { columns, timestamp, shape: shapeOption(o), versions: versions !== undefined, read };
  }
}

/** The cheapest scan of row keys: the first cell of each row, its value left out. */
const KEYS_ONLY = Filter.and(Filter.firstKeyOnly(), Filter.keyOnly());

function toBatchOptions(options: unknown): BatchOptions {
  const o = requireOptions(options, 'options', ['timestamp', 'wal', 'durability']);
  return {
    timestamp: o.timestamp as number | bigint | undefined,
    wal: o.wal as boolean | undefined,
    durability: o.durability as Durability | undefined,
  };
}
