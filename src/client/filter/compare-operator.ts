import { requireOneOf } from '../validate';

/**
 * A compare operator of HBase's filter language. The cell part (row key, family, qualifier or
 * value) is on the left: `Filter.row('<', Filter.binary('m'))` keeps the rows whose key sorts
 * before `m`. Byte comparisons are unsigned and lexicographic.
 */
export type CompareOperator = '<' | '<=' | '=' | '!=' | '>' | '>=';

/**
 * The operators that `Filter.regex` and `Filter.substring` comparators allow: they
 * only tell "matches" from "does not match", and HBase rejects any ordering operator with them.
 */
export type EqualityOperator = '=' | '!=';

/** @internal Every operator, in the order error messages list them. */
export const COMPARE_OPERATORS: readonly CompareOperator[] = ['<', '<=', '=', '!=', '>', '>='];

/** @internal Validates an operator; it is written bare into the filter string. */
export function operatorArgument(value: unknown, argument: string): Buffer {
  return Buffer.from(requireOneOf(value, argument, COMPARE_OPERATORS));
}
