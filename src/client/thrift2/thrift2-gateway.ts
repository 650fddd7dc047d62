import { toInt64 } from '../bytes';
import type { ColumnFamilyDescriptor, FamilySpec, FullColumnFamilyDescriptor } from '../column-family';
import { type Durability, strongerDurability } from '../durability';
import { IOError, NotSupportedError, ProtocolMismatchError } from '../errors';
import type { CellCheck } from '../gateway/cell-check';
import type { CellRead } from '../gateway/cell-read';
import type { CounterIncrement, Gateway } from '../gateway/gateway';
import type { RawCell } from '../gateway/raw-row';
import { DecodedRowBatch, type RowBatch } from '../gateway/row-batch';
import type { CellMutation, RowMutations } from '../gateway/row-mutations';
import type { ScanSpec } from '../gateway/scan-spec';
import type { NamespaceDescriptor } from '../namespace-descriptor';
import type { GeneratedCodec } from '../protocol/generated-codec';
import type { RegionInfo } from '../region-info';
import type { TableDescriptor } from '../table-descriptor';
import type { StartCall } from '../transport/thrift-api';
import { toCellGet, toExistsGet, toFamilyTimeRanges, toReplicaFields, toTimeRange } from './cell-reads';
import { fromColumnValue, splitColumn, toTColumns } from './columns';
import { MIRRORED_COMPARE_OP } from './compare-op';
import { toTDurability } from './durability';
import { fromFamilyDescriptor, toFamilyDescriptor } from './family-descriptors';
import {
  TAppend,
  TColumn,
  type TColumnIncrement,
  TColumnValue,
  TDelete,
  TDeleteType,
  TGet,
  TMutation,
  TPut,
  type TResult,
  TRowMutations,
  TScan,
  TTableDescriptor,
  type TTableName,
  TTimeRange,
} from './generated/hbase_types';
import { columnIncrement, rowIncrement } from './increments';
import { recognizeMissingTable } from './missing-table';
import { fromNamespaceDescriptor, toNamespaceDescriptor } from './namespaces';
import { fromRegionLocation } from './region-locations';
import type { ResultBatch } from './result-batch';
import {
  fromTableDescriptor,
  replicationAttributes,
  toFullFamilyDescriptor,
  toTTableDescriptor,
} from './table-descriptors';
import { fromTableName, toTableName } from './table-name';

/** "Only cells strictly older than `timestamp`": Thrift1's read timestamp, as a Thrift2 time range. */
function olderThan(timestamp: bigint | undefined): TTimeRange | undefined {
  return timestamp === undefined
    ? undefined
    : new TTimeRange({ minStamp: toInt64(0n), maxStamp: toInt64(timestamp) });
}

/**
 * @internal The {@link Gateway} of a Thrift2 gateway (service `THBaseService`). Where Thrift1 has
 * one call and Thrift2 none, it is emulated faithfully (a batch's counters: one `increment` per
 * row) or refused with `NotSupportedError` (compactions).
 */
export class Thrift2Gateway implements Gateway {
  readonly kind = 'thrift2';
  readonly #codec: GeneratedCodec;
  readonly #start: StartCall;
  /** The table of each open scanner: a scan of a missing table fails on its first read. */
  readonly #scannerTables = new Map<number, Buffer>();

  constructor(codec: GeneratedCodec, start: StartCall) {
    this.#codec = codec;
    this.#start = start;
  }

  /** Starts one call encoded by the generated `send_<method>`. */
  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#start<T>((seqid) => this.#codec.send(method, seqid, args)).catch((error: unknown) => {
      // Every call on a table names it first.
      throw recognizeMissingTable(error, args[0]);
    });
  }

  serverType(): Promise<number> {
    return this.#call('getThriftServerType');
  }

  clusterId(): Promise<string> {
    return this.#call('getClusterId');
  }

  async tableNames(): Promise<Buffer[]> {
    // Thrift1's getTableNames lists the user tables of every namespace.
    // A pattern matching every name: HBase 3's admin refuses a null one.
    const names = await this.#call<TTableName[]>('getTableNamesByPattern', '.*', false);
    return names.map(fromTableName);
  }

  createTable(
    table: Buffer,
    families: readonly FamilySpec[],
    splitKeys?: readonly Buffer[],
    regionReplication?: number,
  ): Promise<void> {
    let descriptor: TTableDescriptor;
    try {
      descriptor = new TTableDescriptor({
        tableName: toTableName(table),
        columns: families.map(toFamilyDescriptor),
        attributes: regionReplication === undefined ? undefined : replicationAttributes(regionReplication),
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#call('createTable', descriptor, splitKeys ?? null);
  }

  deleteTable(table: Buffer): Promise<void> {
    return this.#call('deleteTable', toTableName(table));
  }

  enableTable(table: Buffer): Promise<void> {
    return this.#call('enableTable', toTableName(table));
  }

  disableTable(table: Buffer): Promise<void> {
    return this.#call('disableTable', toTableName(table));
  }

  isTableEnabled(table: Buffer): Promise<boolean> {
    return this.#call('isTableEnabled', toTableName(table));
  }

  compact(_table: Buffer, major: boolean): Promise<void> {
    return Promise.reject(
      new NotSupportedError(major ? 'compactTable({ major: true })' : 'compactTable', {
        message:
          'compactTable is not supported on a Thrift2 gateway (THBaseService has no compaction call); ' +
          'use a Thrift1 gateway or the HBase shell',
      }),
    );
  }

  async families(table: Buffer): Promise<ColumnFamilyDescriptor[]> {
    const descriptor = await this.#call<TTableDescriptor>('getTableDescriptor', toTableName(table));
    return (descriptor.columns ?? []).map(fromFamilyDescriptor);
  }

  async regions(table: Buffer): Promise<RegionInfo[]> {
    const locations = await this.#call<Parameters<typeof fromRegionLocation>[1][]>(
      'getAllRegionLocations',
      table,
    );
    return locations.map((location) => fromRegionLocation(table, location));
  }

  async readRow(
    table: Buffer,
    row: Buffer,
    columns: readonly Buffer[],
    timestamp?: bigint,
  ): Promise<RowBatch> {
    // Rows are read from the reply's bytes (see result-batch).
    return await this.#call<ResultBatch>('get', table, toGet(row, columns, timestamp));
  }

  async readRows(
    table: Buffer,
    rows: readonly Buffer[],
    columns: readonly Buffer[],
    timestamp?: bigint,
  ): Promise<RowBatch> {
    const gets = rows.map((row) => toGet(row, columns, timestamp));
    return await this.#call<ResultBatch>('getMultiple', table, gets);
  }

  async readVersions(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    versions: number,
    timestamp?: bigint,
  ): Promise<RawCell[]> {
    const get = toGet(row, [column], timestamp);
    get.maxVersions = versions;
    const result = await this.#call<ResultBatch>('get', table, get);
    // A result's cells come sorted by column, then newest first.
    return result.rawCells();
  }

  openScanner(table: Buffer, scan: ScanSpec): Promise<number> {
    // Thrift2's cells always come sorted by column: `sortColumns` needs nothing more.
    const thriftScan = new TScan({
      startRow: scan.startRow,
      stopRow: scan.stopRow,
      columns: toTColumns(scan.columns),
      caching: scan.caching,
      maxVersions: scan.maxVersions ?? 1,
      timeRange: scan.timeRange === undefined ? olderThan(scan.timestamp) : toTimeRange(scan.timeRange),
      filterString: scan.filterString,
      batchSize: scan.batchSize,
      reversed: scan.reversed,
      cacheBlocks: scan.cacheBlocks,
      limit: scan.limit,
      colFamTimeRangeMap: toFamilyTimeRanges(scan.familyTimeRanges),
      ...toReplicaFields(scan.replica),
    });
    return this.#call<number>('openScanner', table, thriftScan).then((id) => {
      this.#scannerTables.set(id, table);
      return id;
    });
  }

  async scannerRows(scanner: number, count: number): Promise<RowBatch> {
    return this.#call<ResultBatch>('getScannerRows', scanner, count).catch((error: unknown) => {
      // The gateway opens a scanner without looking for its table: the first read reports it missing.
      throw recognizeMissingTable(error, this.#scannerTables.get(scanner));
    });
  }

  closeScanner(scanner: number): Promise<void> {
    this.#scannerTables.delete(scanner);
    return this.#call('closeScanner', scanner);
  }

  /**
   * Rows of puts only go in one `putMultiple`, rows of deletes only in one `deleteMultiple`, and a
   * row with both in its own `mutateRow` (atomic): all started at once.
   */
  mutateRows(table: Buffer, rows: readonly RowMutations[], timestamp?: bigint): Promise<void> {
    const puts: TPut[] = [];
    const deletes: TDelete[] = [];
    const mixed: TRowMutations[] = [];
    for (const { row, mutations } of rows) {
      const put = toPut(row, mutations, timestamp);
      const removes = toDeletes(row, mutations, timestamp);
      if (put && removes.length > 0) {
        const all = removes.map((remove) => new TMutation({ deleteSingle: remove }));
        // Deletes first: within one row mutation HBase applies them in order.
        mixed.push(new TRowMutations({ row, mutations: [...all, new TMutation({ put })] }));
      } else if (put) puts.push(put);
      else deletes.push(...removes);
    }
    const calls: Array<Promise<unknown>> = [];
    if (puts.length === 1) calls.push(this.#call('put', table, puts[0]));
    else if (puts.length > 1) calls.push(this.#call('putMultiple', table, puts));
    if (deletes.length === 1) calls.push(this.#call('deleteSingle', table, deletes[0]));
    else if (deletes.length > 1) calls.push(this.#deleteMultiple(table, deletes));
    for (const mutations of mixed) calls.push(this.#call('mutateRow', table, mutations));
    return settleAll(calls);
  }

  /** `deleteMultiple` answers the deletes it could not apply: any is a failure. */
  async #deleteMultiple(table: Buffer, deletes: TDelete[]): Promise<void> {
    const failed = await this.#call<TDelete[]>('deleteMultiple', table, deletes);
    if (failed.length > 0) {
      // What the region servers refused, as a server error: not retryable (some were applied).
      throw new IOError(
        `deleteMultiple: the gateway could not apply ${failed.length} of ${deletes.length} deletes`,
        false,
      );
    }
  }

  deleteRow(table: Buffer, row: Buffer, timestamp?: bigint, durability?: Durability): Promise<void> {
    const remove = new TDelete({ row, timestamp: timestamp === undefined ? undefined : toInt64(timestamp) });
    remove.durability = toTDurability(durability, true);
    return this.#call('deleteSingle', table, remove);
  }

  async increment(table: Buffer, row: Buffer, column: Buffer, amount: bigint): Promise<bigint> {
    const { family, qualifier } = splitColumn(column);
    const increment = rowIncrement(row, [columnIncrement(family, qualifier ?? Buffer.alloc(0), amount)]);
    const result = await this.#call<ResultBatch>('increment', table, increment);
    const cell = result.rawCells()[0];
    if (cell === undefined) throw new ProtocolMismatchError('increment: the reply carries no cell');
    return cell.value.readBigInt64BE(0);
  }

  /** Thrift2 has no `incrementRows`: one `increment` per row, all started at once. */
  incrementMany(table: Buffer, increments: readonly CounterIncrement[]): Promise<void> {
    const byRow = new Map<string, { row: Buffer; columns: TColumnIncrement[] }>();
    for (const { row, column, amount } of increments) {
      const id = row.toString('latin1');
      let entry = byRow.get(id);
      if (entry === undefined) {
        entry = { row, columns: [] };
        byRow.set(id, entry);
      }
      const { family, qualifier } = splitColumn(column);
      entry.columns.push(columnIncrement(family, qualifier ?? Buffer.alloc(0), amount));
    }
    const calls = [...byRow.values()].map(({ row, columns }) =>
      this.#call('increment', table, rowIncrement(row, columns, false)),
    );
    return settleAll(calls);
  }

  async append(
    table: Buffer,
    row: Buffer,
    columns: readonly Buffer[],
    values: readonly Buffer[],
  ): Promise<RawCell[]> {
    const append = new TAppend({
      row,
      columns: columns.map((column, i) => {
        const { family, qualifier } = splitColumn(column);
        return new TColumnValue({ family, qualifier: qualifier ?? Buffer.alloc(0), value: values[i]! });
      }),
      returnResults: true,
    });
    const result = await this.#call<TResult>('append', table, append);
    // The result's cells come sorted by column: put them back in the order asked.
    const cells = new Map(
      (result.columnValues ?? []).map((cell) => {
        const raw = fromColumnValue(cell);
        return [raw.column.toString('latin1'), raw] as const;
      }),
    );
    return columns.flatMap((column) => cells.get(normalized(column).toString('latin1')) ?? []);
  }

  checkAndPut(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    expected: Buffer | null,
    put: CellMutation,
  ): Promise<boolean> {
    const { family, qualifier } = splitColumn(column);
    const thriftPut = toPut(row, [put], undefined)!;
    return this.#call('checkAndPut', table, row, family, qualifier ?? Buffer.alloc(0), expected, thriftPut);
  }

  // --- Thrift2 only ------------------------------------------------------------------------------

  checkAndMutate(
    table: Buffer,
    row: Buffer,
    check: CellCheck,
    mutations: readonly CellMutation[],
  ): Promise<boolean> {
    const { family, qualifier } = splitColumn(check.column);
    const put = toPut(row, mutations, undefined);
    const all = toDeletes(row, mutations, undefined).map((remove) => new TMutation({ deleteSingle: remove }));
    if (put) all.push(new TMutation({ put }));
    // No value is "no such cell": HBase treats an empty value the same way, and the gateway
    // needs the field (it turns it into a byte array unchecked).
    return this.#call(
      'checkAndMutate',
      table,
      row,
      family,
      qualifier ?? Buffer.alloc(0),
      MIRRORED_COMPARE_OP[check.op],
      check.value ?? Buffer.alloc(0),
      new TRowMutations({ row, mutations: all }),
    );
  }

  async readCells(table: Buffer, rows: readonly Buffer[], read: CellRead): Promise<RowBatch> {
    const gets = rows.map((row) => toCellGet(row, read));
    // HBase honours a replica read in a single get only (a multi-get goes to the primaries):
    // replica reads take one `get` per row, all started at once.
    if (read.replica === undefined) return this.#call<ResultBatch>('getMultiple', table, gets);
    const results = await Promise.all(gets.map((get) => this.#call<ResultBatch>('get', table, get)));
    // A replica without the row (yet) answers a stale empty result: kept, as an empty stale row,
    // since the row may well exist on the primary.
    return new DecodedRowBatch(
      results.flatMap((result, i) => {
        if (result.size > 0) return result.rawRows();
        return result.lastResultStale ? [{ row: rows[i]!, cells: [], stale: true }] : [];
      }),
    );
  }

  exists(table: Buffer, rows: readonly Buffer[]): Promise<boolean[]> {
    return this.#call('existsAll', table, rows.map(toExistsGet));
  }

  truncateTable(table: Buffer, preserveSplits: boolean): Promise<void> {
    return this.#call('truncateTable', toTableName(table), preserveSplits);
  }

  async tableDescriptor(table: Buffer): Promise<TableDescriptor> {
    return fromTableDescriptor(await this.#call<TTableDescriptor>('getTableDescriptor', toTableName(table)));
  }

  addFamily(table: Buffer, family: FamilySpec): Promise<void> {
    return this.#callWith(() => ['addColumnFamily', toTableName(table), toFamilyDescriptor(family)]);
  }

  modifyFamily(table: Buffer, family: FullColumnFamilyDescriptor): Promise<void> {
    return this.#callWith(() => ['modifyColumnFamily', toTableName(table), toFullFamilyDescriptor(family)]);
  }

  deleteFamily(table: Buffer, family: string): Promise<void> {
    return this.#call('deleteColumnFamily', toTableName(table), Buffer.from(family, 'utf8'));
  }

  modifyTable(table: Buffer, descriptor: TableDescriptor): Promise<void> {
    return this.#callWith(() => ['modifyTable', toTTableDescriptor(table, descriptor)]);
  }

  createNamespace(namespace: NamespaceDescriptor): Promise<void> {
    return this.#call('createNamespace', toNamespaceDescriptor(namespace));
  }

  modifyNamespace(namespace: NamespaceDescriptor): Promise<void> {
    return this.#call('modifyNamespace', toNamespaceDescriptor(namespace));
  }

  deleteNamespace(name: string): Promise<void> {
    return this.#call('deleteNamespace', name);
  }

  namespaceNames(): Promise<string[]> {
    return this.#call('listNamespaces');
  }

  async namespace(name: string): Promise<NamespaceDescriptor> {
    return fromNamespaceDescriptor(await this.#call('getNamespaceDescriptor', name));
  }

  /** Starts the call `args()` names, or rejects with what building its arguments threw. */
  #callWith<T>(args: () => [string, ...unknown[]]): Promise<T> {
    let built: [string, ...unknown[]];
    try {
      built = args();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#call<T>(...built);
  }
}

/** A column as results name it: a bare family `cf` is the cell `cf:` (empty qualifier). */
function normalized(column: Buffer): Buffer {
  return column.includes(0x3a) ? column : Buffer.concat([column, Buffer.from(':')]);
}

function toGet(row: Buffer, columns: readonly Buffer[], timestamp: bigint | undefined): TGet {
  return new TGet({ row, columns: toTColumns(columns), timeRange: olderThan(timestamp) });
}

/** The puts of a row's mutations as one `TPut`, or undefined when there are none. */
function toPut(
  row: Buffer,
  mutations: readonly CellMutation[],
  timestamp: bigint | undefined,
): TPut | undefined {
  const values: TColumnValue[] = [];
  let durability: Durability | undefined;
  for (const mutation of mutations) {
    if (mutation.isDelete) continue;
    durability = strongerDurability(durability, durabilityOf(mutation));
    const { family, qualifier } = splitColumn(mutation.column);
    values.push(
      new TColumnValue({ family, qualifier: qualifier ?? Buffer.alloc(0), value: mutation.value! }),
    );
  }
  if (values.length === 0) return undefined;
  return new TPut({
    row,
    columnValues: values,
    timestamp: timestamp === undefined ? undefined : toInt64(timestamp),
    durability: toRowDurability(durability),
  });
}

/** What one mutation asked for: its durability, else what its WAL flag says. */
function durabilityOf(mutation: CellMutation): Durability {
  return mutation.durability ?? (mutation.writeToWAL ? 'default' : 'skipWal');
}

/** The durability of a row's write (the strongest its mutations asked for); none: the table's. */
function toRowDurability(durability: Durability | undefined): ReturnType<typeof toTDurability> {
  return durability === undefined || durability === 'default' ? undefined : toTDurability(durability, true);
}

/**
 * The deletes of a row's mutations: every version of each cell (`DELETE_COLUMNS`) and of each
 * family named alone (`DELETE_FAMILY`), versions up to `timestamp` when given. A `TDelete` has one
 * delete type, so cells and families go in separate ones: none, one or two.
 */
function toDeletes(
  row: Buffer,
  mutations: readonly CellMutation[],
  timestamp: bigint | undefined,
): TDelete[] {
  const cells: TColumn[] = [];
  const families: TColumn[] = [];
  let written: Durability | undefined;
  const stamp = timestamp === undefined ? undefined : toInt64(timestamp);
  for (const mutation of mutations) {
    if (!mutation.isDelete) continue;
    written = strongerDurability(written, durabilityOf(mutation));
    const { family, qualifier } = splitColumn(mutation.column);
    (qualifier === undefined ? families : cells).push(new TColumn({ family, qualifier, timestamp: stamp }));
  }
  const durability = toRowDurability(written);
  const deletes: TDelete[] = [];
  if (cells.length > 0) {
    deletes.push(new TDelete({ row, columns: cells, deleteType: TDeleteType.DELETE_COLUMNS, durability }));
  }
  if (families.length > 0) {
    deletes.push(new TDelete({ row, columns: families, deleteType: TDeleteType.DELETE_FAMILY, durability }));
  }
  return deletes;
}

/**
 * Waits for every call, then rejects with the first failure (if any): no call is left unsettled
 * when one fails, and none surfaces as an unhandled rejection.
 */
async function settleAll(calls: ReadonlyArray<Promise<unknown>>): Promise<void> {
  if (calls.length === 1) {
    await calls[0];
    return;
  }
  const outcomes = await Promise.allSettled(calls);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
