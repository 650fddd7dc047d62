import { InvalidArgumentError } from '../../client/errors';

/** The operators of a {@link FieldCondition}. */
export type ConditionOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'in'
  | 'exists'
  | 'missing'
  | 'startsWith';

/** The operators that compare by order: only for fields whose codec preserves order. */
export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte' | 'between';

/**
 * Brands conditions (and groups) of any copy of the library (an ESM and a CJS copy in one
 * process), so that a field's own value that happens to look like one is never taken for one.
 */
const CONDITION = Symbol.for('hbase-mapper.where-condition');

/**
 * A condition on one entity field in a `where` option, built by {@link eq}, {@link ne},
 * {@link gt}, {@link gte}, {@link lt}, {@link lte}, {@link between}, {@link inList},
 * {@link exists}, {@link missing} or {@link startsWith}. Immutable.
 *
 * @typeParam V - The type of the values it compares the field with.
 * @typeParam O - Its operator: what the `where` types check against the field.
 */
export class FieldCondition<V, O extends ConditionOperator = ConditionOperator> {
  /** The operator. */
  readonly op: O;
  /** The operands: none (`exists`, `missing`), two (`between`), the list (`in`), else one. */
  readonly values: readonly V[];

  /** @internal Built by the factories. */
  constructor(op: O, values: readonly V[]) {
    this.op = op;
    this.values = Object.freeze([...values]);
    Object.defineProperty(this, CONDITION, { value: 'field' });
    Object.freeze(this);
  }
}

/** @internal Whether `value` is a condition built by the factories (of any copy of the library). */
export function isFieldCondition(value: unknown): value is FieldCondition<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONDITION] === 'field'
  );
}

/** @internal The brand of `WhereGroup`s (see there). */
export const GROUP_BRAND = CONDITION;

function operand<V>(value: V, op: string, argument: string): V {
  if (value === undefined || value === null) {
    throw new InvalidArgumentError(argument, `a value to compare with (${op})`, value);
  }
  return value;
}

/**
 * The field equals `value` (its encoding by the field's codec is the same bytes). A plain value in
 * a `where` means the same: `{ plan: 'pro' }` is `{ plan: eq('pro') }`. A row without the field
 * does not match.
 */
export function eq<const V>(value: V): FieldCondition<V, 'eq'> {
  return new FieldCondition('eq', [operand(value, 'eq', 'value')]);
}

/**
 * The field does not equal `value`: `not(eq(value))`, so a row **without** the field matches
 * (as it does not hold `value`).
 */
export function ne<const V>(value: V): FieldCondition<V, 'ne'> {
  return new FieldCondition('ne', [operand(value, 'ne', 'value')]);
}

/** The field is greater than `value` (order-preserving codecs only). A missing field does not match. */
export function gt<const V>(value: V): FieldCondition<V, 'gt'> {
  return new FieldCondition('gt', [operand(value, 'gt', 'value')]);
}

/** The field is greater than or equal to `value` (order-preserving codecs only). */
export function gte<const V>(value: V): FieldCondition<V, 'gte'> {
  return new FieldCondition('gte', [operand(value, 'gte', 'value')]);
}

/** The field is less than `value` (order-preserving codecs only). A missing field does not match. */
export function lt<const V>(value: V): FieldCondition<V, 'lt'> {
  return new FieldCondition('lt', [operand(value, 'lt', 'value')]);
}

/** The field is less than or equal to `value` (order-preserving codecs only). */
export function lte<const V>(value: V): FieldCondition<V, 'lte'> {
  return new FieldCondition('lte', [operand(value, 'lte', 'value')]);
}

/** The field lies between `low` and `high`, both included (order-preserving codecs only). */
export function between<const V>(low: V, high: V): FieldCondition<V, 'between'> {
  return new FieldCondition('between', [operand(low, 'between', 'low'), operand(high, 'between', 'high')]);
}

/**
 * The field equals one of `values` (a non-empty list; `in` is a keyword, hence the name). A row
 * without the field does not match.
 */
export function inList<const V>(values: readonly V[]): FieldCondition<V, 'in'> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidArgumentError('values', 'a non-empty array of values', values);
  }
  for (const [i, v] of values.entries()) operand(v, 'in', `values[${i}]`);
  return new FieldCondition('in', values);
}

/** The row holds the field's cell (whatever its value). Key fields always exist. */
export function exists(): FieldCondition<never, 'exists'> {
  return new FieldCondition('exists', []);
}

/** The row lacks the field's cell: `not(exists())`. */
export function missing(): FieldCondition<never, 'missing'> {
  return new FieldCondition('missing', []);
}

/**
 * The field starts with `prefix`: for text fields (codecs `utf8`, `utf8Key`) a string, for byte
 * fields (`bytes`) bytes. A missing field does not match.
 */
export function startsWith<const P extends string | Uint8Array>(
  prefix: P,
): FieldCondition<P extends string ? string : Uint8Array, 'startsWith'> {
  if (typeof prefix !== 'string' && !(prefix instanceof Uint8Array)) {
    throw new InvalidArgumentError('prefix', 'a string or bytes', prefix);
  }
  return new FieldCondition('startsWith', [prefix as unknown as P extends string ? string : Uint8Array]);
}
