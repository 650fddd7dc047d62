import { int64ToBigInt, int64ToNumber } from '../bytes';
import type { RawCell, RawRow } from '../gateway/raw-row';
import { DecodedRowBatch, type RowBatch } from '../gateway/row-batch';
import { isBinary } from '../protocol/fast-protocols';
import {
  EXCEPTION_MESSAGE,
  newApplicationException,
  type ThriftProtocol,
  ThriftType,
} from '../protocol/thrift-lib';
import { decodeBinaryRowsResult } from './binary-rows-decoder';
import { decodeCompactRowsResult } from './compact-rows-decoder';
import { IllegalArgument, IOError } from './generated/Hbase_types';

/**
 * The Thrift1 methods whose result is `list<TRowResult>`. Their replies are decoded by
 * {@link decodeRowsReply} instead of the generated code, which stores each row's columns in a
 * plain object keyed by `String(buffer)`: that loses non-UTF-8 column names (two can even collide)
 * and allocates a TCell per cell.
 */
export const ROW_LIST_METHODS: ReadonlySet<string> = new Set([
  'getRow',
  'getRowWithColumns',
  'getRowTs',
  'getRowWithColumnsTs',
  'getRows',
  'getRowsWithColumns',
  'getRowsTs',
  'getRowsWithColumnsTs',
  'scannerGet',
  'scannerGetList',
]);

/** @internal Decodes the reply of a {@link ROW_LIST_METHODS} call: the rows, or the error to reject with. */
export function decodeRowsReply(
  input: ThriftProtocol,
  messageType: number,
): { error?: unknown; result?: RowBatch } {
  if (messageType === EXCEPTION_MESSAGE) {
    const exception = newApplicationException();
    exception.read(input);
    input.readMessageEnd();
    return { error: exception };
  }
  // The hot path reads rows straight from the message bytes (see lazy-row-batch).
  const transport = (input as unknown as { trans?: { inBuf?: Buffer; readPos?: number } }).trans;
  if (transport?.inBuf && transport.readPos !== undefined) {
    const decode = isBinary(input) ? decodeBinaryRowsResult : decodeCompactRowsResult;
    const batch = decode(transport.inBuf, transport.readPos);
    if (batch) return { result: batch };
  }
  let result: RawRow[] | undefined;
  let error: unknown;
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === ThriftType.STOP) break;
    if (fid === 0 && ftype === ThriftType.LIST) result = readRows(input);
    else if (fid === 1 && ftype === ThriftType.STRUCT) error = readException(new IOError(), input);
    else if (fid === 2 && ftype === ThriftType.STRUCT) error = readException(new IllegalArgument(), input);
    else input.skip(ftype);
    input.readFieldEnd();
  }
  input.readStructEnd();
  input.readMessageEnd();
  if (error !== undefined) return { error };
  return result ? { result: new DecodedRowBatch(result) } : { error: 'the gateway sent no result' };
}

/** Fills a generated exception class (their typings omit `read`, which the runtime has). */
function readException<T extends object>(exception: T, input: ThriftProtocol): T {
  (exception as unknown as { read(input: ThriftProtocol): void }).read(input);
  return exception;
}

function readRows(input: ThriftProtocol): RawRow[] {
  const { size } = input.readListBegin();
  const rows = new Array<RawRow>(size);
  for (let i = 0; i < size; i++) rows[i] = readRow(input);
  input.readListEnd();
  return rows;
}

/** TRowResult { 1: row, 2: map<column, TCell> columns, 3: list<TColumn> sortedColumns } */
function readRow(input: ThriftProtocol): RawRow {
  const row: RawRow = { row: EMPTY, cells: [] };
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === ThriftType.STOP) break;
    if (fid === 1 && ftype === ThriftType.STRING) row.row = own(input.readBinary());
    else if (fid === 2 && ftype === ThriftType.MAP) {
      const { size } = input.readMapBegin();
      for (let i = 0; i < size; i++) {
        // Column names are only turned into strings, so a view of the reply is enough.
        const column = input.readBinary();
        row.cells.push(readCell(column, input));
      }
      input.readMapEnd();
    } else if (fid === 3 && ftype === ThriftType.LIST) {
      const { size } = input.readListBegin();
      for (let i = 0; i < size; i++) row.cells.push(readColumn(input));
      input.readListEnd();
    } else input.skip(ftype);
    input.readFieldEnd();
  }
  input.readStructEnd();
  return row;
}

/** TColumn { 1: columnName, 2: TCell cell } */
function readColumn(input: ThriftProtocol): RawCell {
  let column = EMPTY;
  let cell: RawCell | undefined;
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === ThriftType.STOP) break;
    if (fid === 1 && ftype === ThriftType.STRING) column = input.readBinary();
    else if (fid === 2 && ftype === ThriftType.STRUCT) cell = readCell(column, input);
    else input.skip(ftype);
    input.readFieldEnd();
  }
  input.readStructEnd();
  const result = cell ?? { column, value: EMPTY, timestamp: 0 };
  result.column = column; // the name may follow the cell on the wire
  return result;
}

/** TCell { 1: value, 2: i64 timestamp } */
function readCell(column: Buffer, input: ThriftProtocol): RawCell {
  const cell: RawCell = { column, value: EMPTY, timestamp: 0 };
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === ThriftType.STOP) break;
    if (fid === 1 && ftype === ThriftType.STRING) cell.value = own(input.readBinary());
    else if (fid === 2 && ftype === ThriftType.I64) cell.timestamp = exactTimestamp(input.readI64());
    else input.skip(ftype);
    input.readFieldEnd();
  }
  input.readStructEnd();
  return cell;
}

/** An i64 timestamp as a number when that is exact, else as a bigint. */
function exactTimestamp(value: ReturnType<ThriftProtocol['readI64']>): number | bigint {
  const number = int64ToNumber(value);
  return Number.isSafeInteger(number) ? number : int64ToBigInt(value);
}

const EMPTY: Buffer = Buffer.alloc(0);

/**
 * A Buffer of its own for a value read from a reply. Transports may hand out views of the whole
 * reply (a scan batch can be megabytes); a user keeping one small value must not keep all of it.
 */
function own(view: Buffer): Buffer {
  return Buffer.from(view);
}
