import { ThriftType } from '../protocol/thrift-lib';
import { endCallArgs, type WireWriter } from '../protocol/wire-writer';

/**
 * @internal Encodes `getRowWithColumns(tableName, row, columns, attributes)`, or
 * `getRowWithColumnsTs` with the timestamp as field 4 and the attributes as field 5. An empty
 * column list means every column to the gateway.
 */
export function writeGetRow(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  row: Buffer,
  columns: readonly Buffer[],
  timestamp: bigint | undefined,
): void {
  w.callBegin(timestamp === undefined ? 'getRowWithColumns' : 'getRowWithColumnsTs', seqid);
  w.field(ThriftType.STRING, 1, 0);
  w.binary(table);
  w.field(ThriftType.STRING, 2, 1);
  w.binary(row);
  w.field(ThriftType.LIST, 3, 2);
  w.listBegin(ThriftType.STRING, columns.length);
  for (const column of columns) w.binary(column);
  endCallArgs(w, 3, timestamp);
}

/** @internal Encodes `atomicIncrement(tableName, row, column, value)`. */
export function writeAtomicIncrement(
  w: WireWriter,
  seqid: number,
  table: Buffer,
  row: Buffer,
  column: Buffer,
  amount: bigint,
): void {
  w.callBegin('atomicIncrement', seqid);
  w.field(ThriftType.STRING, 1, 0);
  w.binary(table);
  w.field(ThriftType.STRING, 2, 1);
  w.binary(row);
  w.field(ThriftType.STRING, 3, 2);
  w.binary(column);
  w.field(ThriftType.I64, 4, 3);
  w.i64(amount);
  w.structEnd();
}
