/**
 * How a field's declared type must relate to what its decorator maps it to:
 * - `value`: the field holds a codec's value (`@RowKey`, `@Column`);
 * - `versions`: an array of `{ value, timestamp? }` whose `value` is the codec's (`@Versions`);
 * - `map`: a `Map<string, V>` whose values are the codec's (`@ColumnMap`);
 * - `counter`: a `bigint` (`@Counter`).
 */
export type FieldShape = 'value' | 'versions' | 'map' | 'counter';

/**
 * Whether a codec of `T` suits a field of type `F` (`true` or `false`): one of the two types must
 * be assignable to the other. This rejects a codec of another type (`int32` on a string field, `int64` on a number
 * field) and still lets a field narrow what the codec reads (a `'admin' | 'user'` field with
 * `utf8`, a branded id type): the mapper trusts that what was written is what is read back.
 */
export type CodecFitsField<F, T> = [T] extends [F] ? true : [NonNullable<F>] extends [T] ? true : false;

/**
 * Whether a field of type `F` suits the shape `S` with a codec of `T` (`true` or `false`): see
 * {@link FieldShape} and {@link CodecFitsField}.
 */
export type FieldFits<F, T, S extends FieldShape> = S extends 'counter'
  ? [NonNullable<F>] extends [bigint]
    ? true
    : false
  : S extends 'versions'
    ? [NonNullable<F>] extends [
        ReadonlyArray<{
          /** One version's value. */
          value: infer V;
        }>,
      ]
      ? CodecFitsField<V, T>
      : CodecFitsField<F, unknown[]>
    : S extends 'map'
      ? [NonNullable<F>] extends [ReadonlyMap<string, infer V>]
        ? CodecFitsField<V, T>
        : CodecFitsField<F, Map<string, unknown>>
      : CodecFitsField<F, T>;

/**
 * What a compiler error shows when a decorator does not suit its field: the property name below
 * is the message, `codec` the type the decorator maps and `field` the field's declared type.
 */
export interface FieldTypeMismatch<T, F> {
  /** Present only in compiler errors: no value ever has this property. */
  "the field's type does not fit its decorator (see the codec and field types)": {
    /** The type the codec reads and writes (`bigint` for a counter). */
    codec: T;
    /** The field's declared type. */
    field: F;
  };
}

/**
 * How decorators and `defineEntity` check a field of type `F` mapped with the shape `S` and a codec
 * of `T`: `unknown` (no constraint) when it fits, else a {@link FieldTypeMismatch} the field cannot
 * satisfy, which makes the compiler report it.
 */
export type FieldCheck<F, T, S extends FieldShape> =
  FieldFits<F, T, S> extends true ? unknown : FieldTypeMismatch<S extends 'counter' ? bigint : T, F>;

/**
 * The decorator `@RowKey`, `@Column`, `@Counter`, `@Versions` and `@ColumnMap` return. It works
 * with both of TypeScript's decorator modes, and in both the compiler checks the field's type
 * against the decorator: the codec's value type `T` (see {@link FieldShape}), or `bigint` for a
 * counter. A mismatch is a compile error that mentions {@link FieldTypeMismatch}.
 *
 * @typeParam T - The value type of the decorator's codec (`unknown` when no codec is given).
 * @typeParam S - How the field holds values of `T`.
 */
export interface FieldDecorator<T = unknown, S extends FieldShape = 'value'> {
  /** Standard (TC39) decorators on a field: the context carries the field's type. */
  <This, F>(target: undefined, context: ClassFieldDecoratorContext<This, F> & FieldCheck<F, T, S>): void;
  /** Standard (TC39) decorators on an `accessor` field. */
  <This, F>(
    target: ClassAccessorDecoratorTarget<This, F>,
    context: ClassAccessorDecoratorContext<This, F> & FieldCheck<F, T, S>,
  ): void;
  /**
   * `experimentalDecorators`: called with the prototype and the property name, so the field's
   * type is `This[P]` (a `private` field is not in `keyof This`: its type cannot be checked).
   */
  <This extends object, P extends string>(
    target: This & (P extends keyof This ? FieldCheck<This[P], T, S> : unknown),
    property: P,
  ): void;
}
