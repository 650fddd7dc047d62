import type { BytesLike } from '../bytes';
import { longArgument, quotedBytes } from './arguments';
import type { Filter } from './filter';
import { FilterNode } from './filter-node';

/** @internal Filters on row keys and row counts, gathered into `Filter`. */
export const rowFilterFactories = {
  /**
   * `PrefixFilter`: keeps the rows whose key starts with `prefix`. The scan still starts where it
   * was told to: for a plain prefix scan the `rowPrefix` scan option is cheaper (it sets the scan
   * bounds); use this filter inside combinations.
   *
   * @example
   * ```ts
   * table.scan({ filter: Filter.prefix('user-').and(Filter.keyOnly()) });
   * ```
   */
  prefix(prefix: BytesLike): Filter {
    return FilterNode.call('PrefixFilter', [quotedBytes(prefix, 'prefix')]);
  },

  /**
   * `InclusiveStopFilter`: ends the scan after the row `stopRow` — an inclusive stop, where the
   * `rowStop` scan option is exclusive.
   *
   * @example
   * ```ts
   * table.scan({ rowStart: 'a', filter: Filter.inclusiveStop('m') }); // a … m, m included
   * ```
   */
  inclusiveStop(stopRow: BytesLike): Filter {
    return FilterNode.call('InclusiveStopFilter', [quotedBytes(stopRow, 'stopRow')]);
  },

  /**
   * `PageFilter`: at most `pageSize` rows **per region** — each region server applies it on its
   * own, so a scan over several regions may return more. Use the `limit` scan option for an exact
   * total; this filter saves server work inside each region.
   *
   * @example
   * ```ts
   * table.scan({ filter: Filter.page(100), limit: 100 });
   * ```
   */
  page(pageSize: number | bigint): Filter {
    return FilterNode.call('PageFilter', [longArgument(pageSize, 'pageSize')]);
  },
};
