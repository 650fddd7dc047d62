import { CompactType } from './compact-types';
import { varintEnd, varintSize } from './compact-varint';

const { STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT, UUID } = CompactType;

/** Deeper nesting than any HBase struct has means the bytes are not what we expect. */
const MAX_DEPTH = 64;

/**
 * @internal What the last read of this module found, besides the position after it (which the
 * functions return): one decoder runs at a time, so a second return value costs no allocation.
 */
export const compactRead = {
  /** The length or size of the last {@link readCompactVarint} or {@link readCompactListHeader}; the field id of the last {@link readCompactField}. */
  value: 0,
  /** The type of the field read by the last {@link readCompactField} (STOP at the end of a struct). */
  fieldType: 0,
};

/** The byte at `p`; throws past the end of the message. */
function byteAt(b: Buffer, p: number): number {
  const byte = b[p];
  if (byte === undefined) throw new RangeError('a struct runs past the end of the message');
  return byte;
}

/**
 * @internal Reads the field header at `p` of a struct whose previous field id is `previous`: sets
 * {@link compactRead}'s `fieldType` and, for a field, its id in `value` (a delta in the header, or
 * a zigzag varint after it). Returns the position after the header.
 */
export function readCompactField(b: Buffer, p: number, previous: number): number {
  const header = byteAt(b, p);
  const type = header & 0x0f;
  compactRead.fieldType = type;
  if (header === STOP) return p + 1;
  if (type === STOP) throw new RangeError(`invalid field header 0x${header.toString(16)}`);
  const delta = header >> 4;
  if (delta !== 0) {
    compactRead.value = previous + delta;
    return p + 1;
  }
  const after = readCompactVarint(b, p + 1);
  const id = compactRead.value;
  compactRead.value = (id >>> 1) ^ -(id & 1);
  return after;
}

/** @internal Reads an unsigned 32-bit varint (a length or size) at `p` into {@link compactRead}'s `value`. */
export function readCompactVarint(b: Buffer, p: number): number {
  const first = b[p];
  if (first !== undefined && first < 0x80) {
    compactRead.value = first;
    return p + 1;
  }
  const after = varintEnd(b, p, b.length);
  if (after < 0) throw new RangeError('a varint runs past the end of the message');
  compactRead.value = varintSize(b, p, after);
  return after;
}

/**
 * @internal Reads a list or set header at `p`: the size (in the high nibble, or in a varint after
 * 0xF_) into {@link compactRead}'s `value`. The element type is the low nibble of the byte at `p`.
 */
export function readCompactListHeader(b: Buffer, p: number): number {
  const size = byteAt(b, p) >> 4;
  if (size !== 15) {
    compactRead.value = size;
    return p + 1;
  }
  return readCompactVarint(b, p + 1);
}

/** @internal The position after the varint at `p` (an integer whose value is read later, if at all). */
export function compactVarintAfter(b: Buffer, p: number): number {
  const after = varintEnd(b, p, b.length);
  if (after < 0) throw new RangeError('a varint runs past the end of the message');
  return after;
}

/**
 * @internal The position after the value of compact type `type` at `p`. A bool is its field
 * header's type in a struct, but a byte of its own inside a collection.
 */
export function skipCompactValue(
  b: Buffer,
  p: number,
  type: number,
  inCollection = false,
  depth = 0,
): number {
  if (depth > MAX_DEPTH) throw new RangeError('values nested too deeply');
  if (p > b.length) throw new RangeError('a value runs past the end of the message');
  switch (type) {
    case TRUE:
    case FALSE:
      return inCollection ? p + 1 : p;
    case BYTE:
      return p + 1;
    case I16:
    case I32:
    case I64:
      return compactVarintAfter(b, p);
    case DOUBLE:
      return p + 8;
    case UUID:
      return p + 16;
    case BINARY:
      p = readCompactVarint(b, p);
      return p + compactRead.value;
    case LIST:
    case SET: {
      const elementType = byteAt(b, p) & 0x0f;
      p = readCompactListHeader(b, p);
      for (let n = compactRead.value; n > 0; n--) p = skipCompactValue(b, p, elementType, true, depth + 1);
      return p;
    }
    case MAP: {
      if (b[p] === 0) return p + 1;
      p = readCompactVarint(b, p);
      const n = compactRead.value;
      const types = byteAt(b, p);
      p++;
      for (let i = 0; i < n; i++) {
        p = skipCompactValue(b, p, types >> 4, true, depth + 1);
        p = skipCompactValue(b, p, types & 0x0f, true, depth + 1);
      }
      return p;
    }
    case STRUCT: {
      let fid = 0;
      for (;;) {
        p = readCompactField(b, p, fid);
        if (compactRead.fieldType === STOP) return p;
        fid = compactRead.value;
        p = skipCompactValue(b, p, compactRead.fieldType, false, depth + 1);
      }
    }
    default:
      throw new RangeError(`unknown compact type ${type}`);
  }
}

/** @internal The i64 held by the zigzag varint from `p` to `after`, exactly. */
export function unzigzag64(b: Buffer, p: number, after: number): bigint {
  let value = 0n;
  for (let shift = 0n; p < after; p++, shift += 7n) value |= BigInt(b[p]! & 0x7f) << shift;
  return BigInt.asIntN(64, (value >> 1n) ^ -(value & 1n));
}
