import { UnsafeTimestampError } from '../errors';
import {
  compactRead,
  compactVarintAfter,
  readCompactField,
  readCompactListHeader,
  readCompactVarint,
  skipCompactValue,
  unzigzag64,
} from '../protocol/compact-reader';
import { CompactType } from '../protocol/compact-types';
import type { CellShape } from '../row-data';
import { ResultBatch } from './result-batch';

const { STOP, I64, BINARY, LIST, TRUE } = CompactType;

/**
 * @internal A {@link ResultBatch} in the compact protocol: field-id deltas in type bytes, varint
 * lengths and sizes, zigzag integers.
 */
export class CompactResultBatch extends ResultBatch {
  protected readResult(start: number): number {
    const b = this.buffer;
    const firstCell = this.cellCount;
    let keyStart = -1;
    let keyLength = 0;
    let stale = false;
    let p = start;
    let fid = 0;
    for (;;) {
      p = readCompactField(b, p, fid);
      const type = compactRead.fieldType;
      if (type === STOP) break;
      fid = compactRead.value;
      if (fid === 3) {
        // A boolean field's value is its type (TRUE or FALSE): nothing follows.
        stale = type === TRUE;
        p = skipCompactValue(b, p, type);
      } else if (fid === 1 && type === BINARY) {
        p = readCompactVarint(b, p);
        keyStart = p;
        keyLength = compactRead.value;
        p += keyLength;
      } else if (fid === 2 && type === LIST) {
        p = readCompactListHeader(b, p);
        for (let n = compactRead.value; n > 0; n--) p = this.#readCell(p);
      } else p = skipCompactValue(b, p, type);
    }
    this.endResult(start, p, keyStart, keyLength, firstCell, stale);
    return p;
  }

  /** TColumnValue { 1: family, 2: qualifier, 3: value, 4: i64 timestamp, 5: tags, 6: byte type } */
  #readCell(position: number): number {
    const b = this.buffer;
    let p = position;
    let fid = 0;
    let familyStart = -1;
    let familyLength = 0;
    let qualifierStart = -1;
    let qualifierLength = 0;
    let valueStart = -1;
    let valueLength = 0;
    let timestampAt = -1;
    for (;;) {
      p = readCompactField(b, p, fid);
      const type = compactRead.fieldType;
      if (type === STOP) break;
      fid = compactRead.value;
      if (type === BINARY && fid >= 1 && fid <= 3) {
        p = readCompactVarint(b, p);
        const n = compactRead.value;
        if (fid === 1) {
          familyStart = p;
          familyLength = n;
        } else if (fid === 2) {
          qualifierStart = p;
          qualifierLength = n;
        } else {
          valueStart = p;
          valueLength = n;
        }
        p += n;
      } else if (fid === 4 && type === I64) {
        timestampAt = p;
        p = compactVarintAfter(b, p);
      } else p = skipCompactValue(b, p, type);
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
    const after = compactVarintAfter(b, position);
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
