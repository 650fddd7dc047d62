import { InvalidArgumentError } from '../errors';
import { requireOptions } from '../validate';
import { booleanArgument, longArgument } from './arguments';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** Options of `Filter.keyOnly`. */
export interface KeyOnlyOptions {
  /**
   * Replace each value by its length (4 bytes, big-endian signed int) instead of an empty value.
   * Default `false`.
   */
  lengthAsValue?: boolean;
}

/** @internal Filters that shape or select cells whatever their content, gathered into `Filter`. */
export const cellFilterFactories = {
  /**
   * `KeyOnlyFilter`: returns every cell with an empty value (or its length, with
   * `lengthAsValue`), to list keys and columns without transferring values.
   *
   * @example
   * ```ts
   * Filter.keyOnly().toString(); // "KeyOnlyFilter()"
   * Filter.keyOnly({ lengthAsValue: true }).toString(); // "KeyOnlyFilter(true)"
   * ```
   */
  keyOnly(options?: KeyOnlyOptions): Filter {
    const o = requireOptions(options, 'options', ['lengthAsValue']);
    if (o.lengthAsValue === undefined) return FilterNode.call('KeyOnlyFilter', []);
    return FilterNode.call('KeyOnlyFilter', [booleanArgument(o.lengthAsValue, 'options.lengthAsValue')]);
  },

  /**
   * `FirstKeyOnlyFilter`: returns only the first cell of each row (the smallest family, then
   * qualifier). With `Filter.keyOnly`, the cheapest way to list row keys.
   *
   * @example
   * ```ts
   * Filter.firstKeyOnly().and(Filter.keyOnly());
   * ```
   */
  firstKeyOnly(): Filter {
    return FilterNode.call('FirstKeyOnlyFilter', []);
  },

  /**
   * `TimestampsFilter`: keeps only the cell versions written at exactly one of these timestamps
   * (milliseconds). A scan then returns, per column, the newest version among them.
   *
   * @example
   * ```ts
   * Filter.timestamps([1700000000000, 1700000360000]);
   * ```
   */
  timestamps(timestamps: readonly (number | bigint)[]): Filter {
    if (!Array.isArray(timestamps) || timestamps.length === 0) {
      // An empty list is valid in HBase but keeps nothing at all: most likely a caller's bug.
      throw new InvalidArgumentError('timestamps', 'a non-empty array of timestamps', timestamps);
    }
    const args = timestamps.map((t, i) => longArgument(t, `timestamps[${i}]`));
    return FilterNode.call('TimestampsFilter', args);
  },
};
