import { Buffer } from 'node:buffer';
import { decodeColumnName } from '../column-names';
import type { RawCell, RawRow } from '../gateway/raw-row';
import type { RowBatch } from '../gateway/row-batch';
import {
  type Cell,
  type CellShape,
  type RowData,
  type RowDataWithTimestamps,
  type RowEntry,
  type RowVersions,
  type RowVersionsWithTimestamps,
  toRowVersions,
} from '../row-data';
import { markStale } from '../stale-rows';

/** Per cell, in {@link ResultBatch}'s flat `cellAt` array: where its parts lie in the message. */
const FAMILY_START = 0;
const FAMILY_LENGTH = 1;
const QUALIFIER_START = 2;
const QUALIFIER_LENGTH = 3;
const VALUE_START = 4;
const VALUE_LENGTH = 5;
/** Where the cell's i64 timestamp lies (-1: the cell has none, so 0). */
const TIMESTAMP_AT = 6;
const CELL_STRIDE = 7;

/** Per kept result, in the flat `rowAt` array. */
const ROW_START = 0;
const ROW_END = 1;
const KEY_START = 2;
const KEY_LENGTH = 3;
const FIRST_CELL = 4;
const ROW_STRIDE = 5;

const COLON = Buffer.from(':');

/**
 * @internal The rows of a Thrift2 reply (`get`'s `TResult`, `getMultiple`'s and
 * `getScannerRows`'s `list<TResult>`), read straight from the message bytes: the hot path of
 * every Thrift2 read. The generated decoders build a `TResult`, a `TColumnValue` per cell, a
 * node-int64 per timestamp and a Buffer per field, which the gateway then turned into raw rows
 * (a `Buffer.concat` per column name).
 *
 * A protocol's subclass walks the reply when it is received ({@link ResultBatch.readResult}) and
 * records where each result's key and cells lie, as numbers only: results without a row or
 * without cells (a `get` of a missing row) are left out, so {@link ResultBatch.size} is exact,
 * and bytes that are not such a reply throw then, before the call is answered. The row objects
 * are built only when consumed ({@link ResultBatch.next}), as Thrift1's `LazyRowBatch` does: a
 * scan batch's objects built up front would be kept alive through garbage collections.
 *
 * The message buffer must stay unchanged for as long as the batch is in use (the transport
 * readers never write into a delivered message).
 */
export abstract class ResultBatch implements RowBatch {
  // TypeScript `private` members, not `#` ones: on the per-cell path, `#` fields measured ~20%
  // slower here (Node 20), a row batch being the hottest code of a scan.
  protected readonly buffer: Buffer;
  private count = 0;
  private consumed = 0;
  /** {@link ROW_STRIDE} numbers per kept result (grown as needed). */
  private rowAt: Int32Array;
  /** {@link CELL_STRIDE} numbers per cell of the kept results and of the result being read (grown as needed). */
  private cellAt: Int32Array;
  private cellsRead = 0;
  /** Indexes of the kept results a secondary replica answered (`stale`), if any. */
  private staleRows: Set<number> | undefined;
  /** Whether the last result read was stale (kept or not: a replica's empty answer is dropped). */
  private lastStale = false;

  // Rows of a scan repeat the same columns in the same order, so the name of the cell at each
  // index is remembered: when the family and qualifier bytes match, the string is reused.
  // Per index: family start and length, qualifier start and length (created on first use).
  private cachedAt: number[] | undefined;
  private cachedName: string[] | undefined;

  /** `results`: how many results the reply holds (rows of four cells are assumed at first). */
  constructor(buffer: Buffer, results: number) {
    this.buffer = buffer;
    // The count comes from the wire: the arrays start at most this large and grow as rows are read.
    const rows = Math.min(Math.max(1, results), 4096);
    this.rowAt = new Int32Array(rows * ROW_STRIDE);
    this.cellAt = new Int32Array(rows * 4 * CELL_STRIDE);
  }

  get size(): number {
    return this.count;
  }

  get remaining(): number {
    return this.count - this.consumed;
  }

  get bytes(): number {
    return this.buffer.length;
  }

  /**
   * Reads the `TResult { 1: row, 2: list<TColumnValue> columnValues, 3: stale, 4: partial }` that
   * starts at `start`, through {@link ResultBatch.addCell} and {@link ResultBatch.endResult};
   * returns the position after it. Throws on bytes that are not such a struct.
   */
  protected abstract readResult(start: number): number;

  /** Reads the i64 timestamp at `position` exactly: a bigint for `'bigint'`, else a number or throws. */
  protected abstract readTimestamp(position: number, shape: CellShape): number | bigint;

  /** @internal Reads `count` results from `position`; returns the position after them. */
  readResults(position: number, count: number): number {
    let p = position;
    for (let i = 0; i < count; i++) p = this.readResult(p);
    return p;
  }

  /** Records a cell of the result being read. */
  protected addCell(
    familyStart: number,
    familyLength: number,
    qualifierStart: number,
    qualifierLength: number,
    valueStart: number,
    valueLength: number,
    timestampAt: number,
  ): void {
    const at = this.cellsRead++ * CELL_STRIDE;
    let c = this.cellAt;
    if (at + CELL_STRIDE > c.length) c = this.cellAt = grown(c);
    c[at + FAMILY_START] = familyStart;
    c[at + FAMILY_LENGTH] = familyLength;
    c[at + QUALIFIER_START] = qualifierStart;
    c[at + QUALIFIER_LENGTH] = qualifierLength;
    c[at + VALUE_START] = valueStart;
    c[at + VALUE_LENGTH] = valueLength;
    c[at + TIMESTAMP_AT] = timestampAt;
  }

  /**
   * Ends the result that spans `start` to `end`, whose cells were added since `firstCell`: kept
   * when it has a row key (`keyStart` >= 0) and a cell, as the gateway's `fromResult` did.
   */
  protected endResult(
    start: number,
    end: number,
    keyStart: number,
    keyLength: number,
    firstCell: number,
    stale = false,
  ): void {
    if (end > this.buffer.length) throw new RangeError('a result runs past the end of the message');
    this.lastStale = stale;
    if (keyStart < 0 || this.cellsRead === firstCell) {
      this.cellsRead = firstCell;
      return;
    }
    if (stale) {
      this.staleRows ??= new Set();
      this.staleRows.add(this.count);
    }
    let r = this.rowAt;
    const at = this.count++ * ROW_STRIDE;
    if (at + ROW_STRIDE > r.length) r = this.rowAt = grown(r);
    r[at + ROW_START] = start;
    r[at + ROW_END] = end;
    r[at + KEY_START] = keyStart;
    r[at + KEY_LENGTH] = keyLength;
    r[at + FIRST_CELL] = firstCell;
  }

  /** How many cells have been added so far (the first cell of the next result). */
  protected get cellCount(): number {
    return this.cellsRead;
  }

  next(shape: CellShape): RowEntry<RowData | RowDataWithTimestamps> {
    if (this.consumed >= this.count) throw new RangeError('no rows left in this batch');
    const index = this.consumed++;
    const r = this.rowAt;
    const at = index * ROW_STRIDE;
    const start = r[at + ROW_START]!;
    const end = r[at + ROW_END]!;
    const firstCell = r[at + FIRST_CELL]!;
    const lastCell = index + 1 < this.count ? r[at + ROW_STRIDE + FIRST_CELL]! : this.cellsRead;

    // One copy per row: its values and key are views of it, so a kept value pins its row's bytes
    // only, never the whole batch.
    const copy = Buffer.allocUnsafe(end - start);
    this.buffer.copy(copy, 0, start, end);
    const memory = copy.buffer;
    const base = copy.byteOffset - start;
    const c = this.cellAt;
    const data: Record<string, Buffer | Cell<number | bigint>> = {};
    for (let cell = firstCell, i = 0; cell < lastCell; cell++, i++) {
      const ca = cell * CELL_STRIDE;
      const value = Buffer.from(memory, base + c[ca + VALUE_START]!, c[ca + VALUE_LENGTH]!);
      const name = this.columnName(i, ca);
      data[name] = shape ? { value, timestamp: this.timestampOf(ca, shape) } : value;
    }
    const key = Buffer.from(memory, base + r[at + KEY_START]!, r[at + KEY_LENGTH]!);
    const row = data as RowData | RowDataWithTimestamps;
    return [key, this.staleRows?.has(index) ? markStale(row) : row];
  }

  /**
   * The next row with each column's versions, newest first (reads with a version count: not a hot
   * path, so built through raw cells).
   */
  nextVersions(shape: CellShape): RowEntry<RowVersions | RowVersionsWithTimestamps> {
    if (this.consumed >= this.count) throw new RangeError('no rows left in this batch');
    const row = this.rawRow(this.consumed++);
    const data = toRowVersions(row, shape);
    return [row.row, row.stale ? markStale(data) : data];
  }

  /** @internal Whether the reply's last result came from a secondary replica (even one left out, for having no cells). */
  get lastResultStale(): boolean {
    return this.lastStale;
  }

  /** @internal Every kept result as a raw row (its own copies of the bytes), for reads off the hot path. */
  rawRows(): RawRow[] {
    const rows: RawRow[] = [];
    for (let index = 0; index < this.count; index++) rows.push(this.rawRow(index));
    return rows;
  }

  /** The kept result `index` as a raw row. */
  private rawRow(index: number): RawRow {
    const r = this.rowAt;
    const at = index * ROW_STRIDE;
    const firstCell = r[at + FIRST_CELL]!;
    const lastCell = index + 1 < this.count ? r[at + ROW_STRIDE + FIRST_CELL]! : this.cellsRead;
    const keyStart = r[at + KEY_START]!;
    const row: RawRow = {
      row: Buffer.from(this.buffer.subarray(keyStart, keyStart + r[at + KEY_LENGTH]!)),
      cells: this.cellsBetween(firstCell, lastCell),
    };
    if (this.staleRows?.has(index)) row.stale = true;
    return row;
  }

  /**
   * @internal Every cell of the kept results, each with its column as `family:qualifier` bytes, in
   * the reply's order (versions of a cell newest first): what `readVersions` answers.
   */
  rawCells(): RawCell[] {
    return this.cellsBetween(0, this.count === 0 ? 0 : this.cellsRead);
  }

  /** The cells `first` to `last` (exclusive), as raw cells with bytes of their own. */
  private cellsBetween(first: number, last: number): RawCell[] {
    const cells: RawCell[] = [];
    const b = this.buffer;
    const c = this.cellAt;
    for (let ca = first * CELL_STRIDE; ca < last * CELL_STRIDE; ca += CELL_STRIDE) {
      const valueStart = c[ca + VALUE_START]!;
      const at = c[ca + TIMESTAMP_AT]!;
      let timestamp: number | bigint = 0;
      if (at >= 0) {
        const exact = this.readTimestamp(at, 'bigint') as bigint;
        const number = Number(exact);
        timestamp = Number.isSafeInteger(number) ? number : exact;
      }
      cells.push({
        column: this.columnBytes(ca),
        value: Buffer.from(b.subarray(valueStart, valueStart + c[ca + VALUE_LENGTH]!)),
        timestamp,
      });
    }
    return cells;
  }

  /** The timestamp of the cell at `ca` in `cellAt`. */
  private timestampOf(ca: number, shape: CellShape): number | bigint {
    const at = this.cellAt[ca + TIMESTAMP_AT]!;
    if (at < 0) return shape === 'bigint' ? 0n : 0;
    return this.readTimestamp(at, shape);
  }

  /** `family:qualifier` of the cell at `ca` in `cellAt`, as bytes of its own. */
  private columnBytes(ca: number): Buffer {
    const b = this.buffer;
    const c = this.cellAt;
    const familyStart = c[ca + FAMILY_START]!;
    const qualifierStart = c[ca + QUALIFIER_START]!;
    return Buffer.concat([
      b.subarray(familyStart, familyStart + c[ca + FAMILY_LENGTH]!),
      COLON,
      b.subarray(qualifierStart, qualifierStart + c[ca + QUALIFIER_LENGTH]!),
    ]);
  }

  /** The name of the `i`th cell of a row (at `ca` in `cellAt`), from the cache when the bytes are the same. */
  private columnName(i: number, ca: number): string {
    const c = this.cellAt;
    const familyStart = c[ca + FAMILY_START]!;
    const familyLength = c[ca + FAMILY_LENGTH]!;
    const qualifierStart = c[ca + QUALIFIER_START]!;
    const qualifierLength = c[ca + QUALIFIER_LENGTH]!;
    const at = i * 4;
    let cached = this.cachedAt;
    if (
      cached !== undefined &&
      cached[at + 1] === familyLength &&
      cached[at + 3] === qualifierLength &&
      this.same(cached[at]!, familyStart, familyLength) &&
      this.same(cached[at + 2]!, qualifierStart, qualifierLength)
    ) {
      return this.cachedName![i]!;
    }
    const name = this.decodeName(ca, familyStart, familyLength, qualifierStart, qualifierLength);
    if (cached === undefined) {
      cached = this.cachedAt = [];
      this.cachedName = [];
    }
    cached[at] = familyStart;
    cached[at + 1] = familyLength;
    cached[at + 2] = qualifierStart;
    cached[at + 3] = qualifierLength;
    this.cachedName![i] = name;
    return name;
  }

  /**
   * `family:qualifier` as a string. Valid UTF-8 on both sides joined by an ASCII colon decodes the
   * same joined or apart, so the parts are decoded apart (no copy); a replacement character in
   * either (bytes that are not UTF-8) sends the joined bytes to `decodeColumnName`, which keeps
   * them lossless, as Thrift1 gateways' `family:qualifier` names are.
   */
  private decodeName(
    ca: number,
    familyStart: number,
    familyLength: number,
    qualifierStart: number,
    qualifierLength: number,
  ): string {
    const b = this.buffer;
    const family = b.toString('utf8', familyStart, familyStart + familyLength);
    const qualifier = b.toString('utf8', qualifierStart, qualifierStart + qualifierLength);
    if (family.includes('\uFFFD') || qualifier.includes('\uFFFD')) {
      return decodeColumnName(this.columnBytes(ca));
    }
    return `${family}:${qualifier}`;
  }

  /** Whether the `length` bytes at `a` and at `b` of the message are the same. */
  private same(a: number, b: number, length: number): boolean {
    const buffer = this.buffer;
    for (let k = 0; k < length; k++) if (buffer[a + k] !== buffer[b + k]) return false;
    return true;
  }
}

/** A copy of `array` with twice the room. */
function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}
