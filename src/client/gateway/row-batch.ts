import {
  type CellShape,
  type RowData,
  type RowDataWithTimestamps,
  type RowEntry,
  type RowVersions,
  type RowVersionsWithTimestamps,
  toRowData,
  toRowVersions,
} from '../row-data';
import { markStale } from '../stale-rows';
import type { RawRow } from './raw-row';

/**
 * @internal The rows of one reply (Thrift1's `list<TRowResult>`, Thrift2's `list<TResult>`),
 * turned into entries one at a time as they are consumed. A scan batch holds up to `batchSize`
 * rows; building all of their objects up front keeps them alive through garbage collections while
 * the caller is still on the first rows, which made the collector the largest cost of a scan.
 */
export interface RowBatch {
  /** How many rows the reply holds. */
  readonly size: number;
  /** How many rows {@link RowBatch.next} has not handed out yet. */
  readonly remaining: number;
  /** The size of the reply message the rows came in, in bytes (0 when not known): for progress. */
  readonly bytes: number;
  /**
   * The next row's key and data, its cells shaped as asked (bare values, or with number or bigint
   * timestamps). Only call while {@link RowBatch.remaining} is above zero.
   */
  next(shape: CellShape): RowEntry<RowData | RowDataWithTimestamps>;
  /**
   * The next row with each column's versions, newest first (reads with `versions`, Thrift2). Only
   * call while {@link RowBatch.remaining} is above zero.
   */
  nextVersions(shape: CellShape): RowEntry<RowVersions | RowVersionsWithTimestamps>;
}

/** @internal A {@link RowBatch} over rows the generic decoder has already read. */
export class DecodedRowBatch implements RowBatch {
  #index = 0;
  /** Rows decoded by the generic decoder (or gathered from several replies): no one reply's size. */
  readonly bytes = 0;

  constructor(private readonly rows: RawRow[]) {}

  get size(): number {
    return this.rows.length;
  }

  get remaining(): number {
    return this.rows.length - this.#index;
  }

  next(shape: CellShape): RowEntry<RowData | RowDataWithTimestamps> {
    const row = this.rows[this.#index++]!;
    const data = toRowData(row, shape);
    return [row.row, row.stale ? markStale(data) : data];
  }

  nextVersions(shape: CellShape): RowEntry<RowVersions | RowVersionsWithTimestamps> {
    const row = this.rows[this.#index++]!;
    const data = toRowVersions(row, shape);
    return [row.row, row.stale ? markStale(data) : data];
  }
}
