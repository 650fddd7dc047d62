import { type BytesLike, toBytes } from '../bytes';
import { InvalidArgumentError } from '../errors';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** @internal The operators of the filter language and the raw escape hatch, gathered into `Filter`. */
export const combinatorFactories = {
  /**
   * Keeps what every filter keeps (a `FilterList` with `MUST_PASS_ALL`). Operands are
   * parenthesized as needed, so the result never depends on operator precedence; nested ANDs are
   * flattened into one list. One filter is returned as it is.
   *
   * @example
   * ```ts
   * Filter.and(Filter.prefix('user-'), Filter.keyOnly()).toString();
   * // "PrefixFilter('user-') AND KeyOnlyFilter()"
   * ```
   */
  and(...filters: Filter[]): Filter {
    return FilterNode.list('and', filters, 'filters');
  },

  /**
   * Keeps what any filter keeps (a `FilterList` with `MUST_PASS_ONE`). Operands are parenthesized
   * as needed; nested ORs are flattened into one list. One filter is returned as it is.
   *
   * @example
   * ```ts
   * Filter.or(Filter.prefix('a'), Filter.prefix('b').and(Filter.keyOnly())).toString();
   * // "PrefixFilter('a') OR (PrefixFilter('b') AND KeyOnlyFilter())"
   * ```
   */
  or(...filters: Filter[]): Filter {
    return FilterNode.list('or', filters, 'filters');
  },

  /**
   * `SKIP filter` (a `SkipFilter`): drops a whole row as soon as `filter` drops any one of its
   * cells. Meant for cell filters such as `Filter.value`: "rows none of whose values is 0".
   *
   * @example
   * ```ts
   * Filter.skip(Filter.value('!=', Filter.binary('0'))).toString();
   * // "SKIP ValueFilter(!=, 'binary:0')"
   * ```
   */
  skip(filter: Filter): Filter {
    return FilterNode.unary('skip', filter, 'filter');
  },

  /**
   * `WHILE filter` (a `WhileMatchFilter`): ends the whole scan at the first row or cell `filter`
   * drops — unlike `filter` alone, which would go on to later rows.
   *
   * @example
   * ```ts
   * // rows up to (excluding) the first one holding a "stop" value, then nothing more
   * Filter.while(Filter.value('!=', Filter.binary('stop')));
   * ```
   */
  while(filter: Filter): Filter {
    return FilterNode.unary('while', filter, 'filter');
  },

  /**
   * A filter string written by hand, for what the factories do not cover (a filter registered on
   * the gateway with `ParseFilter.registerFilter`, say). It is sent as it is and parenthesized
   * when combined. Write any mix of operators with full parentheses: the gateway's parser fails
   * on a group such as `(A OR B AND C)`.
   *
   * The expression is filter code: never build it by pasting user input in, which can close a
   * quote and rewrite the filter (`x') OR PrefixFilter('` turns a prefix filter into "every
   * row"). Quote each literal with `Filter.quote`, or use the factories, which quote their
   * arguments.
   *
   * @example
   * ```ts
   * Filter.raw("MyCustomFilter('x')").and(Filter.keyOnly());
   * const input = "it's"; // user input, as one literal argument:
   * Filter.raw(`MyCustomFilter(${Filter.quote(input)})`);
   * ```
   */
  raw(expression: BytesLike): Filter {
    const bytes = toBytes(expression, 'expression');
    if (bytes.toString('latin1').trim() === '') {
      throw new InvalidArgumentError('expression', 'a non-empty filter string', expression);
    }
    return FilterNode.raw(bytes);
  },

  /** Whether a value is a {@link Filter} built by these factories (and not a filter string). */
  isFilter(value: unknown): value is Filter {
    return value instanceof FilterNode;
  },
};
