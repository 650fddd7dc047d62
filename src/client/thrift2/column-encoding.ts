import type Int64 from 'node-int64';
import { ThriftType } from '../protocol/thrift-lib';
import type { WireWriter } from '../protocol/wire-writer';
import type { TColumn } from './generated/hbase_types';

// What the Thrift2 encoders of gets and of mutations share: the checks of the values they take
// from generated structs, and the `TColumn` struct both write.

const { STRING, I64 } = ThriftType;

/** @internal Bytes (the generated structs hold Buffers). */
export const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
/** @internal A field that is set (the generated structs hold `null` for an unset one). */
export const isSet = (value: unknown): boolean => value !== null && value !== undefined;
/** @internal A node-int64, as the generated structs hold an i64. */
export const isInt64 = (value: unknown): value is Int64 =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as { buffer?: unknown }).buffer);
/** @internal An unset field, or an i64. */
export const optionalInt64 = (value: unknown): boolean => !isSet(value) || isInt64(value);
/** @internal A node-int64's value, exactly. */
export const int64Value = (value: Int64): bigint => value.buffer.readBigInt64BE(value.offset);

/** @internal Whether our writer writes this `TColumn` as the generated code would. */
export function canEncodeColumn(column: TColumn | null | undefined): boolean {
  return (
    isSet(column) &&
    isBytes(column!.family) &&
    (!isSet(column!.qualifier) || isBytes(column!.qualifier)) &&
    optionalInt64(column!.timestamp)
  );
}

/** @internal Writes TColumn { 1: family, 2: qualifier, 3: timestamp }. */
export function writeColumn(w: WireWriter, column: TColumn): void {
  w.field(STRING, 1, 0);
  w.binary(column.family);
  let last = 1;
  if (isSet(column.qualifier)) {
    w.field(STRING, 2, last);
    w.binary(column.qualifier!);
    last = 2;
  }
  if (isSet(column.timestamp)) {
    w.field(I64, 3, last);
    w.i64(int64Value(column.timestamp as unknown as Int64));
  }
  w.structEnd();
}
