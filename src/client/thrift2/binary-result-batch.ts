import { UnsafeTimestampError } from '../errors';
import { skipBinaryValue } from '../protocol/binary-message-walker';
import type { CellShape } from '../row-data';
import { ResultBatch } from './result-batch';

/** Binary-protocol type ids met in a `TResult`. */
const STOP = 0;
const BOOL = 2;
const BYTE = 3;
const I64 = 10;
const STRING = 11;
const LIST = 15;

/**
 * @internal A {@link ResultBatch} in the binary protocol: a type byte and a big-endian i16 id per
 * field, i32 lengths and sizes.
 */
export class BinaryResultBatch extends ResultBatch {
  protected readResult(start: number): number {
    const b = this.buffer;
    const firstCell = this.cellCount;
    let keyStart = -1;
    let keyLength = 0;
    let stale = false;
    let p = start;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 3 && type === BOOL) {
        stale = b[p++] !== 0;
      } else if (fid === 1 && type === STRING) {
        keyLength = length(b, p);
        keyStart = p + 4;
        p = keyStart + keyLength;
      } else if (fid === 2 && type === LIST) {
        p += 1; // element type
        let n = length(b, p);
        for (p += 4; n > 0; n--) p = this.#readCell(p);
      } else p = skipBinaryValue(b, p, type!);
    }
    this.endResult(start, p, keyStart, keyLength, firstCell, stale);
    return p;
  }

  /** TColumnValue { 1: family, 2: qualifier, 3: value, 4: i64 timestamp, 5: tags, 6: byte type } */
  #readCell(position: number): number {
    const b = this.buffer;
    let p = position;
    let familyStart = -1;
    let familyLength = 0;
    let qualifierStart = -1;
    let qualifierLength = 0;
    let valueStart = -1;
    let valueLength = 0;
    let timestampAt = -1;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (type === STRING && fid <= 3) {
        const n = length(b, p);
        p += 4;
        if (fid === 1) {
          familyStart = p;
          familyLength = n;
        } else if (fid === 2) {
          qualifierStart = p;
          qualifierLength = n;
        } else if (fid === 3) {
          valueStart = p;
          valueLength = n;
        }
        p += n;
      } else if (fid === 4 && type === I64) {
        if (p + 8 > b.length) throw new RangeError('a timestamp runs past the end of the message');
        timestampAt = p;
        p += 8;
      } else if (type === BYTE) {
        p += 1; // the cell's type, which gateways send with every cell: skipped without the walker
      } else p = skipBinaryValue(b, p, type!);
    }
    if (familyStart < 0 || qualifierStart < 0 || valueStart < 0) {
      throw new RangeError('a TColumnValue lacks its family, qualifier or value');
    }
    this.addCell(
      familyStart,
      familyLength,
      qualifierStart,
      qualifierLength,
      valueStart,
      valueLength,
      timestampAt,
    );
    return p;
  }

  protected readTimestamp(position: number, shape: CellShape): number | bigint {
    const b = this.buffer;
    if (shape === 'bigint') return b.readBigInt64BE(position);
    // Two 32-bit halves, no BigInt: exact below 2^53, and what reads with timestamps pay per cell.
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
