import { skipBinaryValue } from './binary-message-walker';
import type { RawCell, RawRow } from './row-decoder';

/** Binary-protocol type ids met in a `list<TRowResult>` result. */
const STOP = 0;
const I64 = 10;
const STRING = 11;
const STRUCT = 12;
const MAP = 13;
const LIST = 15;

/**
 * @internal Decodes the result struct of a `list<TRowResult>` reply in the binary protocol
 * straight from the message bytes: the hot path of every scan and multi-row read. Going through
 * the protocol object costs an object per field header and an Int64 per timestamp; this reads the
 * same bytes with plain offsets. Returns undefined when the result is not a plain success (an
 * exception field), which the generic decoder then handles.
 *
 * `position` is where the result struct starts; the returned `end` is where it stops.
 */
export function decodeBinaryRowsResult(
  buffer: Buffer,
  position: number,
): { rows: RawRow[]; end: number } | undefined {
  const reader = new Reader(buffer, position);
  let rows: RawRow[] | undefined;
  for (let type = reader.byte(); type !== STOP; type = reader.byte()) {
    const fid = reader.i16();
    if (fid !== 0 || type !== LIST) return undefined;
    reader.byte(); // element type: struct
    const size = reader.i32();
    rows = new Array<RawRow>(size);
    for (let i = 0; i < size; i++) rows[i] = readRow(reader);
  }
  return rows ? { rows, end: reader.position } : undefined;
}

class Reader {
  constructor(
    readonly buffer: Buffer,
    public position: number,
  ) {}

  byte(): number {
    return this.buffer[this.position++]!;
  }

  i16(): number {
    const value = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return value;
  }

  i32(): number {
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  /** A view of the next binary value (for column names, which only become strings). */
  view(): Buffer {
    const length = this.i32();
    const start = this.position;
    this.position += length;
    if (this.position > this.buffer.length)
      throw new RangeError('binary value runs past the end of the message');
    return this.buffer.subarray(start, this.position);
  }

  /** A copy of the next binary value: a kept value must not pin the whole reply. */
  copy(): Buffer {
    return Buffer.from(this.view());
  }

  timestamp(): number {
    const value =
      this.buffer.readInt32BE(this.position) * 2 ** 32 + this.buffer.readUInt32BE(this.position + 4);
    this.position += 8;
    return value;
  }

  skip(type: number): void {
    this.position = skipBinaryValue(this.buffer, this.position, type);
  }
}

const EMPTY: Buffer = Buffer.alloc(0);

/** TRowResult { 1: row, 2: map<column, TCell> columns, 3: list<TColumn> sortedColumns } */
function readRow(reader: Reader): RawRow {
  const row: RawRow = { row: EMPTY, cells: [] };
  for (let type = reader.byte(); type !== STOP; type = reader.byte()) {
    const fid = reader.i16();
    if (fid === 1 && type === STRING) row.row = reader.copy();
    else if (fid === 2 && type === MAP) {
      reader.position += 2; // key and value types
      for (let n = reader.i32(); n > 0; n--) {
        const column = reader.view();
        row.cells.push(readCell(reader, column));
      }
    } else if (fid === 3 && type === LIST) {
      reader.position += 1; // element type
      for (let n = reader.i32(); n > 0; n--) row.cells.push(readColumn(reader));
    } else reader.skip(type);
  }
  return row;
}

/** TColumn { 1: columnName, 2: TCell cell } */
function readColumn(reader: Reader): RawCell {
  let column: Buffer = EMPTY;
  let cell: RawCell | undefined;
  for (let type = reader.byte(); type !== STOP; type = reader.byte()) {
    const fid = reader.i16();
    if (fid === 1 && type === STRING) column = reader.view();
    else if (fid === 2 && type === STRUCT) cell = readCell(reader, column);
    else reader.skip(type);
  }
  const result = cell ?? { column, value: EMPTY, timestamp: 0 };
  result.column = column; // the name may follow the cell on the wire
  return result;
}

/** TCell { 1: value, 2: i64 timestamp } */
function readCell(reader: Reader, column: Buffer): RawCell {
  const cell: RawCell = { column, value: EMPTY, timestamp: 0 };
  for (let type = reader.byte(); type !== STOP; type = reader.byte()) {
    const fid = reader.i16();
    if (fid === 1 && type === STRING) cell.value = reader.copy();
    else if (fid === 2 && type === I64) cell.timestamp = reader.timestamp();
    else reader.skip(type);
  }
  return cell;
}
