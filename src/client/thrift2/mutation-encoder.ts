import type Int64 from 'node-int64';
import { ThriftType } from '../protocol/thrift-lib';
import type { WireWriter } from '../protocol/wire-writer';
import { canEncodeColumn, int64Value, isBytes, isSet, optionalInt64, writeColumn } from './column-encoding';
import type {
  TColumnIncrement,
  TColumnValue,
  TDelete,
  TIncrement,
  TMutation,
  TPut,
  TRowMutations,
} from './generated/hbase_types';

const { STRING, LIST, STRUCT, I64, I32, BYTE } = ThriftType;

/**
 * @internal The Thrift2 write calls we encode ourselves (counter increments too): each takes
 * `(table, <structs>)` as its fields 1 and 2. The generated `send_<method>` copies every `TPut`, `TColumnValue`, `TDelete`
 * and `TColumn` into new objects before writing them through a protocol object, which was most of
 * a Thrift2 bulk load's client CPU.
 */
export const MUTATION_METHODS: ReadonlyMap<
  string,
  'put' | 'puts' | 'delete' | 'deletes' | 'rowMutations' | 'increment'
> = new Map([
  ['put', 'put'],
  ['putMultiple', 'puts'],
  ['deleteSingle', 'delete'],
  ['deleteMultiple', 'deletes'],
  ['mutateRow', 'rowMutations'],
  ['increment', 'increment'],
] as const);

const optionalInteger = (value: unknown): boolean => !isSet(value) || Number.isInteger(value);

/**
 * @internal Whether {@link writeMutationCall} encodes this call exactly as the generated code
 * would: the structs hold only the fields it writes (no attributes, no cell visibility), each of
 * the type the gateway code gives it. Anything else (and anything the generated code refuses, such
 * as a missing required field) goes to the generated `send_<method>`.
 */
export function canEncodeMutationCall(method: string, args: readonly unknown[]): boolean {
  const kind = MUTATION_METHODS.get(method);
  const [table, value] = args;
  if (kind === undefined || args.length !== 2 || !isBytes(table)) return false;
  switch (kind) {
    case 'put':
      return canEncodePut(value);
    case 'puts':
      return Array.isArray(value) && value.every(canEncodePut);
    case 'delete':
      return canEncodeDelete(value);
    case 'deletes':
      return Array.isArray(value) && value.every(canEncodeDelete);
    case 'rowMutations':
      return canEncodeRowMutations(value);
    case 'increment':
      return canEncodeIncrement(value);
  }
}

function canEncodeIncrement(value: unknown): boolean {
  const increment = value as TIncrement | null | undefined;
  return (
    isSet(increment) &&
    isBytes(increment!.row) &&
    Array.isArray(increment!.columns) &&
    increment!.columns.every(canEncodeColumnIncrement) &&
    !isSet(increment!.attributes) &&
    optionalInteger(increment!.durability) &&
    !isSet(increment!.cellVisibility) &&
    (!isSet(increment!.returnResults) || typeof increment!.returnResults === 'boolean')
  );
}

function canEncodeColumnIncrement(column: TColumnIncrement | null | undefined): boolean {
  return (
    isSet(column) && isBytes(column!.family) && isBytes(column!.qualifier) && optionalInt64(column!.amount)
  );
}

function canEncodePut(value: unknown): boolean {
  const put = value as TPut | null | undefined;
  return (
    isSet(put) &&
    isBytes(put!.row) &&
    Array.isArray(put!.columnValues) &&
    put!.columnValues.every(canEncodeColumnValue) &&
    optionalInt64(put!.timestamp) &&
    !isSet(put!.attributes) &&
    optionalInteger(put!.durability) &&
    !isSet(put!.cellVisibility)
  );
}

function canEncodeColumnValue(cell: TColumnValue | null | undefined): boolean {
  return (
    isSet(cell) &&
    isBytes(cell!.family) &&
    isBytes(cell!.qualifier) &&
    isBytes(cell!.value) &&
    optionalInt64(cell!.timestamp) &&
    (!isSet(cell!.tags) || isBytes(cell!.tags)) &&
    optionalInteger(cell!.type)
  );
}

function canEncodeDelete(value: unknown): boolean {
  const remove = value as TDelete | null | undefined;
  return (
    isSet(remove) &&
    isBytes(remove!.row) &&
    (!isSet(remove!.columns) || (Array.isArray(remove!.columns) && remove!.columns.every(canEncodeColumn))) &&
    optionalInt64(remove!.timestamp) &&
    optionalInteger(remove!.deleteType) &&
    !isSet(remove!.attributes) &&
    optionalInteger(remove!.durability)
  );
}

function canEncodeRowMutations(value: unknown): boolean {
  const mutations = value as TRowMutations | null | undefined;
  return (
    isSet(mutations) &&
    isBytes(mutations!.row) &&
    Array.isArray(mutations!.mutations) &&
    mutations!.mutations.every(canEncodeMutation)
  );
}

/** A `TMutation` is a union: exactly one of its fields is set. */
function canEncodeMutation(mutation: TMutation | null | undefined): boolean {
  if (!isSet(mutation)) return false;
  const put = isSet(mutation!.put);
  const remove = isSet(mutation!.deleteSingle);
  return put !== remove && (put ? canEncodePut(mutation!.put) : canEncodeDelete(mutation!.deleteSingle));
}

/**
 * @internal Encodes a call of one of the {@link MUTATION_METHODS} with its arguments `(table,
 * struct or list)`, as the generated `send_<method>` does, byte for byte. Only for calls that
 * {@link canEncodeMutationCall} accepts.
 */
export function writeMutationCall(
  w: WireWriter,
  seqid: number,
  method: string,
  args: readonly unknown[],
): void {
  const kind = MUTATION_METHODS.get(method)!;
  w.callBegin(method, seqid);
  w.field(STRING, 1, 0);
  w.binary(args[0] as Uint8Array);
  const value = args[1];
  switch (kind) {
    case 'put':
      w.field(STRUCT, 2, 1);
      writePut(w, value as TPut);
      break;
    case 'puts':
      w.field(LIST, 2, 1);
      writeList(w, value as TPut[], writePut);
      break;
    case 'delete':
      w.field(STRUCT, 2, 1);
      writeDelete(w, value as TDelete);
      break;
    case 'deletes':
      w.field(LIST, 2, 1);
      writeList(w, value as TDelete[], writeDelete);
      break;
    case 'rowMutations':
      w.field(STRUCT, 2, 1);
      writeRowMutations(w, value as TRowMutations);
      break;
    case 'increment':
      w.field(STRUCT, 2, 1);
      writeIncrement(w, value as TIncrement);
      break;
  }
  w.structEnd(); // the arguments
}

function writeList<T>(w: WireWriter, items: readonly T[], write: (w: WireWriter, item: T) => void): void {
  w.listBegin(STRUCT, items.length);
  for (const item of items) write(w, item);
}

/** TPut { 1: row, 2: columnValues, 3: timestamp, 5: attributes, 6: durability, 7: cellVisibility } */
function writePut(w: WireWriter, put: TPut): void {
  w.field(STRING, 1, 0);
  w.binary(put.row);
  w.field(LIST, 2, 1);
  writeList(w, put.columnValues, writeColumnValue);
  let last = 2;
  if (isSet(put.timestamp)) {
    w.field(I64, 3, last);
    w.i64(int64Value(put.timestamp as unknown as Int64));
    last = 3;
  }
  if (isSet(put.durability)) {
    w.field(I32, 6, last);
    w.i32(put.durability as unknown as number);
  }
  w.structEnd();
}

/** TColumnValue { 1: family, 2: qualifier, 3: value, 4: timestamp, 5: tags, 6: type } */
function writeColumnValue(w: WireWriter, cell: TColumnValue): void {
  w.field(STRING, 1, 0);
  w.binary(cell.family);
  w.field(STRING, 2, 1);
  w.binary(cell.qualifier);
  w.field(STRING, 3, 2);
  w.binary(cell.value);
  let last = 3;
  if (isSet(cell.timestamp)) {
    w.field(I64, 4, last);
    w.i64(int64Value(cell.timestamp as unknown as Int64));
    last = 4;
  }
  if (isSet(cell.tags)) {
    w.field(STRING, 5, last);
    w.binary(cell.tags!);
    last = 5;
  }
  if (isSet(cell.type)) {
    w.field(BYTE, 6, last);
    w.byte(cell.type);
  }
  w.structEnd();
}

/** TDelete { 1: row, 2: columns, 3: timestamp, 4: deleteType, 6: attributes, 7: durability } */
function writeDelete(w: WireWriter, remove: TDelete): void {
  w.field(STRING, 1, 0);
  w.binary(remove.row);
  let last = 1;
  if (isSet(remove.columns)) {
    w.field(LIST, 2, last);
    writeList(w, remove.columns!, writeColumn);
    last = 2;
  }
  if (isSet(remove.timestamp)) {
    w.field(I64, 3, last);
    w.i64(int64Value(remove.timestamp as unknown as Int64));
    last = 3;
  }
  if (isSet(remove.deleteType)) {
    w.field(I32, 4, last);
    w.i32(remove.deleteType as unknown as number);
    last = 4;
  }
  if (isSet(remove.durability)) {
    w.field(I32, 7, last);
    w.i32(remove.durability as unknown as number);
  }
  w.structEnd();
}

/** TRowMutations { 1: row, 2: list<TMutation> mutations }; a TMutation is { 1: put } or { 2: deleteSingle }. */
function writeRowMutations(w: WireWriter, rowMutations: TRowMutations): void {
  w.field(STRING, 1, 0);
  w.binary(rowMutations.row);
  w.field(LIST, 2, 1);
  writeList(w, rowMutations.mutations, (writer, mutation: TMutation) => {
    if (isSet(mutation.put)) {
      writer.field(STRUCT, 1, 0);
      writePut(writer, mutation.put!);
    } else {
      writer.field(STRUCT, 2, 0);
      writeDelete(writer, mutation.deleteSingle!);
    }
    writer.structEnd();
  });
  w.structEnd();
}

/** TIncrement { 1: row, 2: columns, 4: attributes, 5: durability, 6: cellVisibility, 7: returnResults } */
function writeIncrement(w: WireWriter, increment: TIncrement): void {
  w.field(STRING, 1, 0);
  w.binary(increment.row);
  w.field(LIST, 2, 1);
  writeList(w, increment.columns, writeColumnIncrement);
  let last = 2;
  if (isSet(increment.durability)) {
    w.field(I32, 5, last);
    w.i32(increment.durability as unknown as number);
    last = 5;
  }
  if (isSet(increment.returnResults)) w.boolField(7, last, increment.returnResults!);
  w.structEnd();
}

/** TColumnIncrement { 1: family, 2: qualifier, 3: amount } */
function writeColumnIncrement(w: WireWriter, column: TColumnIncrement): void {
  w.field(STRING, 1, 0);
  w.binary(column.family);
  w.field(STRING, 2, 1);
  w.binary(column.qualifier);
  if (isSet(column.amount)) {
    w.field(I64, 3, 2);
    w.i64(int64Value(column.amount as unknown as Int64));
  }
  w.structEnd();
}
