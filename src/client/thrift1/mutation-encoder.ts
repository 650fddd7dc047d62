import type { CellMutation, RowMutations } from '../gateway/row-mutations';
import { ThriftType } from '../protocol/thrift-lib';
import { endCallArgs, type WireWriter } from '../protocol/wire-writer';

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
  for (const row of rows) {
    // A `BatchMutation` struct: `row` (1), `mutations` (2).
    writeRowFields(w, 1, row);
    w.structEnd();
  }
  endCallArgs(w, 2, timestamp);
}

/**
 * @internal Encodes a `mutateRow` call (or `mutateRowTs` with a timestamp) with its arguments
 * `(tableName, row, mutations[, timestamp], attributes)`; attributes are always empty.
 */
export function writeMutateRow(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  row: RowMutations,
  timestamp: bigint | undefined,
): void {
  w.callBegin(timestamp === undefined ? 'mutateRow' : 'mutateRowTs', seqid);
  w.field(ThriftType.STRING, 1, 0);
  w.binary(table);
  writeRowFields(w, 2, row);
  endCallArgs(w, 3, timestamp);
}

/** A row key as field `rowField` and its mutations as the field after it. */
function writeRowFields(w: WireWriter, rowField: number, { row, mutations }: RowMutations): void {
  w.field(ThriftType.STRING, rowField, rowField - 1);
  w.binary(row);
  w.field(ThriftType.LIST, rowField + 1, rowField);
  w.listBegin(ThriftType.STRUCT, mutations.length);
  for (const mutation of mutations) writeMutation(w, mutation);
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
