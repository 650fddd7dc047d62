import { ThriftType } from './thrift-lib';
import type { WireWriter } from './wire-writer';

/** @internal One cell mutation: HBase's Thrift1 `Mutation` struct, as a plain object. */
export interface CellMutation {
  isDelete: boolean;
  column: Buffer;
  /** Absent on deletes: the gateway ignores it there. */
  value?: Buffer;
  writeToWAL: boolean;
}

/** @internal A row's mutations: HBase's Thrift1 `BatchMutation` struct, as a plain object. */
export interface RowMutations {
  row: Buffer;
  mutations: readonly CellMutation[];
}

/** @internal {@link writeMutateRow} for one row, {@link writeMutateRows} for several. */
export function writeMutations(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  rows: readonly RowMutations[],
  timestamp: bigint | undefined,
): void {
  if (rows.length === 1) writeMutateRow(w, seqid, table, rows[0]!, timestamp);
  else writeMutateRows(w, seqid, table, rows, timestamp);
}

/**
 * @internal Encodes a `mutateRows` call (or `mutateRowsTs` with a timestamp) with its arguments
 * `(tableName, rowBatches[, timestamp], attributes)`; attributes are always empty.
 */
export function writeMutateRows(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  rows: readonly RowMutations[],
  timestamp: bigint | undefined,
): void {
  w.callBegin(timestamp === undefined ? 'mutateRows' : 'mutateRowsTs', seqid);
  w.field(ThriftType.STRING, 1, 0);
  w.binary(table);
  w.field(ThriftType.LIST, 2, 1);
  w.listBegin(ThriftType.STRUCT, rows.length);
  for (const row of rows) writeRowMutations(w, row);
  let lastField = 2;
  if (timestamp !== undefined) {
    w.field(ThriftType.I64, 3, 2);
    w.i64(timestamp);
    lastField = 3;
  }
  w.field(ThriftType.MAP, lastField + 1, lastField);
  w.emptyStringMap();
  w.structEnd();
}

/**
 * @internal Encodes a `mutateRow` call (or `mutateRowTs` with a timestamp) with its arguments
 * `(tableName, row, mutations[, timestamp], attributes)`; attributes are always empty.
 */
export function writeMutateRow(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  { row, mutations }: RowMutations,
  timestamp: bigint | undefined,
): void {
  w.callBegin(timestamp === undefined ? 'mutateRow' : 'mutateRowTs', seqid);
  w.field(ThriftType.STRING, 1, 0);
  w.binary(table);
  w.field(ThriftType.STRING, 2, 1);
  w.binary(row);
  w.field(ThriftType.LIST, 3, 2);
  w.listBegin(ThriftType.STRUCT, mutations.length);
  for (const mutation of mutations) writeMutation(w, mutation);
  let lastField = 3;
  if (timestamp !== undefined) {
    w.field(ThriftType.I64, 4, 3);
    w.i64(timestamp);
    lastField = 4;
  }
  w.field(ThriftType.MAP, lastField + 1, lastField);
  w.emptyStringMap();
  w.structEnd();
}

/** A `BatchMutation` struct: `row` (1), `mutations` (2). */
function writeRowMutations(w: WireWriter, { row, mutations }: RowMutations): void {
  w.field(ThriftType.STRING, 1, 0);
  w.binary(row);
  w.field(ThriftType.LIST, 2, 1);
  w.listBegin(ThriftType.STRUCT, mutations.length);
  for (const mutation of mutations) writeMutation(w, mutation);
  w.structEnd();
}

/** A `Mutation` struct: `isDelete` (1), `column` (2), `value` (3), `writeToWAL` (4). */
function writeMutation(w: WireWriter, mutation: CellMutation): void {
  w.boolField(1, 0, mutation.isDelete);
  w.field(ThriftType.STRING, 2, 1);
  w.binary(mutation.column);
  let lastField = 2;
  if (mutation.value !== undefined) {
    w.field(ThriftType.STRING, 3, 2);
    w.binary(mutation.value);
    lastField = 3;
  }
  w.boolField(4, lastField, mutation.writeToWAL);
  w.structEnd();
}
