import type { BytesLike } from '../bytes';
import { InvalidArgumentError } from '../errors';
import { requireOptions } from '../validate';
import { booleanArgument, quotedBytes, quotedNonEmptyBytes } from './arguments';
import { type Comparator, comparisonArguments, type OperatorFor } from './comparator';
import type { CompareOperator } from './compare-operator';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** Options of `Filter.singleColumnValue` and `Filter.singleColumnValueExclude`. */
export interface SingleColumnValueOptions {
  /** Drop the rows that lack the column. Default `false`: such rows are kept. */
  filterIfMissing?: boolean;
  /**
   * Test only the newest version of the column. Default `true`; with `false` a row passes when any
   * stored version matches.
   */
  latestVersionOnly?: boolean;
}

/** Options of `Filter.dependentColumn`. */
export interface DependentColumnOptions {
  /** Leave the reference column itself out of the results. Default `false`. */
  dropDependentColumn?: boolean;
  /** With `comparator`: only reference cells whose value compares so count. */
  operator?: CompareOperator;
  /** With `operator`: what the reference cell's value is compared against. */
  comparator?: Comparator;
}

const SCV_OPTIONS = ['filterIfMissing', 'latestVersionOnly'] as const;

/** Arguments shared by the three filters that test one column's value. */
function columnValueArguments(
  family: unknown,
  qualifier: unknown,
  operator: unknown,
  comparator: unknown,
): Buffer[] {
  return [
    quotedNonEmptyBytes(family, 'family'),
    quotedBytes(qualifier, 'qualifier'),
    ...comparisonArguments(operator, comparator),
  ];
}

function singleColumnValue(
  name: string,
  family: unknown,
  qualifier: unknown,
  operator: unknown,
  comparator: unknown,
  options: unknown,
): Filter {
  const args = columnValueArguments(family, qualifier, operator, comparator);
  const o = requireOptions(options, 'options', SCV_OPTIONS);
  if (o.filterIfMissing !== undefined || o.latestVersionOnly !== undefined) {
    // HBase takes both flags or neither: fill in its defaults for the one not given.
    args.push(
      booleanArgument(o.filterIfMissing ?? false, 'options.filterIfMissing'),
      booleanArgument(o.latestVersionOnly ?? true, 'options.latestVersionOnly'),
    );
  }
  return FilterNode.call(name, args);
}

/** @internal Filters that test the value of one given column, gathered into `Filter`. */
export const columnValueFilterFactories = {
  /**
   * `SingleColumnValueFilter`: keeps whole rows by the value of one column — the usual "WHERE
   * column = value". Rows lacking the column are kept unless `filterIfMissing` is set.
   *
   * @example
   * ```ts
   * Filter.singleColumnValue('info', 'plan', '=', Filter.binary('pro'), { filterIfMissing: true });
   * // "SingleColumnValueFilter('info', 'plan', =, 'binary:pro', true, true)"
   * ```
   */
  singleColumnValue<C extends Comparator>(
    family: BytesLike,
    qualifier: BytesLike,
    operator: OperatorFor<C>,
    comparator: C,
    options?: SingleColumnValueOptions,
  ): Filter {
    return singleColumnValue('SingleColumnValueFilter', family, qualifier, operator, comparator, options);
  },

  /**
   * `SingleColumnValueExcludeFilter`: like `Filter.singleColumnValue`, but the tested
   * column is left out of the returned rows.
   *
   * @example
   * ```ts
   * Filter.singleColumnValueExclude('meta', 'deleted', '!=', Filter.binary('1'));
   * ```
   */
  singleColumnValueExclude<C extends Comparator>(
    family: BytesLike,
    qualifier: BytesLike,
    operator: OperatorFor<C>,
    comparator: C,
    options?: SingleColumnValueOptions,
  ): Filter {
    return singleColumnValue(
      'SingleColumnValueExcludeFilter',
      family,
      qualifier,
      operator,
      comparator,
      options,
    );
  },

  /**
   * `ColumnValueFilter` (HBase >= 2.0): returns only the matching cells of one column — not
   * their rows' other cells, unlike `Filter.singleColumnValue`.
   *
   * @example
   * ```ts
   * Filter.columnValue('info', 'plan', '=', Filter.binary('pro'));
   * ```
   */
  columnValue<C extends Comparator>(
    family: BytesLike,
    qualifier: BytesLike,
    operator: OperatorFor<C>,
    comparator: C,
  ): Filter {
    return FilterNode.call(
      'ColumnValueFilter',
      columnValueArguments(family, qualifier, operator, comparator),
    );
  },

  /**
   * `DependentColumnFilter`: per row, keeps only the cells written at the same timestamp as a
   * reference column's cells (optionally only those reference cells whose value compares as
   * asked); rows without the reference column come back empty, so they are not returned. It
   * filters whole rows, so it cannot be combined with the `scanBatching` scan option.
   *
   * @example
   * ```ts
   * Filter.dependentColumn('meta', 'version', { dropDependentColumn: true });
   * ```
   */
  dependentColumn(family: BytesLike, qualifier: BytesLike, options?: DependentColumnOptions): Filter {
    const args = [quotedNonEmptyBytes(family, 'family'), quotedBytes(qualifier, 'qualifier')];
    const o = requireOptions(options, 'options', ['dropDependentColumn', 'operator', 'comparator']);
    if ((o.operator === undefined) !== (o.comparator === undefined)) {
      const missing = o.operator === undefined ? 'options.operator' : 'options.comparator';
      throw new InvalidArgumentError(missing, 'operator and comparator given together', undefined);
    }
    const drop = o.dropDependentColumn;
    if (o.operator !== undefined) {
      args.push(
        booleanArgument(drop ?? false, 'options.dropDependentColumn'),
        ...comparisonArguments(o.operator, o.comparator, 'options.operator', 'options.comparator'),
      );
    } else if (drop !== undefined) {
      args.push(booleanArgument(drop, 'options.dropDependentColumn'));
    }
    return FilterNode.call('DependentColumnFilter', args);
  },
};
