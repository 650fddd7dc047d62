import { decodeColumnName } from '../column-names';
import { ProtocolMismatchError } from '../errors';
import type { Cell, RowData, RowDataWithTimestamps, RowEntry } from '../row-data';
import { skipBinaryValue } from './binary-message-walker';
import type { RowBatch } from './row-batch';

/** Binary-protocol type ids met in a `list<TRowResult>` result. */
const STOP = 0;
const I64 = 10;
const STRING = 11;
const STRUCT = 12;
const MAP = 13;
const LIST = 15;

/**
 * @internal Reads the result struct of a `list<TRowResult>` reply in the binary protocol straight
 * from the message bytes: the hot path of every scan and multi-row read. Only the list header is
 * read here; rows are decoded when they are consumed (see {@link RowBatch}). Returns undefined
 * when the result is not a plain success (an exception field), which the generic decoder then
 * handles.
 *
 * `position` is where the result struct starts. The message buffer must stay unchanged for as
 * long as the batch is in use (the transport readers never write into a delivered message).
 */
export function decodeBinaryRowsResult(buffer: Buffer, position: number): RowBatch | undefined {
  if (buffer[position] !== LIST || buffer.readInt16BE(position + 1) !== 0) return undefined;
  if (buffer[position + 3] !== STRUCT) return undefined;
  const size = buffer.readInt32BE(position + 4);
  if (size < 0) throw new RangeError(`negative list size ${size}`);
  return new BinaryRowBatch(buffer, position + 8, size);
}

class BinaryRowBatch implements RowBatch {
  readonly size: number;
  #remaining: number;
  #position: number;
  readonly #buffer: Buffer;

  // Where each cell of the row being decoded lies in the message, by its index in the row.
  #cells = 0;
  readonly #nameStart: number[] = [];
  readonly #nameLength: number[] = [];
  readonly #valueStart: number[] = [];
  readonly #valueLength: number[] = [];
  readonly #timestamp: number[] = [];

  // Rows of a scan repeat the same columns in the same order, so the name of the cell at each
  // index is remembered: when the bytes match, the string is reused instead of decoded again.
  readonly #cachedStart: number[] = [];
  readonly #cachedLength: number[] = [];
  readonly #cachedName: string[] = [];

  constructor(buffer: Buffer, position: number, size: number) {
    this.#buffer = buffer;
    this.#position = position;
    this.size = size;
    this.#remaining = size;
  }

  get remaining(): number {
    return this.#remaining;
  }

  next(includeTimestamp: boolean): RowEntry<RowData | RowDataWithTimestamps> {
    if (this.#remaining <= 0) throw new RangeError('no rows left in this batch');
    this.#remaining--;
    try {
      return this.#readRow(includeTimestamp);
    } catch (error) {
      this.#remaining = 0;
      throw new ProtocolMismatchError(
        `cannot decode a row of the gateway's reply: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /** TRowResult { 1: row, 2: map<column, TCell> columns, 3: list<TColumn> sortedColumns } */
  #readRow(includeTimestamp: boolean): RowEntry<RowData | RowDataWithTimestamps> {
    const b = this.#buffer;
    const start = this.#position;
    let p = start;
    let keyStart = p;
    let keyLength = 0;
    this.#cells = 0;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 1 && type === STRING) {
        keyLength = length(b, p);
        keyStart = p + 4;
        p = keyStart + keyLength;
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
    if (p > b.length) throw new RangeError('a row runs past the end of the message');
    this.#position = p;

    // One copy per row: its values and key are views of it, so a kept value pins its row's bytes
    // only, never the whole batch.
    const copy = Buffer.allocUnsafe(p - start);
    b.copy(copy, 0, start, p);
    const memory = copy.buffer;
    const base = copy.byteOffset - start;
    const data: Record<string, Buffer | Cell> = {};
    for (let i = 0; i < this.#cells; i++) {
      const value = Buffer.from(memory, base + this.#valueStart[i]!, this.#valueLength[i]!);
      data[this.#columnName(i)] = includeTimestamp ? { value, timestamp: this.#timestamp[i]! } : value;
    }
    return [Buffer.from(memory, base + keyStart, keyLength), data as RowData | RowDataWithTimestamps];
  }

  /** TColumn { 1: columnName, 2: TCell cell }; the name may follow the cell on the wire. */
  #readColumn(position: number): number {
    const b = this.#buffer;
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
        index = this.#cells;
        p = this.#readCell(p, 0, 0);
      } else p = skipBinaryValue(b, p, type!);
    }
    if (index < 0) {
      index = this.#cells++;
      this.#valueStart[index] = p;
      this.#valueLength[index] = 0;
      this.#timestamp[index] = 0;
    }
    this.#nameStart[index] = nameStart;
    this.#nameLength[index] = nameLength;
    return p;
  }

  /** TCell { 1: value, 2: i64 timestamp }: records the next cell; returns the position after it. */
  #readCell(position: number, nameStart: number, nameLength: number): number {
    const b = this.#buffer;
    const index = this.#cells++;
    let p = position;
    let valueStart = p;
    let valueLength = 0;
    let timestamp = 0;
    for (let type = b[p++]; type !== STOP; type = b[p++]) {
      const fid = b.readInt16BE(p);
      p += 2;
      if (fid === 1 && type === STRING) {
        valueLength = length(b, p);
        valueStart = p + 4;
        p = valueStart + valueLength;
      } else if (fid === 2 && type === I64) {
        timestamp = b.readInt32BE(p) * 2 ** 32 + b.readUInt32BE(p + 4);
        p += 8;
      } else p = skipBinaryValue(b, p, type!);
    }
    this.#nameStart[index] = nameStart;
    this.#nameLength[index] = nameLength;
    this.#valueStart[index] = valueStart;
    this.#valueLength[index] = valueLength;
    this.#timestamp[index] = timestamp;
    return p;
  }

  /** The name of cell `i` of the current row, from the cache when the bytes are the same. */
  #columnName(i: number): string {
    const b = this.#buffer;
    const start = this.#nameStart[i]!;
    const length = this.#nameLength[i]!;
    if (this.#cachedLength[i] === length) {
      const cachedStart = this.#cachedStart[i]!;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (b[start + k] !== b[cachedStart + k]) {
          same = false;
          break;
        }
      }
      if (same) return this.#cachedName[i]!;
    }
    const name = decodeColumnName(b.subarray(start, start + length));
    this.#cachedStart[i] = start;
    this.#cachedLength[i] = length;
    this.#cachedName[i] = name;
    return name;
  }
}

/** Reads the length prefix of a binary value at `position`, which may not be negative. */
function length(buffer: Buffer, position: number): number {
  const value = buffer.readInt32BE(position);
  if (value < 0) throw new RangeError(`negative length ${value}`);
  return value;
}
