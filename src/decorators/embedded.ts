import { fieldDecorator } from './decorator-support';
import type { FieldDecorator } from './field-decorator';

/** A value-object class: built empty (`new Address()`), then filled from its columns. */
export type EmbeddableClass<V = object> = abstract new (...args: never[]) => V;

/**
 * Options of `@Embedded`: where the value object's columns go. Its fields declare their own
 * columns (`@Column({ family: 'addr', codec: utf8 }) street?: string`): these options move them.
 */
export interface EmbeddedOptions {
  /**
   * The family of every column of the value object (nested value objects included), instead of
   * the one each of its fields declares: the same class can then live in several families.
   */
  family?: string;
  /**
   * Put before the qualifier of every column of the value object (`'home_'`: `addr:home_street`),
   * so the same class can be embedded twice in one family. Nested prefixes add up.
   */
  prefix?: string;
}

/**
 * What `@Embedded` records, and what `defineEntity`'s `embedded` group takes: the options and the
 * value-object class.
 */
export interface EmbeddedFieldOptions extends EmbeddedOptions {
  /** Returns the value-object class (a function, so the class may be declared later). */
  target: () => EmbeddableClass;
}

/**
 * Maps a field holding a value object (an `Address`) to several columns: those its class
 * declares with `@Column` (or nested `@Embedded`) on its fields, each with its own codec. The
 * class is given by a function (`() => Address`) so that it may be declared after the entity.
 *
 * Reads build the value object when at least one of its columns is present (each absent column
 * leaves its field undefined) and leave the field undefined when none is. Saves follow the rule of
 * other fields, applied to each column: `undefined` leaves a cell, `null` deletes it; the whole
 * value set to `null` deletes all its columns.
 *
 * @example
 * ```ts
 * class Address {
 *   @Column({ family: 'addr', codec: utf8 }) street?: string;
 *   @Column({ family: 'addr', codec: int32 }) zip?: number;
 * }
 * @Entity({ table: 'customers', families: { addr: {} } })
 * class Customer {
 *   @RowKey({ codec: utf8 }) id!: string;
 *   @Embedded(() => Address) home?: Address; // addr:street, addr:zip
 *   @Embedded(() => Address, { prefix: 'work_' }) work?: Address; // addr:work_street, addr:work_zip
 * }
 * ```
 */
export function Embedded<V extends object>(
  target: () => EmbeddableClass<V>,
  options: EmbeddedOptions = {},
): FieldDecorator<V> {
  return fieldDecorator('Embedded', (property, designType) => ({
    property,
    kind: 'embedded',
    options: { ...options, target },
    designType,
  })) as FieldDecorator<V>;
}
