import type { BytesLike } from '../client/bytes';
import type { RowKeyFields } from '../decorators/row-key-fields';

// Compile-time types of keys, changes and counters, derived from the entity type alone, so that a
// repository annotated `Repository<User>` (as NestJS injection points are) types its keys fully.

/** What an entity declares under {@link RowKeyFields}, or `undefined` when it declares nothing. */
type Declared<E> = typeof RowKeyFields extends keyof E
  ? Exclude<E[typeof RowKeyFields], undefined>
  : undefined;

/**
 * The names of an entity's key fields, as declared with {@link RowKeyFields}; `never` when the
 * entity does not declare them.
 */
export type KeyFieldName<E> = [Declared<E>] extends [keyof E & string]
  ? Declared<E>
  : [Declared<E>] extends [readonly (keyof E & string)[]]
    ? Declared<E>[number]
    : never;

/** Values a row key part can have when nothing narrows them (an entity without declared key fields). */
type KeyScalar = string | number | bigint | boolean | Date | Uint8Array;

/** An object holding every listed key field (an entity, or a plain object of just those fields). */
type KeyObject<E, Names extends keyof E> = { readonly [P in Names]: NonNullable<E[P]> };

/** The parts of a composite key as a tuple, in part order. */
type KeyTuple<E, Names extends readonly (keyof E)[]> = {
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
export type KeyInput<E> = [Declared<E>] extends [keyof E & string]
  ? NonNullable<E[Declared<E>]> | KeyObject<E, Declared<E>>
  : [Declared<E>] extends [readonly [keyof E & string]]
    ? NonNullable<E[Declared<E>[0]]> | KeyObject<E, Declared<E>[0]>
    : [Declared<E>] extends [readonly (keyof E & string)[]]
      ? KeyObject<E, Declared<E>[number]> | KeyTuple<E, Declared<E>>
      : LooseKey<E>;

/** A key of an entity without declared key fields: what the run-time checks accept, narrowed to E's field types. */
type LooseKey<E> = Extract<NonNullable<E[keyof E]>, KeyScalar> | Partial<E> | readonly unknown[];

/** The non-empty leading slices of a tuple: `[A, B]` gives `[A] | [A, B]`. */
type LeadingSlices<T extends readonly unknown[]> = T extends readonly [...infer Init, unknown]
  ? T | (Init extends readonly [] ? never : LeadingSlices<Init>)
  : never;

/**
 * What `prefix` takes in a repository's scans: for a composite key declared with
 * {@link RowKeyFields}, an object of its leading key fields in part order (`{ userId: 'ada' }`);
 * for a single-field key, raw bytes the encoded keys start with (for `utf8` keys, a string);
 * without a declaration, either.
 */
export type KeyPrefix<E> = [Declared<E>] extends [keyof E & string]
  ? BytesLike
  : [Declared<E>] extends [readonly [keyof E & string]]
    ? BytesLike
    : [Declared<E>] extends [readonly (keyof E & string)[]]
      ? LeadingSlices<Declared<E>> extends infer S
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
