import type { RowMutations } from '../gateway/row-mutations';

/**
 * A row's writes besides its key and cells, on the Thrift2 wire at most: the `TRowMutations` of a
 * row with puts and deletes (its key and two `TMutation` wrappers), the `TPut` and up to two
 * `TDelete`s (their keys, lists, timestamps, delete types and durabilities) and their stops.
 */
const ROW_OVERHEAD = 96;
/** A `TColumnValue` or `TColumn` besides its family, qualifier and value: headers, lengths, timestamp. */
const CELL_OVERHEAD = 32;

/**
 * @internal An upper bound of a row's share of the Thrift2 calls that write it (`put`,
 * `putMultiple`, `deleteMultiple` or `mutateRow`, binary protocol; compact is never larger): its key
 * goes up to three times (`TRowMutations`, `TPut`, `TDelete`).
 */
export function thrift2RowMutationsSize(row: RowMutations): number {
  let size = ROW_OVERHEAD + 3 * row.row.length;
  for (const mutation of row.mutations) {
    size += CELL_OVERHEAD + mutation.column.length + (mutation.value?.length ?? 0);
  }
  return size;
}
