import { type Comparator, comparisonArguments, type OperatorFor } from './comparator';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** @internal The `CompareFilter`s (one part of a cell against a comparator), gathered into `Filter`. */
export const compareFilterFactories = {
  /**
   * `RowFilter`: keeps the rows whose key compares as asked.
   *
   * @example
   * ```ts
   * Filter.row('>=', Filter.binary('user-500'));
   * Filter.row('=', Filter.regex('^user-[0-9]{3}$'));
   * ```
   */
  row<C extends Comparator>(operator: OperatorFor<C>, comparator: C): Filter {
    return FilterNode.call('RowFilter', comparisonArguments(operator, comparator));
  },

  /**
   * `FamilyFilter`: keeps the cells whose column family compares as asked. (To read whole families,
   * the `columns` scan option is cheaper.)
   *
   * @example
   * ```ts
   * Filter.family('!=', Filter.binary('audit'));
   * ```
   */
  family<C extends Comparator>(operator: OperatorFor<C>, comparator: C): Filter {
    return FilterNode.call('FamilyFilter', comparisonArguments(operator, comparator));
  },

  /**
   * `QualifierFilter`: keeps the cells whose qualifier compares as asked, in every family.
   *
   * @example
   * ```ts
   * Filter.qualifier('=', Filter.binaryPrefix('tag-'));
   * ```
   */
  qualifier<C extends Comparator>(operator: OperatorFor<C>, comparator: C): Filter {
    return FilterNode.call('QualifierFilter', comparisonArguments(operator, comparator));
  },

  /**
   * `ValueFilter`: keeps the cells whose value compares as asked. Cells, not rows: a row comes
   * back with only its matching cells (see `Filter.singleColumnValue` to select whole rows,
   * `Filter.skip` to drop rows with any non-matching cell).
   *
   * @example
   * ```ts
   * Filter.value('=', Filter.binary('pro'));
   * ```
   */
  value<C extends Comparator>(operator: OperatorFor<C>, comparator: C): Filter {
    return FilterNode.call('ValueFilter', comparisonArguments(operator, comparator));
  },
};
