import { UnsafeTimestampError } from '../errors';
import type { RowBatch } from '../gateway/row-batch';
import { skipBinaryValue } from '../protocol/binary-message-walker';
import type { CellShape } from '../row-data';
import { LazyRowBatch } from './lazy-row-batch';

/** Binary-protocol type ids met in a `list<TRowResult>` result. */
const STOP = 0;
const I64 = 10;
const STRING = 11;
const STRUCT = 12;
const MAP = 13;
const LIST = 15;

/**
 * @internal Reads the result struct of a `list<TRowResult>` reply in the binary protocol: only the
 * list header here; rows are decoded when they are consumed (see {@link LazyRowBatch}). Returns
 * undefined when the result is not a plain success (an exception field), which the generic
 * decoder then handles. `position` is where the result struct starts.
 */
export function decodeBinaryRowsResult(buffer: Buffer, position: number): RowBatch | undefined {
  if (buffer[position] !== LIST || buffer.readInt16BE(position + 1) !== 0) return undefined;
  if (buffer[position + 3] !== STRUCT) return undefined;
  const size = buffer.readInt32BE(position + 4);
  if (size < 0) throw new RangeError(`negative list size ${size}`);
  return new BinaryRowBatch(buffer, position + 8, size);
}

/** Binary protocol: a type byte and a big-endian i16 id per field, i32 lengths and sizes. */
class BinaryRowBatch extends LazyRowBatch {
  protected scanRow(start: number): number {
    const b = this.buffer;
    let p = start;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 1 && type === STRING) {
        this.keyLength = length(b, p);
        this.keyStart = p + 4;
        p = this.keyStart + this.keyLength;
      } else if (fid === 2 && type === MAP) {
        p += 2; // key and value types
        let n = b.readInt32BE(p);
        for (p += 4; n > 0; n--) {
          const nameLength = length(b, p);
          const nameStart = p + 4;
          p = this.#readCell(nameStart + nameLength, nameStart, nameLength);
        }
      } else if (fid === 3 && type === LIST) {
        p += 1; // element type
        let n = b.readInt32BE(p);
        for (p += 4; n > 0; n--) p = this.#readColumn(p);
      } else p = skipBinaryValue(b, p, type!);
    }
    return p;
  }

  /** TColumn { 1: columnName, 2: TCell cell }; the name may follow the cell on the wire. */
  #readColumn(position: number): number {
    const b = this.buffer;
    let p = position;
    let nameStart = p;
    let nameLength = 0;
    let index = -1;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 1 && type === STRING) {
        nameLength = length(b, p);
        nameStart = p + 4;
        p = nameStart + nameLength;
      } else if (fid === 2 && type === STRUCT) {
        index = this.cells;
        p = this.#readCell(p, 0, 0);
      } else p = skipBinaryValue(b, p, type!);
    }
    this.nameCell(index, nameStart, nameLength, p);
    return p;
  }

  /** TCell { 1: value, 2: i64 timestamp }: records the next cell; returns the position after it. */
  #readCell(position: number, nameStart: number, nameLength: number): number {
    const b = this.buffer;
    let p = position;
    let valueStart = p;
    let valueLength = 0;
    let timestampAt = -1;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 1 && type === STRING) {
        valueLength = length(b, p);
        valueStart = p + 4;
        p = valueStart + valueLength;
      } else if (fid === 2 && type === I64) {
        if (p + 8 > b.length) throw new RangeError('a timestamp runs past the end of the message');
        timestampAt = p;
        p += 8;
      } else p = skipBinaryValue(b, p, type!);
    }
    this.addCell(nameStart, nameLength, valueStart, valueLength, timestampAt);
    return p;
  }

  protected readTimestamp(position: number, shape: CellShape): number | bigint {
    const b = this.buffer;
    if (shape === 'bigint') return b.readBigInt64BE(position);
    // Two 32-bit halves, no BigInt: exact below 2^53, and what scans with timestamps pay per cell.
    const value = b.readInt32BE(position) * 2 ** 32 + b.readUInt32BE(position + 4);
    if (!Number.isSafeInteger(value)) throw new UnsafeTimestampError(b.readBigInt64BE(position));
    return value;
  }
}

/** Reads the length prefix of a binary value at `position`, which may not be negative. */
function length(buffer: Buffer, position: number): number {
  const value = buffer.readInt32BE(position);
  if (value < 0) throw new RangeError(`negative length ${value}`);
  return value;
}
