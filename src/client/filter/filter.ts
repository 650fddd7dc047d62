import { cellFilterFactories } from './cell-filters';
import { columnFilterFactories } from './column-filters';
import { columnValueFilterFactories } from './column-value-filters';
import { combinatorFactories } from './combinators';
import { comparatorFactories } from './comparator';
import { compareFilterFactories } from './compare-filters';
import { escapingFactories } from './escaping';
import { rowFilterFactories } from './row-filters';

/**
 * A filter in HBase's filter language, the `filter` scan option: built by the `Filter` factories,
 * immutable, and combined with `and` / `or` (which return new filters).
 *
 * The filter string is kept as bytes, so binary operands (row keys, values) are sent exactly;
 * arguments are validated when the filter is built, before anything is sent.
 *
 * Patterns and hand-written filter strings are code, not data: user input placed in
 * `Filter.regex(pattern)`, in `Filter.raw(expression)` or in a `filter` string widens what a scan
 * returns (`.*` matches every row; `x') OR PrefixFilter('` undoes a prefix). Pass user input as
 * the argument of a factory (`Filter.prefix`, `Filter.binary`, `Filter.substring`: always literal),
 * or make it literal with `Filter.escapeRegex` (in a pattern) or `Filter.quote` (in a string).
 *
 * Filters that decide on whole rows — `singleColumnValue`, `singleColumnValueExclude`,
 * `dependentColumn`, `page`, `skip`, `while`, and combinations holding one — cannot be used with
 * the `scanBatching` scan option: HBase refuses the scan.
 *
 * ### Examples
 *
 * ```ts
 * import { Filter } from 'hbase-mapper';
 *
 * const proUsers = Filter.prefix('user-').and(
 *   Filter.singleColumnValue('info', 'plan', '=', Filter.binary('pro'), { filterIfMissing: true }),
 * );
 * proUsers.toString();
 * // "PrefixFilter('user-') AND SingleColumnValueFilter('info', 'plan', =, 'binary:pro', true, true)"
 * for await (const [key, data] of table.scan({ filter: proUsers })) console.log(key, data);
 * ```
 */
export interface Filter {
  /**
   * Keeps what this filter and all `others` keep: `this AND others…`, parenthesized as needed.
   *
   * @example
   * ```ts
   * Filter.prefix('a').and(Filter.keyOnly(), Filter.page(10));
   * ```
   */
  and(...others: Filter[]): Filter;

  /**
   * Keeps what this filter or any of `others` keeps: `this OR others…`, parenthesized as needed.
   *
   * @example
   * ```ts
   * Filter.prefix('a').or(Filter.prefix('b')).and(Filter.keyOnly()).toString();
   * // "(PrefixFilter('a') OR PrefixFilter('b')) AND KeyOnlyFilter()"
   * ```
   */
  or(...others: Filter[]): Filter;

  /** The filter string's bytes, exact (binary operands included); a fresh copy on each call. */
  toBuffer(): Buffer;

  /**
   * The filter string decoded as UTF-8, for logs and tests. Binary operands that are not valid
   * UTF-8 show as U+FFFD: send `Filter.toBuffer`, not this.
   */
  toString(): string;
}

/**
 * The factories of {@link Filter}s and comparators, one per filter of HBase's filter language
 * (the names drop the `Filter` suffix: `PrefixFilter` is `Filter.prefix`), and the operators
 * `and`, `or`, `skip`, `while`. Every byte argument takes `string | Buffer | Uint8Array`
 * (strings as UTF-8).
 *
 * @example
 * ```ts
 * Filter.or(
 *   Filter.row('<', Filter.binary('m')),
 *   Filter.skip(Filter.value('!=', Filter.binary(Buffer.from([0x00])))),
 * ).toString();
 * // "RowFilter(<, 'binary:m') OR (SKIP ValueFilter(!=, 'binary:\u0000'))"
 * ```
 */
export const Filter = Object.freeze({
  ...comparatorFactories,
  ...rowFilterFactories,
  ...compareFilterFactories,
  ...columnFilterFactories,
  ...columnValueFilterFactories,
  ...cellFilterFactories,
  ...combinatorFactories,
  ...escapingFactories,
});
