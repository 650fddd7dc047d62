import type Int64 from 'node-int64';
import type { GeneratedCodec } from '../protocol/generated-codec';
import type { StartCall } from '../transport/thrift-api';
import type {
  ColumnDescriptor,
  Mutation,
  TAppend,
  TCell,
  TIncrement,
  TRegionInfo,
  TRowResult,
  TScan,
} from './generated/Hbase_types';

/** Call attributes as the generated code takes them (a map of bytes to bytes, or nothing). */
type Attributes = Map<Buffer, Buffer> | Record<string, Buffer> | null | undefined;

/**
 * @internal The Thrift1 calls the client makes through the generated encoders and decoders (the
 * ones off the hot paths), with the generated client's signatures. Each starts one call through
 * the channel ({@link StartCall}), which registers it and settles it.
 */
export class GeneratedCalls {
  readonly #codec: GeneratedCodec;
  readonly #start: StartCall;

  constructor(codec: GeneratedCodec, start: StartCall) {
    this.#codec = codec;
    this.#start = start;
  }

  /** Starts a call encoded by the generated `send_<method>`. */
  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.#start<T>((seqid) => this.#codec.send(method, seqid, args));
  }

  /** `getThriftServerType()`: which gateway API answers (1: Thrift1, 2: Thrift2). */
  getThriftServerType(): Promise<number> {
    return this.#call('getThriftServerType');
  }

  /** `getClusterId()`. */
  getClusterId(): Promise<string> {
    return this.#call('getClusterId');
  }

  /** `getTableNames()`. */
  getTableNames(): Promise<Buffer[]> {
    return this.#call('getTableNames');
  }

  /** `createTable(tableName, columnFamilies)`. */
  createTable(tableName: Buffer, columnFamilies: ColumnDescriptor[]): Promise<void> {
    return this.#call('createTable', tableName, columnFamilies);
  }

  /** `isTableEnabled(tableName)`. */
  isTableEnabled(tableName: Buffer): Promise<boolean> {
    return this.#call('isTableEnabled', tableName);
  }

  /** `enableTable(tableName)`. */
  enableTable(tableName: Buffer): Promise<void> {
    return this.#call('enableTable', tableName);
  }

  /** `disableTable(tableName)`. */
  disableTable(tableName: Buffer): Promise<void> {
    return this.#call('disableTable', tableName);
  }

  /** `deleteTable(tableName)`. */
  deleteTable(tableName: Buffer): Promise<void> {
    return this.#call('deleteTable', tableName);
  }

  /** `compact(tableNameOrRegionName)`. */
  compact(tableNameOrRegionName: Buffer): Promise<void> {
    return this.#call('compact', tableNameOrRegionName);
  }

  /** `majorCompact(tableNameOrRegionName)`. */
  majorCompact(tableNameOrRegionName: Buffer): Promise<void> {
    return this.#call('majorCompact', tableNameOrRegionName);
  }

  /** `getColumnDescriptors(tableName)`: the families by name. */
  getColumnDescriptors(tableName: Buffer): Promise<Record<string, ColumnDescriptor>> {
    return this.#call('getColumnDescriptors', tableName);
  }

  /** `getTableRegions(tableName)`. */
  getTableRegions(tableName: Buffer): Promise<TRegionInfo[]> {
    return this.#call('getTableRegions', tableName);
  }

  /** `getRowsWithColumns(tableName, rows, columns, attributes)` (decoded by the row decoders). */
  getRowsWithColumns(
    tableName: Buffer,
    rows: Buffer[],
    columns: Buffer[],
    attributes: Attributes,
  ): Promise<TRowResult[]> {
    return this.#call('getRowsWithColumns', tableName, rows, columns, attributes);
  }

  /** `getRowsWithColumnsTs(tableName, rows, columns, timestamp, attributes)` (decoded by the row decoders). */
  getRowsWithColumnsTs(
    tableName: Buffer,
    rows: Buffer[],
    columns: Buffer[],
    timestamp: Int64,
    attributes: Attributes,
  ): Promise<TRowResult[]> {
    return this.#call('getRowsWithColumnsTs', tableName, rows, columns, timestamp, attributes);
  }

  /** `getVer(tableName, row, column, numVersions, attributes)`. */
  getVer(
    tableName: Buffer,
    row: Buffer,
    column: Buffer,
    numVersions: number,
    attributes: Attributes,
  ): Promise<TCell[]> {
    return this.#call('getVer', tableName, row, column, numVersions, attributes);
  }

  /** `getVerTs(tableName, row, column, timestamp, numVersions, attributes)`. */
  getVerTs(
    tableName: Buffer,
    row: Buffer,
    column: Buffer,
    timestamp: Int64,
    numVersions: number,
    attributes: Attributes,
  ): Promise<TCell[]> {
    return this.#call('getVerTs', tableName, row, column, timestamp, numVersions, attributes);
  }

  /** `deleteAllRow(tableName, row, attributes)`. */
  deleteAllRow(tableName: Buffer, row: Buffer, attributes: Attributes): Promise<void> {
    return this.#call('deleteAllRow', tableName, row, attributes);
  }

  /** `deleteAllRowTs(tableName, row, timestamp, attributes)`. */
  deleteAllRowTs(tableName: Buffer, row: Buffer, timestamp: Int64, attributes: Attributes): Promise<void> {
    return this.#call('deleteAllRowTs', tableName, row, timestamp, attributes);
  }

  /** `append(append)`: the cells after the append. */
  append(append: TAppend): Promise<TCell[]> {
    return this.#call('append', append);
  }

  /** `checkAndPut(tableName, row, column, value, mput, attributes)`: whether the put was applied. */
  checkAndPut(
    tableName: Buffer,
    row: Buffer,
    column: Buffer,
    value: Buffer | null,
    mput: Mutation,
    attributes: Attributes,
  ): Promise<boolean> {
    return this.#call('checkAndPut', tableName, row, column, value, mput, attributes);
  }

  /** `incrementRows(increments)`. */
  incrementRows(increments: TIncrement[]): Promise<void> {
    return this.#call('incrementRows', increments);
  }

  /** `scannerOpenWithScan(tableName, scan, attributes)`: the scanner's id. */
  scannerOpenWithScan(tableName: Buffer, scan: TScan, attributes: Attributes): Promise<number> {
    return this.#call('scannerOpenWithScan', tableName, scan, attributes);
  }

  /** `scannerGetList(id, nbRows)` (decoded by the row decoders). */
  scannerGetList(id: number, nbRows: number): Promise<TRowResult[]> {
    return this.#call('scannerGetList', id, nbRows);
  }

  /** `scannerClose(id)`. */
  scannerClose(id: number): Promise<void> {
    return this.#call('scannerClose', id);
  }
}
