import { decodeColumnName } from './column-names';
import { UnsafeTimestampError } from './errors';
import type { RawCell, RawRow } from './gateway/raw-row';
import { optionalBoolean, requireOneOf } from './validate';

/**
 * One row's cells, keyed by `family:qualifier`. Values are raw bytes. Column names are UTF-8;
 * bytes that are not valid UTF-8 appear as U+DC80–U+DCFF (one per byte, as Python's
 * surrogateescape does), so every name is distinct and can be passed back to any method as is.
 */
export type RowData = Record<string, Buffer>;

/**
 * A cell value with its timestamp (milliseconds since the epoch): a number by default, a bigint
 * when read with `timestampType: 'bigint'`.
 */
export interface Cell<T extends number | bigint = number> {
  /** The stored bytes. */
  value: Buffer;
  /** The cell's timestamp in milliseconds. */
  timestamp: T;
}

/** One row's cells with their timestamps, keyed by `family:qualifier`. */
export type RowDataWithTimestamps<T extends number | bigint = number> = Record<string, Cell<T>>;

/**
 * How reads with `includeTimestamp: true` return timestamps: `'number'` (the default) or
 * `'bigint'`. HBase timestamps are 64-bit; numbers hold them exactly up to 2^53 - 1 (year
 * 287396 in milliseconds), which covers clock timestamps, but not what some tools write
 * (reverse timestamps such as `Long.MAX_VALUE - now`, nanoseconds). Read as numbers, a larger
 * timestamp fails the read with `UnsafeTimestampError` rather than being rounded.
 */
export type TimestampType = 'number' | 'bigint';

/**
 * @internal How a read returns its cells: bare values (`false`), or `{ value, timestamp }` with
 * number (`true`) or bigint (`'bigint'`) timestamps.
 */
export type CellShape = boolean | 'bigint';

const TIMESTAMP_TYPES: readonly TimestampType[] = ['number', 'bigint'];

/** @internal Validates the `includeTimestamp` and `timestampType` options: how cells come back. */
export function shapeOption(options: { includeTimestamp?: unknown; timestampType?: unknown }): CellShape {
  const includeTimestamp = optionalBoolean(options.includeTimestamp, 'options.includeTimestamp') ?? false;
  const timestampType =
    options.timestampType === undefined
      ? undefined
      : requireOneOf(options.timestampType, 'options.timestampType', TIMESTAMP_TYPES);
  return includeTimestamp && timestampType === 'bigint' ? 'bigint' : includeTimestamp;
}

/** @internal A timestamp as a number, refused when a number cannot hold it exactly. */
export function timestampNumber(value: number | bigint): number {
  if (typeof value === 'number') return value;
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new UnsafeTimestampError(value);
  return number;
}

/** @internal A timestamp in the representation `shape` asks for (`true` or `'bigint'`). */
export function timestampAs(value: number | bigint, shape: CellShape): number | bigint {
  return shape === 'bigint' ? BigInt(value) : timestampNumber(value);
}

/**
 * One row's cells read with `versions` (Thrift2): each column's versions, newest first, as bare
 * values.
 */
export type RowVersions = Record<string, Buffer[]>;

/** One row's cells read with `versions` and `includeTimestamp`: each column's versions, newest first. */
export type RowVersionsWithTimestamps<T extends number | bigint = number> = Record<string, Array<Cell<T>>>;

/** @internal Any shape a row's data comes in. */
export type AnyRowData =
  | RowData
  | RowDataWithTimestamps
  | RowDataWithTimestamps<bigint>
  | RowVersions
  | RowVersionsWithTimestamps
  | RowVersionsWithTimestamps<bigint>;

/** A row key with its data, as returned by `rows()` and yielded by `scan()`. */
export type RowEntry<D = RowData> = [key: Buffer, data: D];

/** @internal Converts a decoded row into row data, keeping the column order of the reply. */
export function toRowData(row: RawRow, shape: CellShape): RowData | RowDataWithTimestamps {
  const data: Record<string, Buffer | Cell<number | bigint>> = {};
  for (const cell of row.cells) {
    data[decodeColumnName(cell.column)] = shape
      ? { value: cell.value, timestamp: timestampAs(cell.timestamp, shape) }
      : cell.value;
  }
  return data as RowData | RowDataWithTimestamps;
}

/** @internal Converts a gateway cell, its timestamp as `shape` asks (`true` or `'bigint'`). */
export function toCell(cell: RawCell, shape: CellShape): Cell<number | bigint> {
  return { value: cell.value, timestamp: timestampAs(cell.timestamp, shape) };
}

/**
 * @internal Converts a decoded row into its columns' versions. A result's cells come sorted by
 * column, then newest first: each column's list keeps that order.
 */
export function toRowVersions(row: RawRow, shape: CellShape): RowVersions | RowVersionsWithTimestamps {
  const data: Record<string, Array<Buffer | Cell<number | bigint>>> = {};
  for (const cell of row.cells) {
    const name = decodeColumnName(cell.column);
    const item = shape ? { value: cell.value, timestamp: timestampAs(cell.timestamp, shape) } : cell.value;
    const versions = data[name];
    if (versions === undefined) data[name] = [item];
    else versions.push(item);
  }
  return data as RowVersions | RowVersionsWithTimestamps;
}
