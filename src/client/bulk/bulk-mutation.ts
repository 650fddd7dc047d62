import { type BytesLike, toRowKey } from '../bytes';
import { type ColumnValues, toColumnList, toColumnValues } from '../columns';
import { InvalidArgumentError } from '../errors';
import { isPlainObject, optionalTimestamp, requireOptions } from '../validate';

/**
 * One item of `writer.writeAll()`: a put of `data` to `row`, or a delete (`delete: true`: the
 * whole row; a list: those families `cf` and cells `cf:qualifier`). `timestamp` (ms) overrides the
 * writer's.
 */
export type BulkMutation =
  | {
      /** The row key. */
      row: BytesLike;
      /** Cell values to put, keyed by `family:qualifier`. */
      data: ColumnValues;
      /** The cells' timestamp (ms). */
      timestamp?: number | bigint;
    }
  | {
      /** The row key. */
      row: BytesLike;
      /** `true`: the whole row; a list: those families and cells. */
      delete: true | BytesLike[];
      /** Delete only the versions at or before this timestamp (ms). */
      timestamp?: number | bigint;
    };

/** Options of `writer.put()`. */
export interface BulkPutOptions {
  /** The cells' timestamp (ms): overrides the writer's `timestamp`. */
  timestamp?: number | bigint;
}

/** Options of `writer.delete()`. */
export interface BulkDeleteOptions {
  /** Families (`cf`) and cells (`cf:qualifier`) to delete; all of the row's when absent. */
  columns?: BytesLike[];
  /** Delete only versions at or before this timestamp (ms): overrides the writer's `timestamp`. */
  timestamp?: number | bigint;
}

/** @internal The bookkeeping bytes counted per mutation on top of its payload. */
export const MUTATION_OVERHEAD = 64;

/** @internal One validated mutation, as buffered. */
export interface BulkOp {
  /** The order in which the writer accepted it (see {@link IndexRange}). */
  index: number;
  row: Buffer;
  /** Puts: column bytes to value. */
  data: Map<Buffer, Buffer> | undefined;
  /** Deletes: the families and cells, or `undefined` for the whole row. */
  columns: Buffer[] | undefined;
  isDelete: boolean;
  timestamp: bigint | undefined;
  /** Payload bytes (row, columns, values): what progress reports. */
  payload: number;
  cells: number;
}

/** @internal Validates a put (names: `row`, `data`, `options…` under `at`). */
export function putOp(
  row: unknown,
  data: unknown,
  options: unknown,
  maxRowKey: number,
  at: string,
): Omit<BulkOp, 'index'> {
  const key = toRowKey(row, `${at}row`, maxRowKey);
  const pairs = toColumnValues(data, `${at}data`);
  const o = options === undefined ? undefined : requireOptions(options, `${at}options`, ['timestamp']);
  const timestamp = o && optionalTimestamp(o.timestamp, `${at}options.timestamp`);
  const map = new Map<Buffer, Buffer>();
  let payload = key.length;
  for (const [column, value] of pairs) {
    map.set(column.bytes, value);
    payload += column.bytes.length + value.length;
  }
  return {
    row: key,
    data: map,
    columns: undefined,
    isDelete: false,
    timestamp,
    payload,
    cells: pairs.length,
  };
}

/** @internal Validates a delete (names under `at`). */
export function deleteOp(
  row: unknown,
  options: unknown,
  maxRowKey: number,
  at: string,
  optionsAt = `${at}options.`,
): Omit<BulkOp, 'index'> {
  const key = toRowKey(row, `${at}row`, maxRowKey);
  const o = requireOptions(options, optionsAt.slice(0, -1), ['columns', 'timestamp']);
  const columns = toColumnList(
    o.columns,
    optionsAt === `${at}options.` ? `${optionsAt}columns` : `${at}delete`,
  );
  const timestamp = optionalTimestamp(o.timestamp, `${optionsAt}timestamp`);
  let payload = key.length;
  for (const column of columns ?? []) payload += column.length;
  return {
    row: key,
    data: undefined,
    columns,
    isDelete: true,
    timestamp,
    payload,
    cells: columns?.length ?? 1,
  };
}

/** @internal Validates one item of `writeAll` (named `items[i]`). */
export function itemOp(item: unknown, i: number, maxRowKey: number): Omit<BulkOp, 'index'> {
  const at = `items[${i}]`;
  if (!isPlainObject(item)) {
    throw new InvalidArgumentError(at, 'an object { row, data } or { row, delete }', item);
  }
  const hasData = 'data' in item;
  const hasDelete = 'delete' in item;
  if (hasData === hasDelete) {
    throw new InvalidArgumentError(at, 'either `data` (a put) or `delete` (a delete)', item);
  }
  for (const key of Object.keys(item)) {
    if (key !== 'row' && key !== 'data' && key !== 'delete' && key !== 'timestamp') {
      throw new InvalidArgumentError(`${at}.${key}`, 'one of row, data, delete, timestamp', key);
    }
  }
  // Checked here, to be named as the item names it (items[i].timestamp).
  const at64 = optionalTimestamp(item.timestamp, `${at}.timestamp`);
  const timestamp = at64 === undefined ? undefined : { timestamp: at64 };
  if (hasData) return putOp(item.row, item.data, timestamp, maxRowKey, `${at}.`);
  const what = item.delete;
  if (what !== true && !Array.isArray(what)) {
    throw new InvalidArgumentError(`${at}.delete`, 'true (the whole row) or an array of columns', what);
  }
  // Named as the item names them: items[i].delete[j], items[i].timestamp.
  return deleteOp(
    item.row,
    { columns: what === true ? undefined : what, ...timestamp },
    maxRowKey,
    `${at}.`,
    `${at}.`,
  );
}
