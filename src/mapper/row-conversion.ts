import { type BytesLike, toNonEmptyBytes } from '../client/bytes';
import { decodeColumnName } from '../client/column-names';
import { InvalidArgumentError } from '../client/errors';
import type { Cell, RowData, RowDataWithTimestamps } from '../client/row-data';
import { requireOptions } from '../client/validate';
import { type DecodeErrorHandler, entityFromRow, entityWrites } from './entity-mapping';
import type { EntityClass } from './metadata/entity-metadata';
import { entityMetadata } from './metadata/resolve-entity';

/**
 * What `Repository.save` writes for one entity, as {@link toRow} returns it: the row key and the
 * cells, with column names as the raw client takes them (`table.put(row.key, row.cells)`).
 * `save` sends, in one batch, a delete of `deletes` (when any) then a put of `cells` (when any),
 * then each of `timed` as a put at its own timestamp.
 */
export interface EntityRow {
  /** The encoded row key. */
  key: Buffer;
  /** Cells to put at the server's time, keyed by `family:qualifier`. */
  cells: RowData;
  /**
   * Columns to delete, from fields set to `null`: `family:qualifier`, or a bare family for a
   * `@ColumnMap` without prefix (the whole family).
   */
  deletes: string[];
  /** `@Versions` entries with their own timestamp, each written at it. */
  timed: Array<{
    /** `family:qualifier`. */
    column: string;
    /** The encoded value. */
    value: Buffer;
    /** The version's timestamp (ms), as the entity holds it. */
    timestamp: number | bigint;
  }>;
}

/** Options of {@link fromRow}. */
export interface FromRowOptions {
  /** What to do with a cell that does not decode (default `'throw'`); see {@link DecodeErrorHandler}. */
  onDecodeError?: DecodeErrorHandler;
}

/**
 * Converts an entity to the row that saving it writes, without writing anything: for ETL code
 * that writes through the raw client, bulk tools or files. Validation and encoding are those of
 * `save` (same errors, naming `entity`): `undefined` fields are left out, `null` fields become
 * `deletes`, counters are never written.
 *
 * @example
 * ```ts
 * const row = toRow(User, user);
 * await table.put(row.key, row.cells); // what save(user) puts, when no field is null
 * ```
 */
export function toRow<E extends object>(entityClass: EntityClass<E>, entity: E): EntityRow {
  const meta = entityMetadata(entityClass);
  if (typeof entity !== 'object' || entity === null) {
    throw new InvalidArgumentError('entity', `a ${meta.name}`, entity);
  }
  const writes = entityWrites(meta, entity as Record<string, unknown>, 'entity');
  const cells: RowData = {};
  for (const [column, value] of writes.puts) cells[decodeColumnName(column)] = value;
  return {
    key: writes.key,
    cells,
    deletes: writes.deletes.map(decodeColumnName),
    timed: writes.timed.map((t) => ({
      column: decodeColumnName(t.column),
      value: t.value,
      timestamp: t.timestamp,
    })),
  };
}

/**
 * Builds an entity from a raw row, as the raw client returns it: `table.row(key)`, or one
 * `[key, data]` of `table.rows()` / `table.scan()`. With `{ includeTimestamp: true }` rows
 * (cells as `{ value, timestamp }`), `@Versions` fields get the cell's timestamp. Cells of no
 * mapped field are ignored; the key must decode with the entity's key codec.
 *
 * @example
 * ```ts
 * for await (const [key, data] of table.scan({ rowPrefix: 'u' })) {
 *   const user = fromRow(User, key, data, { onDecodeError: (f) => log.warn(f.property, f.error.message) });
 * }
 * ```
 */
export function fromRow<E extends object>(
  entityClass: EntityClass<E>,
  key: BytesLike,
  row: RowData | RowDataWithTimestamps,
  options?: FromRowOptions,
): E {
  const meta = entityMetadata(entityClass);
  const keyBytes = toNonEmptyBytes(key, 'key');
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new InvalidArgumentError('row', 'row data: an object of cells keyed by family:qualifier', row);
  }
  const onDecodeError = requireDecodeErrorHandler(
    requireOptions(options, 'options', ['onDecodeError']).onDecodeError,
  );
  const data: RowData = {};
  const history = new Map<string, Cell[]>();
  for (const [column, cell] of Object.entries(row)) {
    if (Buffer.isBuffer(cell)) data[column] = cell;
    else if (isCell(cell)) {
      data[column] = cell.value;
      history.set(column, [cell]);
    } else {
      throw new InvalidArgumentError(
        `row["${column.slice(0, 60)}"]`,
        'a Buffer or a { value, timestamp } cell',
        cell,
      );
    }
  }
  return entityFromRow<E>(meta, keyBytes, data, history.size > 0 ? history : undefined, onDecodeError);
}

function isCell(value: unknown): value is Cell {
  const cell = value as Partial<Cell> | null;
  return (
    typeof cell === 'object' &&
    cell !== null &&
    Buffer.isBuffer(cell.value) &&
    typeof cell.timestamp === 'number'
  );
}

/** @internal Validates an `onDecodeError` option. */
export function requireDecodeErrorHandler(
  value: unknown,
  argument = 'options.onDecodeError',
): DecodeErrorHandler {
  if (value === undefined || value === 'throw') return 'throw';
  if (typeof value === 'function') return value as DecodeErrorHandler;
  throw new InvalidArgumentError(argument, "'throw' or a function called with each failure", value);
}
