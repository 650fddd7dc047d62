import { Buffer } from 'node:buffer';
import { decodeColumnName } from '../column-names';
import { ProtocolMismatchError, UnsafeTimestampError } from '../errors';
import type { RowBatch } from '../gateway/row-batch';
import type {
  Cell,
  CellShape,
  RowData,
  RowDataWithTimestamps,
  RowEntry,
  RowVersions,
  RowVersionsWithTimestamps,
} from '../row-data';

/**
 * @internal The rows of a `list<TRowResult>` reply, read straight from the message bytes when they
 * are consumed: the hot path of every scan and multi-row read. A protocol's subclass finds where
 * a row's key and cells lie ({@link LazyRowBatch.scanRow}); this class turns those positions into
 * the row's entry.
 *
 * The message buffer must stay unchanged for as long as the batch is in use (the transport
 * readers never write into a delivered message).
 */
export abstract class LazyRowBatch implements RowBatch {
  readonly size: number;
  #remaining: number;
  /** Where the next row starts. */
  #position: number;
  protected readonly buffer: Buffer;
  /**
   * Told when a row cannot be decoded: the channel that delivered the reply drops its connection,
   * since bytes that decode wrongly cannot be trusted (nor can what follows them on the socket).
   */
  onUndecodable: ((error: unknown) => void) | undefined;

  // Set by scanRow for the row being read: its key, and its cells by their index in the row.
  protected keyStart = 0;
  protected keyLength = 0;
  protected cells = 0;
  protected readonly nameStart: number[] = [];
  protected readonly nameLength: number[] = [];
  protected readonly valueStart: number[] = [];
  protected readonly valueLength: number[] = [];
  /**
   * Where each cell's i64 timestamp lies in the message (-1: the cell has none, so 0). It is read
   * only when the caller asks for timestamps, in the representation asked for.
   */
  protected readonly timestampAt: number[] = [];

  // Rows of a scan repeat the same columns in the same order, so the name of the cell at each
  // index is remembered: when the bytes match, the string is reused instead of decoded again.
  readonly #cachedStart: number[] = [];
  readonly #cachedLength: number[] = [];
  readonly #cachedName: string[] = [];

  constructor(buffer: Buffer, position: number, size: number) {
    this.buffer = buffer;
    this.#position = position;
    this.size = size;
    this.#remaining = size;
  }

  get remaining(): number {
    return this.#remaining;
  }

  get bytes(): number {
    return this.buffer.length;
  }

  next(shape: CellShape): RowEntry<RowData | RowDataWithTimestamps> {
    if (this.#remaining <= 0) throw new RangeError('no rows left in this batch');
    this.#remaining--;
    try {
      return this.#readRow(shape);
    } catch (error) {
      // A timestamp beyond what a number holds is the caller's choice of type, not bad bytes.
      if (error instanceof UnsafeTimestampError) throw error;
      this.#remaining = 0;
      this.onUndecodable?.(error);
      throw new ProtocolMismatchError(
        `cannot decode a row of the gateway's reply (the connection was dropped): ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
  }

  /**
   * A Thrift1 row holds one version per column (Thrift1 reads no more): each is a list of one.
   * Only Thrift2 reads ask for versions; this keeps every batch able to answer.
   */
  nextVersions(shape: CellShape): RowEntry<RowVersions | RowVersionsWithTimestamps> {
    const [key, data] = this.next(shape);
    const versions: Record<string, Array<Buffer | Cell<number | bigint>>> = {};
    for (const column of Object.keys(data)) versions[column] = [data[column]!];
    return [key, versions as RowVersions | RowVersionsWithTimestamps];
  }

  /**
   * Reads the `TRowResult { 1: row, 2: map<column, TCell> columns, 3: list<TColumn> sortedColumns }`
   * that starts at `start`: sets the key's and the cells' positions (see {@link LazyRowBatch.addCell})
   * and returns the position after the row. Throws on bytes that are not such a struct.
   */
  protected abstract scanRow(start: number): number;

  /**
   * Reads the i64 timestamp at `position` of the message, exactly: as a bigint when `shape` is
   * `'bigint'`, else as a number, throwing {@link UnsafeTimestampError} when a number cannot hold
   * it.
   */
  protected abstract readTimestamp(position: number, shape: CellShape): number | bigint;

  /** Records a cell of the row being scanned (`timestampAt`: see the field); returns its index. */
  protected addCell(
    nameStart: number,
    nameLength: number,
    valueStart: number,
    valueLength: number,
    timestampAt: number,
  ): number {
    const index = this.cells++;
    this.nameStart[index] = nameStart;
    this.nameLength[index] = nameLength;
    this.valueStart[index] = valueStart;
    this.valueLength[index] = valueLength;
    this.timestampAt[index] = timestampAt;
    return index;
  }

  /**
   * Names the cell at `index` of a `TColumn` (whose name may follow its cell on the wire), or adds
   * an empty cell at `end` when the column had no cell (index -1).
   */
  protected nameCell(index: number, nameStart: number, nameLength: number, end: number): void {
    const cell = index < 0 ? this.addCell(0, 0, end, 0, -1) : index;
    this.nameStart[cell] = nameStart;
    this.nameLength[cell] = nameLength;
  }

  #readRow(shape: CellShape): RowEntry<RowData | RowDataWithTimestamps> {
    const start = this.#position;
    this.cells = 0;
    this.keyStart = start;
    this.keyLength = 0;
    const end = this.scanRow(start);
    if (end > this.buffer.length) throw new RangeError('a row runs past the end of the message');
    this.#position = end;

    // One copy per row: its values and key are views of it, so a kept value pins its row's bytes
    // only, never the whole batch.
    const copy = Buffer.allocUnsafe(end - start);
    this.buffer.copy(copy, 0, start, end);
    const memory = copy.buffer;
    const base = copy.byteOffset - start;
    const data: Record<string, Buffer | Cell<number | bigint>> = {};
    for (let i = 0; i < this.cells; i++) {
      const value = Buffer.from(memory, base + this.valueStart[i]!, this.valueLength[i]!);
      data[this.#columnName(i)] = shape ? { value, timestamp: this.#timestamp(i, shape) } : value;
    }
    return [
      Buffer.from(memory, base + this.keyStart, this.keyLength),
      data as RowData | RowDataWithTimestamps,
    ];
  }

  /** The timestamp of cell `i` of the current row. */
  #timestamp(i: number, shape: CellShape): number | bigint {
    const at = this.timestampAt[i]!;
    if (at < 0) return shape === 'bigint' ? 0n : 0;
    return this.readTimestamp(at, shape);
  }

  /** The name of cell `i` of the current row, from the cache when the bytes are the same. */
  #columnName(i: number): string {
    const b = this.buffer;
    const start = this.nameStart[i]!;
    const length = this.nameLength[i]!;
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
