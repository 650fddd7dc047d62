import type { CompareOperator } from '../filter/compare-operator';

/**
 * @internal The condition of a `checkAndMutate`: the cell `column` (`family:qualifier`) compared
 * with `value`, the cell on the left (`'<'`: the cell's value sorts before `value`). A null value
 * means "no such cell" (with `'='`) or "the cell exists" (with `'!='`).
 */
export interface CellCheck {
  column: Buffer;
  op: CompareOperator;
  value: Buffer | null;
}
