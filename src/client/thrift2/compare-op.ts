import type { CompareOperator } from '../filter/compare-operator';
import { TCompareOp } from './generated/hbase_types';

/**
 * @internal Our operators put the cell on the left (`'<'`: the cell's value sorts before the value
 * given), as in the filter language. HBase's checkAndMutate compares the other way round — the
 * value given with the cell's (`LESS`: the value given sorts before the cell's) — so each operator
 * goes as its mirror image.
 */
export const MIRRORED_COMPARE_OP: Readonly<Record<CompareOperator, TCompareOp>> = {
  '<': TCompareOp.GREATER,
  '<=': TCompareOp.GREATER_OR_EQUAL,
  '=': TCompareOp.EQUAL,
  '!=': TCompareOp.NOT_EQUAL,
  '>': TCompareOp.LESS,
  '>=': TCompareOp.LESS_OR_EQUAL,
};
