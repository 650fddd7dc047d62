import Int64 from 'node-int64';
import { encodeColumnName, isWellFormed, WELL_FORMED } from './column-names';
import { InvalidArgumentError } from './errors';

/**
 * Anything accepted where HBase expects bytes: strings are encoded as UTF-8, Buffers and
 * Uint8Arrays are sent as they are. A string must not hold an unpaired surrogate (U+D800–U+DFFF
 * outside a pair), which UTF-8 cannot encode: it is refused with an `InvalidArgumentError`. One
 * exception: in a column name, U+DC80–U+DCFF stand for the raw bytes 0x80–0xFF, the way column
 * names that are not valid UTF-8 come back from reads, so such a name can be passed back as is.
 */
export type BytesLike = string | Buffer | Uint8Array;

/**
 * @internal Converts a key, column or value to a Buffer. Strings become UTF-8 (never latin1, the
 * thrift library's default for strings, which would corrupt non-ASCII text).
 */
export function toBytes(value: unknown, argument: string): Buffer {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) throw new InvalidArgumentError(argument, WELL_FORMED, value);
    return Buffer.from(value, 'utf8');
  }
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new InvalidArgumentError(argument, 'a string, Buffer or Uint8Array', value);
}

/**
 * @internal Like {@link toBytes} for a column name: U+DC80–U+DCFF in a string stand for the raw
 * bytes 0x80–0xFF (see column-names); any other unpaired surrogate is refused.
 */
export function toColumnBytes(value: unknown, argument: string): Buffer {
  if (typeof value !== 'string') return toBytes(value, argument);
  const bytes = encodeColumnName(value);
  if (bytes === undefined) {
    throw new InvalidArgumentError(
      argument,
      `${WELL_FORMED}; in a column name, U+DC80–U+DCFF stand for the bytes 0x80–0xFF`,
      value,
    );
  }
  return bytes;
}

/** @internal Like {@link toBytes}, but an empty value is rejected (row keys, table names). */
export function toNonEmptyBytes(value: unknown, argument: string): Buffer {
  const bytes = toBytes(value, argument);
  if (bytes.length === 0) throw new InvalidArgumentError(argument, 'a non-empty value', value);
  return bytes;
}

/** HBase refuses row keys longer than this (`Short.MAX_VALUE` bytes). */
export const MAX_ROW_KEY_BYTES = 32_767;

/**
 * @internal The longest row key a table can hold, which is shorter than HBase's 32,767 bytes:
 * finding a row's region, the client inside the gateway scans `hbase:meta` from
 * `<table name>,<row>,99999999999999`, and that start row must itself fit in 32,767 bytes. A
 * longer row is not refused: the gateway retries the lookup for minutes and then times out.
 * (The name counts without the `default:` namespace, which region names leave out.)
 */
export function maxRowKeyOf(tableName: Buffer): number {
  const DEFAULT = 'default:';
  const nameLength =
    tableName.subarray(0, DEFAULT.length).toString('latin1') === DEFAULT
      ? tableName.length - DEFAULT.length
      : tableName.length;
  return MAX_ROW_KEY_BYTES - nameLength - 2 - '99999999999999'.length;
}

/** @internal A row key: non-empty, and at most `max` bytes (see {@link maxRowKeyOf}). */
export function toRowKey(value: unknown, argument: string, max: number): Buffer {
  const bytes = toNonEmptyBytes(value, argument);
  if (bytes.length > max) {
    throw new InvalidArgumentError(argument, `a row key of at most ${max} bytes for this table`, value);
  }
  return bytes;
}

/**
 * @internal The smallest key greater than every key that starts with `prefix`: the last byte
 * below 0xff is incremented and what follows it dropped. `undefined` when the prefix is all 0xff
 * bytes (nothing is greater, so the scan runs to the end of the table).
 */
export function prefixUpperBound(prefix: Buffer): Buffer | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i]! < 0xff) {
      const bound = Buffer.from(prefix.subarray(0, i + 1));
      bound[i]! += 1;
      return bound;
    }
  }
  return undefined;
}

/** @internal Converts an i64 read by the thrift library (or already a bigint) to an exact bigint. */
export function int64ToBigInt(value: Int64 | number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return value.buffer.readBigInt64BE(value.offset);
}

/** @internal Converts an i64 read by the thrift library to a number (timestamps fit in 2^53). */
export function int64ToNumber(value: Int64 | number): number {
  if (typeof value === 'number') return value;
  // Two 32-bit halves, no BigInt: exact for every timestamp (|value| < 2^53), and hot in scans.
  return value.buffer.readInt32BE(value.offset) * 2 ** 32 + value.buffer.readUInt32BE(value.offset + 4);
}

/** @internal Encodes a bigint or safe integer exactly as a thrift i64. */
export function toInt64(value: bigint | number): Int64 {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value));
  return new Int64(buffer);
}

/** @internal Encodes a value as HBase's 8-byte big-endian signed counter format. */
export function encodeCounter(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(value);
  return buffer;
}
