import type Int64 from 'node-int64';
import { ThriftType } from '../protocol/thrift-lib';
import type { WireWriter } from '../protocol/wire-writer';
import {
  canEncodeColumn,
  int64Value,
  isBytes,
  isInt64,
  isSet,
  optionalInt64,
  writeColumn,
} from './column-encoding';
import type { TGet, TTimeRange } from './generated/hbase_types';

const { STRING, LIST, STRUCT, I64, I32 } = ThriftType;

/**
 * @internal The Thrift2 read calls we encode ourselves: `get(table, TGet)` and
 * `getMultiple(table, list<TGet>)`, the calls of every single-row and multi-row read. The
 * generated `send_get` copies the `TGet` and its `TColumn`s and writes them through a protocol
 * object per call.
 */
export const GET_METHODS: ReadonlyMap<string, 'one' | 'list'> = new Map([
  ['get', 'one'],
  ['getMultiple', 'list'],
] as const);

/**
 * @internal Whether {@link writeGetCall} encodes this call exactly as the generated code would:
 * its `TGet`s hold only row, columns, timestamp, time range, max versions, filter string and cache
 * blocks (what the gateway code sets), of the types it gives them. Anything else goes to the
 * generated `send_<method>`.
 */
export function canEncodeGetCall(method: string, args: readonly unknown[]): boolean {
  const shape = GET_METHODS.get(method);
  if (shape === undefined || args.length !== 2 || !isBytes(args[0])) return false;
  const value = args[1];
  return shape === 'one' ? canEncodeGet(value) : Array.isArray(value) && value.every(canEncodeGet);
}

function canEncodeGet(value: unknown): boolean {
  const get = value as TGet | null | undefined;
  if (!isSet(get)) return false;
  const g = get!;
  return (
    isBytes(g.row) &&
    (!isSet(g.columns) || (Array.isArray(g.columns) && g.columns.every(canEncodeColumn))) &&
    optionalInt64(g.timestamp) &&
    (!isSet(g.timeRange) || canEncodeTimeRange(g.timeRange)) &&
    (!isSet(g.maxVersions) || Number.isInteger(g.maxVersions)) &&
    (!isSet(g.filterString) || isBytes(g.filterString)) &&
    !isSet(g.attributes) &&
    !isSet(g.authorizations) &&
    !isSet(g.consistency) &&
    !isSet(g.targetReplicaId) &&
    (!isSet(g.cacheBlocks) || typeof g.cacheBlocks === 'boolean') &&
    !isSet(g.storeLimit) &&
    !isSet(g.storeOffset) &&
    !isSet(g.existence_only) &&
    !isSet(g.filterBytes)
  );
}

function canEncodeTimeRange(range: TTimeRange | null | undefined): boolean {
  return isSet(range) && isInt64(range!.minStamp) && isInt64(range!.maxStamp);
}

/**
 * @internal Encodes a `get` or `getMultiple` call as the generated `send_<method>` does, byte for
 * byte. Only for calls that {@link canEncodeGetCall} accepts.
 */
export function writeGetCall(w: WireWriter, seqid: number, method: string, args: readonly unknown[]): void {
  w.callBegin(method, seqid);
  w.field(STRING, 1, 0);
  w.binary(args[0] as Uint8Array);
  if (GET_METHODS.get(method) === 'one') {
    w.field(STRUCT, 2, 1);
    writeGet(w, args[1] as TGet);
  } else {
    const gets = args[1] as TGet[];
    w.field(LIST, 2, 1);
    w.listBegin(STRUCT, gets.length);
    for (const get of gets) writeGet(w, get);
  }
  w.structEnd(); // the arguments
}

/** TGet { 1: row, 2: columns, 3: timestamp, 4: timeRange, 5: maxVersions, 6: filterString, 11: cacheBlocks } */
function writeGet(w: WireWriter, get: TGet): void {
  w.field(STRING, 1, 0);
  w.binary(get.row);
  let last = 1;
  if (isSet(get.columns)) {
    const columns = get.columns!;
    w.field(LIST, 2, last);
    w.listBegin(STRUCT, columns.length);
    for (const column of columns) writeColumn(w, column);
    last = 2;
  }
  if (isSet(get.timestamp)) {
    w.field(I64, 3, last);
    w.i64(int64Value(get.timestamp as unknown as Int64));
    last = 3;
  }
  if (isSet(get.timeRange)) {
    const range = get.timeRange!;
    w.field(STRUCT, 4, last);
    w.field(I64, 1, 0);
    w.i64(int64Value(range.minStamp as unknown as Int64));
    w.field(I64, 2, 1);
    w.i64(int64Value(range.maxStamp as unknown as Int64));
    w.structEnd();
    last = 4;
  }
  if (isSet(get.maxVersions)) {
    w.field(I32, 5, last);
    w.i32(get.maxVersions!);
    last = 5;
  }
  if (isSet(get.filterString)) {
    w.field(STRING, 6, last);
    w.binary(get.filterString!);
    last = 6;
  }
  if (isSet(get.cacheBlocks)) w.boolField(11, last, get.cacheBlocks!);
  w.structEnd();
}
