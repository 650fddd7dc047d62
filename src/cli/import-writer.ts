import { toRowKey } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import type { CellMutation, RowMutations } from '../client/gateway/row-mutations';
import { sendPutRows } from '../client/put-rows';
import type { Table } from '../client/table';
import { CliError } from './exit-codes';
import type { ParsedRow } from './row-line-parser';

/**
 * @internal The library refuses a row of the file (an empty key, a column without a family): an
 * error of the file's data, not of the command line, so exit code 1 and the line, not the usage
 * code 2. The library's message describes the value without quoting it.
 */
export function dataError(error: unknown, where: string): unknown {
  return error instanceof InvalidArgumentError
    ? new CliError(`${where}: ${error.message}`, 1, { cause: error })
    : error;
}

/** One row of a timestamp's group: its mutations, and the line that added it last. */
interface PendingRow extends RowMutations {
  mutations: CellMutation[];
  line: number;
  /** The greatest column of its mutations (bytes as latin1). */
  greatest: string | undefined;
}

/**
 * The rows of a chunk whose cells share one timestamp: what one `mutateRows(Ts)` call writes.
 * Within it, the last write to a cell wins, as in a batch: a row key met again (a file not in key
 * order, or a key on two lines) adds to its row, and a column met again in a row replaces the
 * value.
 */
class TimestampGroup {
  readonly rows: PendingRow[] = [];
  /** Rows by key (latin1), built only once keys stop coming in increasing order. */
  #byKey: Map<string, PendingRow> | undefined;

  /** The row of `key` in this group, for a cell of `line`. */
  row(key: Buffer, line: number): PendingRow {
    const last = this.rows.at(-1);
    if (last !== undefined && last.line === line) return last; // another cell of the same line
    if (this.#byKey === undefined) {
      // An export is in key order: each row key is then new, which one comparison shows.
      if (last === undefined || Buffer.compare(last.row, key) < 0) return this.#add(key, line);
      this.#byKey = new Map(this.rows.map((row) => [row.row.toString('latin1'), row]));
    }
    const id = key.toString('latin1');
    const known = this.#byKey.get(id);
    if (known !== undefined) {
      known.line = line;
      return known;
    }
    const row = this.#add(key, line);
    this.#byKey.set(id, row);
    return row;
  }

  #add(key: Buffer, line: number): PendingRow {
    const row: PendingRow = { row: key, mutations: [], line, greatest: undefined };
    this.rows.push(row);
    return row;
  }
}

/**
 * @internal A chunk of an import: rows added as they are read, their cells grouped by timestamp,
 * ready to send. The gateways take one timestamp per mutation call (Thrift1's `mutateRowsTs`),
 * so {@link ImportChunk.send} makes one call per distinct timestamp: data loaded by one writer
 * shares few timestamps; data written row by row over time may need a call per row, and
 * `--concurrency` then keeps several chunks in flight. Without `keepTimestamps` every cell is
 * written at the server's time, in one call (a resumed import may then add versions).
 */
export class ImportChunk {
  readonly #table: Table;
  readonly #keepTimestamps: boolean;
  readonly #groups = new Map<number | bigint | undefined, TimestampGroup>();
  /** The group of the last cell's timestamp: the cells of a row usually share it. */
  #lastTimestamp: number | bigint | undefined;
  #lastGroup: TimestampGroup | undefined;
  /** Rows (lines) added. */
  rows = 0;
  #firstLine = 0;
  #lastLine = 0;

  constructor(table: Table, keepTimestamps: boolean) {
    this.#table = table;
    this.#keepTimestamps = keepTimestamps;
  }

  /**
   * Adds a row of line `line`. Throws the library's InvalidArgumentError for a key it refuses
   * (empty, too long), before anything of the row is added.
   */
  add(row: ParsedRow, line: number): void {
    const key = toRowKey(row.key, 'row', this.#table.maxRowKey);
    if (this.rows++ === 0) this.#firstLine = line;
    this.#lastLine = line;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const timestamp = this.#keepTimestamps ? cell.timestamp : undefined;
      let group = this.#lastGroup;
      if (group === undefined || timestamp !== this.#lastTimestamp) {
        group = this.#groups.get(timestamp);
        if (group === undefined) {
          group = new TimestampGroup();
          this.#groups.set(timestamp, group);
        }
        this.#lastGroup = group;
        this.#lastTimestamp = timestamp;
      }
      const pending = group.row(key, line);
      const column = cell.column;
      const mutation: CellMutation = {
        isDelete: false,
        column: column.bytes,
        value: cell.value,
        writeToWAL: true,
      };
      // An export writes a row's columns in order: a column after the row's greatest is new.
      if (pending.greatest === undefined || column.id > pending.greatest) {
        pending.mutations.push(mutation);
        pending.greatest = column.id;
      } else {
        const known = pending.mutations.findIndex((m) => m.column.equals(column.bytes));
        if (known >= 0) pending.mutations[known] = mutation;
        else pending.mutations.push(mutation);
      }
    }
  }

  /**
   * Writes the chunk into `table` (the same table, on the connection the chunk was given): one
   * call per timestamp, one after the other (so that `--concurrency` counts the calls in flight).
   * A refusal of the library names the chunk's lines.
   */
  async send(file: string, table: Table = this.#table): Promise<void> {
    for (const [timestamp, group] of this.#groups) {
      try {
        await sendPutRows(table, group.rows, timestamp === undefined ? undefined : BigInt(timestamp));
      } catch (error) {
        throw dataError(error, `${file}:${this.#firstLine}-${this.#lastLine}`);
      }
    }
  }
}
