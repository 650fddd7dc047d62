import { type BytesLike, toBytes } from './bytes';
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
  const bytes = toBytes(column, argument);
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

/** @internal Validates cell values to write; returns `[column, value]` pairs. */
export function toColumnValues(data: unknown, argument: string): Array<[Buffer, Buffer]> {
  let entries: Array<[unknown, unknown]>;
  if (data instanceof Map) entries = [...data.entries()];
  else if (isPlainObject(data)) entries = Object.entries(data);
  else throw new InvalidArgumentError(argument, 'an object or Map of "family:qualifier" to value', data);
  return entries.map(([column, value]) => {
    const name = typeof column === 'string' ? column : '<binary column>';
    return [toCellColumn(column, `${argument} column`), toBytes(value, `${argument}["${name}"]`)];
  });
}
