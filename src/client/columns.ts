import { type BytesLike, toBytes, toColumnBytes } from './bytes';
import { InvalidArgumentError } from './errors';
import { isPlainObject } from './validate';

/** Cell values to write, keyed by `family:qualifier` (a Map allows binary column names). */
export type ColumnValues = Record<string, BytesLike> | Map<BytesLike, BytesLike>;

const COLON = 0x3a;

/**
 * @internal Validates a column that names a family (`cf` or `cf:`) or a cell (`cf:qualifier`),
 * as accepted by reads and deletes.
 */
export function toColumnSpec(column: unknown, argument: string): Buffer {
  const bytes = toColumnBytes(column, argument);
  if (bytes.length === 0 || bytes[0] === COLON) {
    throw new InvalidArgumentError(argument, 'a column "family" or "family:qualifier"', column);
  }
  return bytes;
}

/** @internal Validates a cell column: `family:qualifier`, the qualifier possibly empty. */
export function toCellColumn(column: unknown, argument: string): Buffer {
  const bytes = toColumnSpec(column, argument);
  if (!bytes.includes(COLON)) {
    throw new InvalidArgumentError(
      argument,
      'a column "family:qualifier" (the qualifier may be empty: "family:")',
      column,
    );
  }
  return bytes;
}

/** @internal Validates an optional list of column specs. `undefined` means all columns. */
export function toColumnList(columns: unknown, argument: string): Buffer[] | undefined {
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns)) throw new InvalidArgumentError(argument, 'an array of column names', columns);
  return columns.map((column, i) => toColumnSpec(column, `${argument}[${i}]`));
}

/** @internal A validated cell column, and its bytes as a latin1 string (a Map key per cell). */
export interface CellColumn {
  bytes: Buffer;
  id: string;
}

/** Cell columns given as strings, validated and encoded once: a load repeats a few names. */
const cellColumns = new Map<string, CellColumn>();
/** Enough for any schema; a program inventing column names per row only refills it. */
const CELL_COLUMNS_CACHED = 4096;

/** @internal {@link toCellColumn}, with the column's id; string columns are remembered. */
export function toCellColumnWithId(column: unknown, argument: string): CellColumn {
  if (typeof column === 'string') {
    const known = cellColumns.get(column);
    if (known !== undefined) return known;
  }
  const bytes = toCellColumn(column, argument);
  const cellColumn = { bytes, id: bytes.toString('latin1') };
  if (typeof column === 'string') {
    if (cellColumns.size >= CELL_COLUMNS_CACHED) cellColumns.clear();
    cellColumns.set(column, cellColumn);
  }
  return cellColumn;
}

/** @internal Validates cell values to write; returns `[column, value]` pairs. */
export function toColumnValues(data: unknown, argument: string): Array<[CellColumn, Buffer]> {
  const pairs: Array<[CellColumn, Buffer]> = [];
  if (data instanceof Map) {
    for (const [column, value] of data) pairs.push(toColumnValue(column, value, argument));
  } else if (isPlainObject(data)) {
    for (const column of Object.keys(data)) pairs.push(toColumnValue(column, data[column], argument));
  } else {
    throw new InvalidArgumentError(argument, 'an object or Map of "family:qualifier" to value', data);
  }
  return pairs;
}

function toColumnValue(column: unknown, value: unknown, argument: string): [CellColumn, Buffer] {
  // Argument names for errors are only built when needed: this runs for every cell of a load.
  const cellColumn =
    (typeof column === 'string' ? cellColumns.get(column) : undefined) ??
    toCellColumnWithId(column, `${argument} column`);
  const bytes = Buffer.isBuffer(value) ? value : toBytes(value, `${argument}["${columnLabel(column)}"]`);
  return [cellColumn, bytes];
}

function columnLabel(column: unknown): string {
  return typeof column === 'string' ? column : '<binary column>';
}
