import type { WhereGroup } from './combinators';
import type { FieldCondition } from './conditions';

/**
 * Declares, for the compiler, which fields of an entity have an order-preserving codec
 * (`sortableInt32`, `sortableInt64`, `sortableFloat64`, `utf8Key`, `fixedString`, `bytes`,
 * `descending(...)`, ...), so that `where` accepts range operators (`gt`, `gte`, `lt`, `lte`,
 * `between`) on those fields only: anywhere else they do not compile. Declare it with `declare`,
 * like `RowKeyFields`: it exists for the compiler only, and the codecs stay what the mapper
 * checks at run time, so keep the two in agreement.
 *
 * Without this declaration, range operators compile on every field whose type can be ordered
 * (number, bigint, string, Date, bytes), and a range on a field whose codec does not preserve
 * order (`int32`: negative numbers sort after positive ones as bytes) is an
 * `InvalidArgumentError` naming the field, raised before anything is sent.
 *
 * @example
 * ```ts
 * class Player {
 *   declare [OrderedFields]?: 'score';
 *   @RowKey({ codec: utf8Key }) id!: string;
 *   @Column({ family: 'p', codec: sortableInt32 }) score?: number;
 *   @Column({ family: 'p', codec: int32 }) level?: number; // gt(...) on it does not compile
 * }
 * ```
 */
export const OrderedFields: unique symbol = Symbol.for('hbase-mapper.ordered-fields');

/** The types a range operator compiles on (when the entity declares no {@link OrderedFields}). */
export type OrderableValue = number | bigint | string | Date | Uint8Array;

/** The value a `where` compares a field of type `F` with: a `@Versions` history compares its newest. */
export type WhereValue<F> =
  NonNullable<F> extends ReadonlyArray<{
    /** One version's value. */
    value: infer V;
  }>
    ? V
    : NonNullable<F>;

/**
 * The fields of `E` a `where` can test: data fields — not methods, nor `Map`s (`@ColumnMap`), nor
 * read-only properties (getters without a setter compute values, they are not mapped: a field
 * declared `readonly` is left out too).
 */
export type WhereFieldName<E> = {
  // Over `keyof E` itself (a homomorphic mapping): `{ [Q in P]: E[P] }` then keeps `readonly`.
  [P in keyof E]-?: NonNullable<E[P]> extends Function | ReadonlyMap<unknown, unknown>
    ? never
    : // The property is the same without `readonly` (the usual test of type equality).
      (<T>() => T extends { [Q in P]: E[P] } ? 1 : 2) extends <T>() => T extends {
          -readonly [Q in P]: E[P];
        }
          ? 1
          : 2
      ? P
      : never;
}[keyof E] &
  string;

/**
 * Whether a field holding `V` is a value object (`@Embedded`): an object that is not a date, bytes,
 * an array (`@Versions` histories) or a map.
 */
export type IsValueObject<V> = [V] extends [
  Date | Uint8Array | ReadonlyArray<unknown> | ReadonlyMap<unknown, unknown>,
]
  ? false
  : [V] extends [object]
    ? true
    : false;

/**
 * What `where` accepts for an `@Embedded` value object `V`: conditions on its fields, all of which
 * must hold (`{ home: { city: 'Paris' } }`, nested value objects as nested objects), or
 * `exists()` / `missing()` on the whole value (any / none of its columns in the row).
 */
export type EmbeddedWhere<V> =
  // A condition is not an object of fields (unless the value object has fields so named).
  | (WhereFields<V> &
      Omit<
        {
          /** Never set: an object with an operator is a condition, not conditions on fields. */
          op?: never;
          /** Never set: an object with operands is a condition, not conditions on fields. */
          values?: never;
        },
        keyof V
      >)
  | FieldCondition<never, 'exists' | 'missing'>;

/** Whether `where` accepts range operators on the field `P` of `E` (see {@link OrderedFields}). */
export type RangeAllowed<E, P> = typeof OrderedFields extends keyof E
  ? P extends NonNullable<E[typeof OrderedFields & keyof E]>
    ? true
    : false
  : [WhereValue<E[P & keyof E]>] extends [OrderableValue]
    ? true
    : false;

/** What `where` accepts for a field holding values of `V`. */
export type ConditionFor<V, Ranged extends boolean> =
  | V
  | FieldCondition<
      V,
      | 'eq'
      | 'ne'
      | 'in'
      | 'exists'
      | 'missing'
      | (Ranged extends true ? 'gt' | 'gte' | 'lt' | 'lte' | 'between' : never)
    >
  | ([V] extends [string] ? FieldCondition<string, 'startsWith'> : never)
  | ([V] extends [Uint8Array] ? FieldCondition<Uint8Array, 'startsWith'> : never);

/**
 * Conditions on fields of `E`, all of which must hold: `{ plan: 'pro', age: gte(18) }`. A plain
 * value means equality. Field names, the operators each field allows and their values' types are
 * checked by the compiler.
 */
export type WhereFields<E> = {
  [P in WhereFieldName<E>]?: IsValueObject<NonNullable<E[P]>> extends true
    ? EmbeddedWhere<NonNullable<E[P]>>
    : ConditionFor<WhereValue<E[P]>, RangeAllowed<E, P>>;
};

/**
 * The `where` option of `Repository.scan`, `count`, `page` and `findFirst`: conditions on fields
 * (see {@link WhereFields}), or a combination of clauses by {@link and}, {@link or}, {@link not}.
 */
export type Where<E> = WhereFields<E> | WhereGroup<Where<E>>;
