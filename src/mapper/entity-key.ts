import type { BytesLike } from '../client/bytes';
import type { LeadingParts } from '../codecs/composite';
import type { RowKeyFields } from '../decorators/row-key-fields';

// Compile-time types of keys, changes and counters, derived from the entity type alone, so that a
// repository annotated `Repository<User>` (as NestJS injection points are) types its keys fully.

/**
 * What the entity `E` declares under {@link RowKeyFields} (a field name, or a tuple of names), or
 * `undefined` when it declares nothing.
 */
export type DeclaredKeyFields<E> = typeof RowKeyFields extends keyof E
  ? Exclude<E[typeof RowKeyFields], undefined>
  : undefined;

/**
 * The names of an entity's key fields, as declared with {@link RowKeyFields}; `never` when the
 * entity does not declare them.
 */
export type KeyFieldName<E> = [DeclaredKeyFields<E>] extends [keyof E & string]
  ? DeclaredKeyFields<E>
  : [DeclaredKeyFields<E>] extends [readonly (keyof E & string)[]]
    ? DeclaredKeyFields<E>[number]
    : never;

/**
 * A key as an object holding every listed key field of `E`: a plain object of just those fields,
 * or an entity.
 */
export type KeyObject<E, Names extends keyof E> = { readonly [P in Names]: NonNullable<E[P]> };

/** A composite key of `E` as a tuple of its parts, in part order (`Names` lists the key fields). */
export type KeyTuple<E, Names extends readonly (keyof E)[]> = {
  readonly [I in keyof Names]: NonNullable<E[Names[I]]>;
};

/**
 * A row key of the entity `E`, as repositories take it.
 *
 * When `E` declares its key fields with {@link RowKeyFields}, keys are typed by them:
 * - a single-field key: the field's value (`'ada'`), or an object with that field (an entity);
 * - a composite key: an object with every key field (`{ userId: 'ada', at: 17n }`, or an entity),
 *   or a tuple of the parts in part order (`['ada', 17n]`).
 *
 * Otherwise keys are checked loosely (the mapper still validates them at run time): the value of
 * one of the entity's fields, an object of its fields, or a tuple.
 */
export type KeyInput<E> = [DeclaredKeyFields<E>] extends [keyof E & string]
  ? NonNullable<E[DeclaredKeyFields<E>]> | KeyObject<E, DeclaredKeyFields<E>>
  : [DeclaredKeyFields<E>] extends [readonly [keyof E & string]]
    ? NonNullable<E[DeclaredKeyFields<E>[0]]> | KeyObject<E, DeclaredKeyFields<E>[0]>
    : [DeclaredKeyFields<E>] extends [readonly (keyof E & string)[]]
      ? KeyObject<E, DeclaredKeyFields<E>[number]> | KeyTuple<E, DeclaredKeyFields<E>>
      : UndeclaredKey<E>;

/**
 * A key of an entity that does not declare its key fields with {@link RowKeyFields}: the value of
 * one of its fields, an object of its fields, or a tuple (the mapper validates it at run time).
 */
export type UndeclaredKey<E> =
  | Extract<NonNullable<E[keyof E]>, string | number | bigint | boolean | Date | Uint8Array>
  | Partial<E>
  | readonly unknown[];

/**
 * What `prefix` takes in a repository's scans: for a composite key declared with
 * {@link RowKeyFields}, an object of its leading key fields in part order (`{ userId: 'ada' }`);
 * for a single-field key, raw bytes the encoded keys start with (for `utf8` keys, a string);
 * without a declaration, either.
 */
export type KeyPrefix<E> = [DeclaredKeyFields<E>] extends [keyof E & string]
  ? BytesLike
  : [DeclaredKeyFields<E>] extends [readonly [keyof E & string]]
    ? BytesLike
    : [DeclaredKeyFields<E>] extends [readonly (keyof E & string)[]]
      ? Exclude<LeadingParts<DeclaredKeyFields<E>>, readonly []> extends infer S
        ? S extends readonly (keyof E)[]
          ? KeyObject<E, S[number]>
          : never
        : never
      : Partial<E> | BytesLike;

/**
 * The changes `Repository.update` takes: any mapped field but the key fields (a row's key cannot
 * change), where `undefined` (or leaving the field out) keeps the cell and `null` deletes it.
 */
export type EntityChanges<E> = {
  [P in keyof E as P extends KeyFieldName<E> ? never : P extends string ? P : never]?: E[P] | null;
};

/**
 * The fields `Repository.increment` takes: the entity's fields typed `bigint` (what `@Counter`
 * requires), key fields aside. A bigint field mapped with `@Column` compiles too, and is rejected
 * at run time with an `InvalidArgumentError`: decorators cannot change a class's type, so the
 * compiler cannot tell a counter from another bigint field.
 */
export type CounterField<E> = {
  [P in keyof E]-?: [NonNullable<E[P]>] extends [never]
    ? never
    : [NonNullable<E[P]>] extends [bigint]
      ? P extends KeyFieldName<E>
        ? never
        : P
      : never;
}[keyof E] &
  string;
