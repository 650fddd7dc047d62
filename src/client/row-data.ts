import { int64ToNumber } from './bytes';
import type { TCell, TRowResult } from './thrift/Hbase_types';

/**
 * One row's cells, keyed by `family:qualifier`. Column names are decoded as UTF-8; values are raw
 * bytes. Write binary qualifiers by passing the column as a Buffer.
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

/** @internal Converts a gateway row into our row data, in the column order the gateway sent. */
export function toRowData(result: TRowResult, includeTimestamp: boolean): RowData | RowDataWithTimestamps {
  const data: Record<string, Buffer | Cell> = {};
  const put = (column: string, cell: TCell) => {
    data[column] = includeTimestamp ? toCell(cell) : cell.value;
  };
  // With sortColumns the gateway fills `sortedColumns` (raw column bytes, in byte order) instead
  // of the `columns` map.
  if (result.sortedColumns && result.sortedColumns.length > 0) {
    for (const { columnName, cell } of result.sortedColumns) put(columnName.toString('utf8'), cell);
  } else if (result.columns) {
    for (const [column, cell] of Object.entries(result.columns as Record<string, TCell>)) put(column, cell);
  }
  return data as RowData | RowDataWithTimestamps;
}

/** @internal Converts a gateway cell. */
export function toCell(cell: TCell): Cell {
  return { value: cell.value, timestamp: int64ToNumber(cell.timestamp) };
}
