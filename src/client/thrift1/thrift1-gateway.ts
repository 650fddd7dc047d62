import { int64ToBigInt, toInt64 } from '../bytes';
import type { ColumnFamilyDescriptor, FamilySpec, FullColumnFamilyDescriptor } from '../column-family';
import { type Durability, requireThrift1Durability } from '../durability';
import type { CellCheck } from '../gateway/cell-check';
import type { CellRead } from '../gateway/cell-read';
import type { CounterIncrement, Gateway } from '../gateway/gateway';
import type { RawCell } from '../gateway/raw-row';
import type { RowBatch } from '../gateway/row-batch';
import type { CellMutation, RowMutations } from '../gateway/row-mutations';
import type { ScanSpec } from '../gateway/scan-spec';
import { rejectThrift2Only } from '../gateway/thrift2-only';
import type { NamespaceDescriptor } from '../namespace-descriptor';
import type { RegionInfo } from '../region-info';
import type { TableDescriptor } from '../table-descriptor';
import { fromColumnDescriptor, toColumnDescriptor } from './column-descriptors';
import type { FastHbaseClient } from './fast-client';
import { Mutation, TAppend, type TCell, TIncrement, TScan } from './generated/Hbase_types';

/** No call attributes: the generated encoders write an empty map. */
const NO_ATTRIBUTES = {};

/**
 * @internal The {@link Gateway} of a Thrift1 gateway (service `Hbase`): each operation is one
 * Thrift1 call, the hot ones encoded and decoded by our own code ({@link FastHbaseClient}).
 */
export class Thrift1Gateway implements Gateway {
  readonly kind = 'thrift1';
  readonly #client: FastHbaseClient;

  constructor(client: FastHbaseClient) {
    this.#client = client;
  }

  serverType(): Promise<number> {
    return this.#client.getThriftServerType();
  }

  clusterId(): Promise<string> {
    return this.#client.getClusterId();
  }

  tableNames(): Promise<Buffer[]> {
    return this.#client.getTableNames();
  }

  createTable(
    table: Buffer,
    families: readonly FamilySpec[],
    splitKeys?: readonly Buffer[],
    regionReplication?: number,
  ): Promise<void> {
    // Thrift1's createTable takes families only: pre-split and replicated tables need Thrift2.
    if (splitKeys !== undefined) return rejectThrift2Only('createTable({ splitKeys })');
    if (regionReplication !== undefined) return rejectThrift2Only('createTable({ regionReplication })');
    return this.#client.createTable(table, families.map(toColumnDescriptor));
  }

  deleteTable(table: Buffer): Promise<void> {
    return this.#client.deleteTable(table);
  }

  enableTable(table: Buffer): Promise<void> {
    return this.#client.enableTable(table);
  }

  disableTable(table: Buffer): Promise<void> {
    return this.#client.disableTable(table);
  }

  isTableEnabled(table: Buffer): Promise<boolean> {
    return this.#client.isTableEnabled(table);
  }

  compact(table: Buffer, major: boolean): Promise<void> {
    return major ? this.#client.majorCompact(table) : this.#client.compact(table);
  }

  async families(table: Buffer): Promise<ColumnFamilyDescriptor[]> {
    const descriptors = await this.#client.getColumnDescriptors(table);
    return Object.values(descriptors).map(fromColumnDescriptor);
  }

  async regions(table: Buffer): Promise<RegionInfo[]> {
    const regions = await this.#client.getTableRegions(table);
    return regions.map((r) => ({
      startKey: r.startKey,
      endKey: r.endKey,
      id: int64ToBigInt(r.id),
      name: r.name,
      version: Number(r.version),
      serverName: r.serverName,
      port: r.port,
    }));
  }

  readRow(table: Buffer, row: Buffer, columns: readonly Buffer[], timestamp?: bigint): Promise<RowBatch> {
    return rowBatch(this.#client.readRow(table, row, columns, timestamp));
  }

  readRows(
    table: Buffer,
    rows: readonly Buffer[],
    columns: readonly Buffer[],
    timestamp?: bigint,
  ): Promise<RowBatch> {
    const keys = rows as Buffer[];
    const cells = columns as Buffer[];
    return rowBatch(
      timestamp === undefined
        ? this.#client.getRowsWithColumns(table, keys, cells, NO_ATTRIBUTES)
        : this.#client.getRowsWithColumnsTs(table, keys, cells, toInt64(timestamp), NO_ATTRIBUTES),
    );
  }

  async readVersions(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    versions: number,
    timestamp?: bigint,
  ): Promise<RawCell[]> {
    const cells: TCell[] =
      timestamp === undefined
        ? await this.#client.getVer(table, row, column, versions, NO_ATTRIBUTES)
        : await this.#client.getVerTs(table, row, column, toInt64(timestamp), versions, NO_ATTRIBUTES);
    return cells.map((cell) => ({ column, value: cell.value, timestamp: int64ToBigInt(cell.timestamp) }));
  }

  openScanner(table: Buffer, scan: ScanSpec): Promise<number> {
    // Thrift1's TScan has neither: only Thrift2 reads several versions or a time range. (Its
    // `limit` is left to the scan, which stops pulling rows.)
    if (scan.maxVersions !== undefined) return rejectThrift2Only('scan({ versions })');
    if (scan.timeRange !== undefined) return rejectThrift2Only('scan({ timeRange })');
    if (scan.replica !== undefined) return rejectThrift2Only('scan({ consistency })');
    if (scan.familyTimeRanges !== undefined) return rejectThrift2Only('scan({ familyTimeRanges })');
    const thriftScan = new TScan({
      startRow: scan.startRow,
      stopRow: scan.stopRow,
      timestamp: scan.timestamp === undefined ? undefined : toInt64(scan.timestamp),
      columns: scan.columns as Buffer[] | undefined,
      caching: scan.caching,
      filterString: scan.filterString,
      batchSize: scan.batchSize,
      sortColumns: scan.sortColumns,
      reversed: scan.reversed,
      cacheBlocks: scan.cacheBlocks,
    });
    return this.#client.scannerOpenWithScan(table, thriftScan, NO_ATTRIBUTES);
  }

  scannerRows(scanner: number, count: number): Promise<RowBatch> {
    return rowBatch(this.#client.scannerGetList(scanner, count));
  }

  closeScanner(scanner: number): Promise<void> {
    return this.#client.scannerClose(scanner);
  }

  mutateRows(table: Buffer, rows: readonly RowMutations[], timestamp?: bigint): Promise<void> {
    try {
      for (const { mutations } of rows) {
        for (const mutation of mutations) requireThrift1Durability(mutation.durability, 'durability');
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#client.sendMutations(table, rows, timestamp);
  }

  deleteRow(table: Buffer, row: Buffer, timestamp?: bigint, durability?: Durability): Promise<void> {
    // deleteAllRow has no WAL flag: the durabilities Thrift1 knows go unsaid, as `wal` does.
    try {
      requireThrift1Durability(durability, 'options.durability');
    } catch (error) {
      return Promise.reject(error);
    }
    return timestamp === undefined
      ? this.#client.deleteAllRow(table, row, NO_ATTRIBUTES)
      : this.#client.deleteAllRowTs(table, row, toInt64(timestamp), NO_ATTRIBUTES);
  }

  async increment(table: Buffer, row: Buffer, column: Buffer, amount: bigint): Promise<bigint> {
    return int64ToBigInt(await this.#client.incrementCounter(table, row, column, amount));
  }

  incrementMany(table: Buffer, increments: readonly CounterIncrement[]): Promise<void> {
    return this.#client.incrementRows(
      increments.map(
        (c) => new TIncrement({ table, row: c.row, column: c.column, ammount: toInt64(c.amount) }),
      ),
    );
  }

  async append(
    table: Buffer,
    row: Buffer,
    columns: readonly Buffer[],
    values: readonly Buffer[],
  ): Promise<RawCell[]> {
    const append = new TAppend({ table, row, columns: columns as Buffer[], values: values as Buffer[] });
    // The gateway returns the new cells in the order of the appended columns.
    const cells = await this.#client.append(append);
    return cells.map((cell, i) => ({
      column: columns[i]!,
      value: cell.value,
      timestamp: int64ToBigInt(cell.timestamp),
    }));
  }

  checkAndPut(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    expected: Buffer | null,
    put: CellMutation,
  ): Promise<boolean> {
    const mutation = new Mutation({
      isDelete: false,
      column: put.column,
      value: put.value!,
      writeToWAL: put.writeToWAL,
    });
    // The generated code writes no `value` field for null: "the cell does not exist".
    return this.#client.checkAndPut(table, row, column, expected as Buffer, mutation, NO_ATTRIBUTES);
  }

  // --- Thrift2 only --------------------------------------------------------------------------

  checkAndMutate(
    _table: Buffer,
    _row: Buffer,
    _check: CellCheck,
    _mutations: readonly CellMutation[],
  ): Promise<boolean> {
    return rejectThrift2Only('checkAndMutate');
  }

  readCells(_table: Buffer, _rows: readonly Buffer[], read: CellRead): Promise<RowBatch> {
    return rejectThrift2Only(read.option);
  }

  exists(_table: Buffer, _rows: readonly Buffer[]): Promise<boolean[]> {
    // Table.exists() emulates it with scans on a Thrift1 gateway: this is never called there.
    return rejectThrift2Only('existsAll');
  }

  truncateTable(_table: Buffer, _preserveSplits: boolean): Promise<void> {
    return rejectThrift2Only('truncateTable');
  }

  tableDescriptor(_table: Buffer): Promise<TableDescriptor> {
    return rejectThrift2Only('descriptor');
  }

  addFamily(_table: Buffer, _family: FamilySpec): Promise<void> {
    return rejectThrift2Only('addColumnFamily');
  }

  modifyFamily(_table: Buffer, _family: FullColumnFamilyDescriptor): Promise<void> {
    return rejectThrift2Only('modifyColumnFamily');
  }

  deleteFamily(_table: Buffer, _family: string): Promise<void> {
    return rejectThrift2Only('deleteColumnFamily');
  }

  modifyTable(_table: Buffer, _descriptor: TableDescriptor): Promise<void> {
    return rejectThrift2Only('modifyTable');
  }

  createNamespace(_namespace: NamespaceDescriptor): Promise<void> {
    return rejectThrift2Only('createNamespace');
  }

  modifyNamespace(_namespace: NamespaceDescriptor): Promise<void> {
    return rejectThrift2Only('modifyNamespace');
  }

  deleteNamespace(_name: string): Promise<void> {
    return rejectThrift2Only('deleteNamespace');
  }

  namespaceNames(): Promise<string[]> {
    return rejectThrift2Only('namespaces');
  }

  namespace(_name: string): Promise<NamespaceDescriptor> {
    return rejectThrift2Only('namespace');
  }
}

/**
 * The generated typings promise `TRowResult[]` for the row-list methods, but the channel decodes
 * their replies into a {@link RowBatch}: this states the real type, once.
 */
function rowBatch(reply: Promise<unknown>): Promise<RowBatch> {
  return reply as Promise<RowBatch>;
}
