import { CompactType } from '../protocol/compact-types';
import { varintEnd, varintSize } from '../protocol/compact-varint';
import type { ProtocolKind } from '../protocol/protocol-kind';

/** @internal What a method's result struct holds on success: nothing, or one value of a scalar type. */
export type ScalarKind = 'void' | 'bool' | 'i32' | 'i64';

/**
 * @internal The Thrift1 methods whose result is nothing or one scalar, from `Hbase.thrift`
 * (a test checks every entry against the generated result classes).
 */
export const SCALAR_RESULTS: ReadonlyMap<string, ScalarKind> = new Map<string, ScalarKind>([
  ...[
    'enableTable',
    'disableTable',
    'compact',
    'majorCompact',
    'createTable',
    'deleteTable',
    'mutateRow',
    'mutateRowTs',
    'mutateRows',
    'mutateRowsTs',
    'deleteAll',
    'deleteAllTs',
    'deleteAllRow',
    'deleteAllRowTs',
    'increment',
    'incrementRows',
    'scannerClose',
  ].map((method) => [method, 'void'] as const),
  ...['isTableEnabled', 'checkAndPut'].map((method) => [method, 'bool'] as const),
  ...[
    'scannerOpen',
    'scannerOpenWithStop',
    'scannerOpenWithPrefix',
    'scannerOpenTs',
    'scannerOpenWithStopTs',
    'scannerOpenWithScan',
    'getThriftServerType',
  ].map((method) => [method, 'i32'] as const),
  ['atomicIncrement', 'i64'],
]);

/** A successful reply read by {@link decodeScalarReply}. */
export interface ScalarReply {
  seqid: number;
  /** `undefined` for a void method; an i64 comes as a `bigint`. */
  result: undefined | boolean | number | bigint;
}

/** First word of a strict binary-protocol reply: version 1, message type REPLY (2). */
const BINARY_REPLY = 0x80010002;
/** The compact protocol's first two bytes of a reply: protocol id, then version 1 | REPLY << 5. */
const COMPACT_PROTOCOL_ID = 0x82;
const COMPACT_REPLY = 0x41;
/** Binary-protocol type ids of the scalar kinds. */
const BINARY_TYPE = { bool: 2, i32: 8, i64: 10 } as const;
/** Both protocols end a struct with a zero byte. */
const STOP = 0;

/**
 * @internal Reads a reply straight from its bytes when it is the success of one of the
 * {@link SCALAR_RESULTS} methods: the commonest replies (every put, delete and counter increment)
 * then cost no protocol object, result struct, node-int64 value or callback detour, which was a
 * fifth of a counter increment's client CPU.
 *
 * Anything else returns `undefined` and goes to the generated decoder, which handles every case:
 * other methods, exceptions (declared ones are extra fields of the result; undeclared ones are
 * TApplicationException messages), the old non-strict binary header, unknown fields.
 * `results` names the scalar methods: Thrift1's by default (Thrift2 passes its own).
 */
export function decodeScalarReply(
  message: Buffer,
  start: number,
  protocol: ProtocolKind,
  results: ReadonlyMap<string, ScalarKind> = SCALAR_RESULTS,
): ScalarReply | undefined {
  return protocol === 'binary'
    ? binaryScalarReply(message, start, results)
    : compactScalarReply(message, start, results);
}

function binaryScalarReply(
  message: Buffer,
  p: number,
  results: ReadonlyMap<string, ScalarKind>,
): ScalarReply | undefined {
  const end = message.length;
  if (end - p < 12 || message.readUInt32BE(p) !== BINARY_REPLY) return undefined;
  const nameLength = message.readInt32BE(p + 4);
  const nameEnd = p + 8 + nameLength;
  if (nameLength < 0 || nameEnd + 5 > end) return undefined;
  const kind = results.get(message.toString('latin1', p + 8, nameEnd));
  if (kind === undefined) return undefined;
  const seqid = message.readInt32BE(nameEnd);
  let q = nameEnd + 4;
  let result: ScalarReply['result'];
  if (kind !== 'void') {
    // The success field: its type, id 0, then the value.
    if (end - q < 4 || message[q] !== BINARY_TYPE[kind] || message.readInt16BE(q + 1) !== 0) return undefined;
    q += 3;
    if (kind === 'bool') result = message[q++] !== 0;
    else if (kind === 'i32' && end - q >= 4) {
      result = message.readInt32BE(q);
      q += 4;
    } else if (kind === 'i64' && end - q >= 8) {
      result = message.readBigInt64BE(q);
      q += 8;
    } else return undefined;
  }
  // Then nothing but the end of the struct: any other field (an exception) is not ours to read.
  return q === end - 1 && message[q] === STOP ? { seqid, result } : undefined;
}

function compactScalarReply(
  message: Buffer,
  p: number,
  results: ReadonlyMap<string, ScalarKind>,
): ScalarReply | undefined {
  const end = message.length;
  if (end - p < 5 || message[p] !== COMPACT_PROTOCOL_ID || message[p + 1] !== COMPACT_REPLY) return undefined;
  const seqidEnd = varintEnd(message, p + 2, end);
  if (seqidEnd < 0) return undefined;
  const seqid = varintSize(message, p + 2, seqidEnd);
  const lengthEnd = varintEnd(message, seqidEnd, end);
  if (lengthEnd < 0) return undefined;
  const nameEnd = lengthEnd + varintSize(message, seqidEnd, lengthEnd);
  if (nameEnd >= end) return undefined;
  const kind = results.get(message.toString('latin1', lengthEnd, nameEnd));
  if (kind === undefined) return undefined;
  let q = nameEnd;
  let result: ScalarReply['result'];
  if (kind !== 'void') {
    // Field 0 cannot be written as a delta from the struct's start (0), so its header is the long
    // form: the type byte, then the id as a zigzag varint (0). A bool's value is its type.
    if (end - q < 3 || message[q + 1] !== 0) return undefined;
    const type = message[q];
    q += 2;
    if (kind === 'bool' && (type === CompactType.TRUE || type === CompactType.FALSE)) {
      result = type === CompactType.TRUE;
    } else if (kind === 'i32' && type === CompactType.I32) {
      const valueEnd = varintEnd(message, q, end);
      if (valueEnd < 0 || valueEnd - q > 5) return undefined;
      result = unzigzag32(message, q, valueEnd);
      q = valueEnd;
    } else if (kind === 'i64' && type === CompactType.I64) {
      const valueEnd = varintEnd(message, q, end);
      if (valueEnd < 0) return undefined;
      result = unzigzag64(message, q, valueEnd);
      q = valueEnd;
    } else return undefined;
  }
  return q === end - 1 && message[q] === STOP ? { seqid, result } : undefined;
}

/** The i32 held by the zigzag varint from `p` to `after`. */
function unzigzag32(message: Buffer, p: number, after: number): number {
  let value = 0;
  for (let shift = 0; p < after; p++, shift += 7) value |= (message[p]! & 0x7f) << shift;
  return (value >>> 1) ^ -(value & 1);
}

/** The i64 held by the zigzag varint from `p` to `after`. */
function unzigzag64(message: Buffer, p: number, after: number): bigint {
  let value = 0n;
  for (let shift = 0n; p < after; p++, shift += 7n) value |= BigInt(message[p]! & 0x7f) << shift;
  return BigInt.asIntN(64, (value >> 1n) ^ -(value & 1n));
}
