import type { BytesLike } from '../bytes';
import { InvalidArgumentError } from '../errors';
import { requireOptions } from '../validate';
import { booleanArgument, intArgument, quotedBytes } from './arguments';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** Bounds of `Filter.columnRange`. */
export interface ColumnRangeOptions {
  /** Smallest qualifier. Absent (or empty): no lower bound. */
  min?: BytesLike;
  /** Whether `min` itself is kept. Default `true`. */
  minInclusive?: boolean;
  /** Largest qualifier. Absent (or empty): no upper bound. */
  max?: BytesLike;
  /** Whether `max` itself is kept. Default `false`. */
  maxInclusive?: boolean;
}

const EMPTY = Buffer.alloc(0);

/** @internal Filters on column qualifiers and column counts, gathered into `Filter`. */
export const columnFilterFactories = {
  /**
   * `ColumnPrefixFilter`: keeps the cells whose qualifier starts with `prefix`, in every family.
   *
   * @example
   * ```ts
   * Filter.columnPrefix('tag-');
   * ```
   */
  columnPrefix(prefix: BytesLike): Filter {
    return FilterNode.call('ColumnPrefixFilter', [quotedBytes(prefix, 'prefix')]);
  },

  /**
   * `MultipleColumnPrefixFilter`: keeps the cells whose qualifier starts with any of `prefixes`.
   *
   * @example
   * ```ts
   * Filter.multipleColumnPrefix(['name', 'email']);
   * ```
   */
  multipleColumnPrefix(prefixes: readonly BytesLike[]): Filter {
    if (!Array.isArray(prefixes) || prefixes.length === 0) {
      // HBase accepts none and then keeps every column: surely not what an empty list meant.
      throw new InvalidArgumentError('prefixes', 'a non-empty array', prefixes);
    }
    const args = prefixes.map((p, i) => quotedBytes(p, `prefixes[${i}]`));
    return FilterNode.call('MultipleColumnPrefixFilter', args);
  },

  /**
   * `ColumnRangeFilter`: keeps the cells whose qualifier lies between two bounds (compared as
   * unsigned bytes), in every family. By default `min` is included and `max` excluded; an absent
   * or empty bound is open, as in HBase.
   *
   * @example
   * ```ts
   * Filter.columnRange({ min: 'a', max: 'n' }); // "ColumnRangeFilter('a', true, 'n', false)"
   * Filter.columnRange({ min: '2024-01', maxInclusive: true, max: '2024-12' });
   * ```
   */
  columnRange(bounds: ColumnRangeOptions): Filter {
    if (bounds === undefined)
      throw new InvalidArgumentError('bounds', 'an object with min and/or max', bounds);
    const o = requireOptions(bounds, 'bounds', ['min', 'minInclusive', 'max', 'maxInclusive']);
    return FilterNode.call('ColumnRangeFilter', [
      o.min === undefined ? quotedBytes(EMPTY, 'bounds.min') : quotedBytes(o.min, 'bounds.min'),
      booleanArgument(o.minInclusive ?? true, 'bounds.minInclusive'),
      o.max === undefined ? quotedBytes(EMPTY, 'bounds.max') : quotedBytes(o.max, 'bounds.max'),
      booleanArgument(o.maxInclusive ?? false, 'bounds.maxInclusive'),
    ]);
  },

  /**
   * `ColumnPaginationFilter`: per row, skips `offset` cells then keeps at most `limit` — a page of
   * the columns of wide rows.
   *
   * @example
   * ```ts
   * Filter.columnPagination(20, 40); // the third page of 20 columns, in every row
   * ```
   */
  columnPagination(limit: number, offset = 0): Filter {
    return FilterNode.call('ColumnPaginationFilter', [
      intArgument(limit, 'limit'),
      intArgument(offset, 'offset'),
    ]);
  },

  /**
   * `ColumnCountGetFilter`: keeps the first `limit` cells of a row. HBase made it for gets (a
   * scan of one row): in a wider scan, once a row holds more than `limit` cells the filter's
   * state leaks into the next rows, which come back cut short or not at all, and the scan may
   * end. For scans use `Filter.columnPagination`.
   *
   * @example
   * ```ts
   * table.scan({ rowPrefix: 'user-1', filter: Filter.columnCountGet(10) });
   * ```
   */
  columnCountGet(limit: number): Filter {
    return FilterNode.call('ColumnCountGetFilter', [intArgument(limit, 'limit')]);
  },
};
