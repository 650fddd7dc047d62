import { int64ToNumber } from './bytes';
import { decodeColumnName } from './column-names';
import type { TCell } from './thrift/Hbase_types';
import type { RawRow } from './transport/row-decoder';

/**
 * One row's cells, keyed by `family:qualifier`. Values are raw bytes. Column names are UTF-8;
 * bytes that are not valid UTF-8 appear as U+DC80–U+DCFF (one per byte, as Python's
 * surrogateescape does), so every name is distinct and can be passed back to any method as is.
 */
export type RowData = Record<string, Buffer>;

/** A cell value with its timestamp (milliseconds since the epoch). */
export interface Cell {
  /** The stored bytes. */
  value: Buffer;
  /** The cell's timestamp in milliseconds. */
  timestamp: number;
}

/** One row's cells with their timestamps, keyed by `family:qualifier`. */
export type RowDataWithTimestamps = Record<string, Cell>;

/** A row key with its data, as returned by `rows()` and yielded by `scan()`. */
export type RowEntry<D = RowData> = [key: Buffer, data: D];

/** @internal Converts a decoded row into row data, keeping the column order of the reply. */
export function toRowData(row: RawRow, includeTimestamp: boolean): RowData | RowDataWithTimestamps {
  const data: Record<string, Buffer | Cell> = {};
  for (const cell of row.cells) {
    data[decodeColumnName(cell.column)] = includeTimestamp
      ? { value: cell.value, timestamp: cell.timestamp }
      : cell.value;
  }
  return data as RowData | RowDataWithTimestamps;
}

/** @internal Converts a gateway cell. */
export function toCell(cell: TCell): Cell {
  return { value: cell.value, timestamp: int64ToNumber(cell.timestamp) };
}
