import type { ColumnFamilyDescriptor, FamilySpec, FullColumnFamilyDescriptor } from '../column-family';
import type { GatewayKind } from '../connection-settings';
import type { Durability } from '../durability';
import type { NamespaceDescriptor } from '../namespace-descriptor';
import type { RegionInfo } from '../region-info';
import type { TableDescriptor } from '../table-descriptor';
import type { CellCheck } from './cell-check';
import type { CellRead } from './cell-read';
import type { RawCell } from './raw-row';
import type { RowBatch } from './row-batch';
import type { CellMutation, RowMutations } from './row-mutations';
import type { ScanSpec } from './scan-spec';

/**
 * @internal What the public classes (Connection, Table, Batch, the scanners) ask of a gateway,
 * in terms of neither Thrift API: one implementation per API (`thrift1/`, `thrift2/`), bound to
 * one channel, which registers, times out and settles its calls.
 *
 * Every method starts its wire calls synchronously, when it is called (the channel gives each the
 * method name and timeout of the `call` that runs it), and most start exactly one. Table names are
 * full names (prefix and namespace included), as bytes.
 */
export interface Gateway {
  /** The API this gateway speaks. */
  readonly kind: GatewayKind;

  /** `getThriftServerType`: 1 on a Thrift1 gateway, 2 on a Thrift2 gateway (same call in both IDLs). */
  serverType(): Promise<number>;
  /** The cluster's id (`getClusterId`, in both IDLs). */
  clusterId(): Promise<string>;

  // --- tables -----------------------------------------------------------------------------------

  /** The names of every table, namespaced ones as `ns:name` (the default namespace without `default:`). */
  tableNames(): Promise<Buffer[]>;
  /**
   * Creates a table with validated families, pre-split at `splitKeys` and with `regionReplication`
   * replicas of each region when given (Thrift2 only: a Thrift1 gateway rejects either with
   * `NotSupportedError`).
   */
  createTable(
    table: Buffer,
    families: readonly FamilySpec[],
    splitKeys?: readonly Buffer[],
    regionReplication?: number,
  ): Promise<void>;
  deleteTable(table: Buffer): Promise<void>;
  enableTable(table: Buffer): Promise<void>;
  disableTable(table: Buffer): Promise<void>;
  isTableEnabled(table: Buffer): Promise<boolean>;
  /** Requests a compaction; a gateway without compactions rejects with `NotSupportedError`. */
  compact(table: Buffer, major: boolean): Promise<void>;
  /** The table's column families. */
  families(table: Buffer): Promise<ColumnFamilyDescriptor[]>;
  /** The table's regions. */
  regions(table: Buffer): Promise<RegionInfo[]>;

  // --- reads ------------------------------------------------------------------------------------

  /** One row (no row: an empty batch), only `columns` (families or cells) when some are given. */
  readRow(table: Buffer, row: Buffer, columns: readonly Buffer[], timestamp?: bigint): Promise<RowBatch>;
  /** Several rows in one call; missing rows are left out, the others come in the order asked. */
  readRows(
    table: Buffer,
    rows: readonly Buffer[],
    columns: readonly Buffer[],
    timestamp?: bigint,
  ): Promise<RowBatch>;
  /** Up to `versions` versions of one cell (`family:qualifier`), newest first. */
  readVersions(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    versions: number,
    timestamp?: bigint,
  ): Promise<RawCell[]>;

  // --- scans ------------------------------------------------------------------------------------

  /** Opens a server-side scanner; answers its id. */
  openScanner(table: Buffer, scan: ScanSpec): Promise<number>;
  /** The next rows of a scanner, at most `count`; an empty batch when it is exhausted. */
  scannerRows(scanner: number, count: number): Promise<RowBatch>;
  closeScanner(scanner: number): Promise<void>;

  // --- writes -----------------------------------------------------------------------------------

  /**
   * Applies cell mutations to rows in one call. A call's mutations are on distinct cells, and
   * family deletes never travel with puts of the same row (see `Batch.send`).
   */
  mutateRows(table: Buffer, rows: readonly RowMutations[], timestamp?: bigint): Promise<void>;
  /**
   * Deletes a whole row (only versions at or before `timestamp`, when given). A Thrift1 gateway
   * takes no durability for it (its `deleteAllRow` has no WAL flag).
   */
  deleteRow(table: Buffer, row: Buffer, timestamp?: bigint, durability?: Durability): Promise<void>;
  /** Adds `amount` to a counter cell; answers its new value. */
  increment(table: Buffer, row: Buffer, column: Buffer, amount: bigint): Promise<bigint>;
  /** Adds to several counters (a batch's summed counters); answers nothing. */
  incrementMany(table: Buffer, increments: readonly CounterIncrement[]): Promise<void>;
  /** Appends to cells; answers the new cells in the order of `columns`. */
  append(
    table: Buffer,
    row: Buffer,
    columns: readonly Buffer[],
    values: readonly Buffer[],
  ): Promise<RawCell[]>;
  /** Writes `put` if the cell `column` holds `expected` (`null`: does not exist). */
  checkAndPut(
    table: Buffer,
    row: Buffer,
    column: Buffer,
    expected: Buffer | null,
    put: CellMutation,
  ): Promise<boolean>;

  // --- Thrift2 only: a Thrift1 gateway rejects each with `NotSupportedError`, sending nothing ---

  /**
   * Applies a row's mutations (puts, and cell or family deletes, none covering a put) atomically
   * if `check` holds; answers whether it did.
   */
  checkAndMutate(
    table: Buffer,
    row: Buffer,
    check: CellCheck,
    mutations: readonly CellMutation[],
  ): Promise<boolean>;
  /** Rows with several versions of each cell and/or in a time range; missing rows left out. */
  readCells(table: Buffer, rows: readonly Buffer[], read: CellRead): Promise<RowBatch>;
  /** Whether each row exists (`existsAll`), in the order asked. */
  exists(table: Buffer, rows: readonly Buffer[]): Promise<boolean[]>;
  /** Empties a table (disabled first), keeping its region boundaries with `preserveSplits`. */
  truncateTable(table: Buffer, preserveSplits: boolean): Promise<void>;
  /** The table's descriptor with every family setting (Thrift2's full column family descriptors). */
  tableDescriptor(table: Buffer): Promise<TableDescriptor>;
  addFamily(table: Buffer, family: FamilySpec): Promise<void>;
  /** Replaces a family's settings with `family` (a full descriptor: what it leaves out is reset). */
  modifyFamily(table: Buffer, family: FullColumnFamilyDescriptor): Promise<void>;
  deleteFamily(table: Buffer, family: string): Promise<void>;
  /** Replaces the table's descriptor (every family in full, and the table's settings). */
  modifyTable(table: Buffer, descriptor: TableDescriptor): Promise<void>;
  createNamespace(namespace: NamespaceDescriptor): Promise<void>;
  /** Replaces a namespace's configuration. */
  modifyNamespace(namespace: NamespaceDescriptor): Promise<void>;
  deleteNamespace(name: string): Promise<void>;
  namespaceNames(): Promise<string[]>;
  namespace(name: string): Promise<NamespaceDescriptor>;
}

/** @internal One counter of a batch: a cell and the (non-zero) sum of what was queued for it. */
export interface CounterIncrement {
  row: Buffer;
  column: Buffer;
  amount: bigint;
}
