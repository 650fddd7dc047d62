import { UnsafeTimestampError } from '../errors';
import type { RowBatch } from '../gateway/row-batch';
import { CompactType } from '../protocol/compact-types';
import { varintEnd, varintSize } from '../protocol/compact-varint';
import type { CellShape } from '../row-data';
import { LazyRowBatch } from './lazy-row-batch';

const { STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT, UUID } = CompactType;

/** Deeper nesting than any HBase struct has means the bytes are not what we expect. */
const MAX_DEPTH = 64;

/**
 * @internal Reads the result struct of a `list<TRowResult>` reply in the compact protocol: only the
 * list header here; rows are decoded when they are consumed (see {@link LazyRowBatch}). Returns
 * undefined when the result is not a plain success (an exception field), which the generic
 * decoder then handles. `position` is where the result struct starts.
 */
export function decodeCompactRowsResult(buffer: Buffer, position: number): RowBatch | undefined {
  // Field 0 cannot be delta-encoded from 0: a type byte, then the id as a zigzag varint (0).
  if (buffer[position] !== LIST || buffer[position + 1] !== 0) return undefined;
  const header = buffer[position + 2];
  if (header === undefined || (header & 0x0f) !== STRUCT) return undefined;
  let size = header >> 4;
  let p = position + 3;
  if (size === 15) {
    p = readVarint(buffer, p);
    size = varint;
  }
  return new CompactRowBatch(buffer, p, size);
}

/** Compact protocol: field-id deltas in type bytes, varint lengths and sizes, zigzag integers. */
class CompactRowBatch extends LazyRowBatch {
  protected scanRow(start: number): number {
    const b = this.buffer;
    let p = start;
    let fid = 0;
    for (;;) {
      p = readField(b, p, fid);
      if (fieldType === STOP) return p;
      fid = varint;
      const type = fieldType;
      if (fid === 1 && type === BINARY) {
        p = readVarint(b, p);
        this.keyStart = p;
        this.keyLength = varint;
        p += varint;
      } else if (fid === 2 && type === MAP) {
        if (b[p] === 0) {
          p++; // an empty map is one zero byte
          continue;
        }
        p = readVarint(b, p);
        let n = varint;
        for (p++; n > 0; n--) {
          // map<Text, TCell>: the key is the column name.
          p = readVarint(b, p);
          const nameStart = p;
          const nameLength = varint;
          p = this.#readCell(nameStart + nameLength, nameStart, nameLength);
        }
      } else if (fid === 3 && type === LIST) {
        p = listSize(b, p);
        for (let n = varint; n > 0; n--) p = this.#readColumn(p);
      } else p = skipCompactValue(b, p, type, false, 0);
    }
  }

  /** TColumn { 1: columnName, 2: TCell cell }; the name may follow the cell on the wire. */
  #readColumn(position: number): number {
    const b = this.buffer;
    let p = position;
    let fid = 0;
    let nameStart = p;
    let nameLength = 0;
    let index = -1;
    for (;;) {
      p = readField(b, p, fid);
      if (fieldType === STOP) break;
      fid = varint;
      const type = fieldType;
      if (fid === 1 && type === BINARY) {
        p = readVarint(b, p);
        nameStart = p;
        nameLength = varint;
        p += varint;
      } else if (fid === 2 && type === STRUCT) {
        index = this.cells;
        p = this.#readCell(p, 0, 0);
      } else p = skipCompactValue(b, p, type, false, 0);
    }
    this.nameCell(index, nameStart, nameLength, p);
    return p;
  }

  /** TCell { 1: value, 2: i64 timestamp }: records the next cell; returns the position after it. */
  #readCell(position: number, nameStart: number, nameLength: number): number {
    const b = this.buffer;
    let p = position;
    let fid = 0;
    let valueStart = p;
    let valueLength = 0;
    let timestampAt = -1;
    for (;;) {
      p = readField(b, p, fid);
      if (fieldType === STOP) break;
      fid = varint;
      const type = fieldType;
      if (fid === 1 && type === BINARY) {
        p = readVarint(b, p);
        valueStart = p;
        valueLength = varint;
        p += varint;
      } else if (fid === 2 && type === I64) {
        timestampAt = p;
        p = varintAfter(b, p);
      } else p = skipCompactValue(b, p, type, false, 0);
    }
    this.addCell(nameStart, nameLength, valueStart, valueLength, timestampAt);
    return p;
  }

  protected readTimestamp(position: number, shape: CellShape): number | bigint {
    const b = this.buffer;
    const after = varintAfter(b, position);
    if (shape === 'bigint') return unzigzag64(b, position, after);
    // Float arithmetic, no BigInt: exact while the zigzag value stays below 2^53.
    let n = 0;
    for (let i = position, scale = 1; i < after; i++, scale *= 128) n += (b[i]! & 0x7f) * scale;
    if (n <= Number.MAX_SAFE_INTEGER) return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
    // Timestamps from 2^52 on: the zigzag value needs more bits than a number holds exactly.
    const exact = unzigzag64(b, position, after);
    const value = Number(exact);
    if (!Number.isSafeInteger(value)) throw new UnsafeTimestampError(exact);
    return value;
  }
}

/** The i64 held by the zigzag varint from `p` to `after`, exactly. */
function unzigzag64(b: Buffer, p: number, after: number): bigint {
  let value = 0n;
  for (let shift = 0n; p < after; p++, shift += 7n) value |= BigInt(b[p]! & 0x7f) << shift;
  return BigInt.asIntN(64, (value >> 1n) ^ -(value & 1n));
}

/**
 * The value read by the last {@link readVarint}, {@link readField} (the field id), {@link listSize}
 * or {@link readTimestamp}, which return the position after what they read. (One decoder runs at
 * a time: a second return value without allocating one.)
 */
let varint = 0;
/** The type of the field read by the last {@link readField}. */
let fieldType = 0;

/** The field header byte at `p`; throws past the end of the message. */
function fieldHeader(b: Buffer, p: number): number {
  const header = b[p];
  if (header === undefined) throw new RangeError('a struct runs past the end of the message');
  return header;
}

/**
 * Reads the field header at `p`: sets {@link fieldType} (STOP at the end of a struct) and, for a
 * field, its id in {@link varint} (a delta from `previous` in the header, or a zigzag varint after
 * it). Returns the position after the header.
 */
function readField(b: Buffer, p: number, previous: number): number {
  const header = fieldHeader(b, p);
  fieldType = header & 0x0f;
  const delta = header >> 4;
  if (header === STOP) return p + 1;
  if (fieldType === STOP) throw new RangeError(`invalid field header 0x${header.toString(16)}`);
  if (delta !== 0) {
    varint = previous + delta;
    return p + 1;
  }
  const after = readVarint(b, p + 1);
  varint = (varint >>> 1) ^ -(varint & 1);
  return after;
}

/** Reads an unsigned 32-bit varint (a length or size) at `p`. */
function readVarint(b: Buffer, p: number): number {
  const first = b[p];
  if (first !== undefined && first < 0x80) {
    varint = first;
    return p + 1;
  }
  const after = varintEnd(b, p, b.length);
  if (after < 0) throw new RangeError('a varint runs past the end of the message');
  varint = varintSize(b, p, after);
  return after;
}

/** Reads a list or set header at `p`: the size in the high nibble, or in a varint after 0xF_. */
function listSize(b: Buffer, p: number): number {
  const header = fieldHeader(b, p);
  const size = header >> 4;
  if (size !== 15) {
    varint = size;
    return p + 1;
  }
  return readVarint(b, p + 1);
}

/** The position after the varint at `p` (an i64, whose value is read later if at all). */
function varintAfter(b: Buffer, p: number): number {
  const after = varintEnd(b, p, b.length);
  if (after < 0) throw new RangeError('a varint runs past the end of the message');
  return after;
}

/**
 * The position after the value of compact type `type` at `p`. A bool is its field header's type
 * in a struct, but a byte of its own inside a collection.
 */
function skipCompactValue(b: Buffer, p: number, type: number, inCollection: boolean, depth: number): number {
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
    case I64: {
      const after = varintEnd(b, p, b.length);
      if (after < 0) throw new RangeError('a varint runs past the end of the message');
      return after;
    }
    case DOUBLE:
      return p + 8;
    case UUID:
      return p + 16;
    case BINARY:
      p = readVarint(b, p);
      return p + varint;
    case LIST:
    case SET: {
      const elementType = fieldHeader(b, p) & 0x0f;
      p = listSize(b, p);
      for (let n = varint; n > 0; n--) p = skipCompactValue(b, p, elementType, true, depth + 1);
      return p;
    }
    case MAP: {
      if (b[p] === 0) return p + 1;
      p = readVarint(b, p);
      const n = varint;
      const types = fieldHeader(b, p);
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
        p = readField(b, p, fid);
        if (fieldType === STOP) return p;
        fid = varint;
        p = skipCompactValue(b, p, fieldType, false, depth + 1);
      }
    }
    default:
      throw new RangeError(`unknown compact type ${type}`);
  }
}
