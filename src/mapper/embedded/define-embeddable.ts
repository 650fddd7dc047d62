import { InvalidArgumentError } from '../../client/errors';
import type { EmbeddableClass, EmbeddedFieldOptions } from '../../decorators/embedded';
import { type ColumnOptions, ensureRecord, type RecordedField } from '../../decorators/metadata-store';

/** A value-object class declared without decorators: what `@Column` and `@Embedded` record. */
export interface EmbeddableSchema<V> {
  /** Fields mapped to cells. */
  columns?: { [P in keyof V & string]?: ColumnOptions };
  /** Nested value objects. */
  embedded?: { [P in keyof V & string]?: EmbeddedFieldOptions };
}

/**
 * Declares the columns of a value-object class without decorators (for JavaScript, or toolchains
 * without decorator support), for an entity's `@Embedded` field or `defineEntity`'s `embedded`
 * group. Validated when the embedding entity is first used, like a decorated class.
 *
 * @example
 * ```ts
 * class Address { street?: string; city?: string }
 * defineEmbeddable(Address, {
 *   columns: { street: { family: 'addr', codec: utf8 }, city: { family: 'addr', codec: utf8 } },
 * });
 * ```
 */
export function defineEmbeddable<V>(target: EmbeddableClass<V>, schema: EmbeddableSchema<V>): void {
  if (typeof target !== 'function') throw new InvalidArgumentError('target', 'a class', target);
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new InvalidArgumentError('schema', 'an object ({ columns, embedded })', schema);
  }
  const record = ensureRecord(target);
  const add = (kind: 'column' | 'embedded', group: string, entries: object | undefined) => {
    if (
      entries !== undefined &&
      (typeof entries !== 'object' || entries === null || Array.isArray(entries))
    ) {
      throw new InvalidArgumentError(`schema.${group}`, 'an object of fields to their options', entries);
    }
    for (const [property, options] of Object.entries(entries ?? {})) {
      record.fields.push({ property, kind, options, designType: undefined } as RecordedField);
    }
  };
  add('column', 'columns', schema.columns);
  add('embedded', 'embedded', schema.embedded);
}
