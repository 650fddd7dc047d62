import { InvalidArgumentError } from '../client/errors';
import type { CodecValue } from '../codecs/codec-types';
import type { EmbeddedFieldOptions } from '../decorators/embedded';
import type { FieldCheck, FieldShape } from '../decorators/field-decorator';
import type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  EntityOptions,
  RecordedField,
  RowKeyOptions,
  VersionColumnOptions,
  VersionsOptions,
} from '../decorators/metadata-store';
import { ensureRecord } from '../decorators/metadata-store';
import type { CounterField } from './entity-key';
import type { EntityClass } from './metadata/entity-metadata';

/** An entity declared without decorators: the same information `@Entity` and friends record. */
export interface EntitySchema<E> extends EntityOptions {
  /** The row-key field(s): one, or several with `part` numbers for a composite key. */
  rowKey: { [P in keyof E & string]?: RowKeyOptions };
  /** Fields mapped to cells. */
  columns?: { [P in keyof E & string]?: ColumnOptions };
  /** Counter fields (typed bigint). */
  counters?: { [P in CounterField<E>]?: CounterOptions };
  /** The version field, for optimistic locking (a number; see `@VersionColumn`): at most one. */
  versionColumn?: { [P in keyof E & string]?: VersionColumnOptions };
  /** Fields holding cell histories. */
  versions?: { [P in keyof E & string]?: VersionsOptions };
  /** Map fields over a family or qualifier prefix. */
  columnMaps?: { [P in keyof E & string]?: ColumnMapOptions };
  /** Value-object fields (see `@Embedded`): `{ address: { target: () => Address } }`. */
  embedded?: { [P in keyof E & string]?: EmbeddedFieldOptions };
}

/**
 * The compile-time checks of one group `G` of a schema (`columns`, `counters`, ...) of the entity
 * `E`, as the decorators do them: each entry must name a field of `E` whose type fits its codec's
 * (an entry that does is unconstrained, `unknown`).
 */
export type CheckedSchemaGroup<E, G, S extends FieldShape> = {
  [P in keyof G]: P extends keyof E
    ? G[P] extends {
        /** The entry's codec. */
        codec: infer C;
      }
      ? FieldCheck<E[P], CodecValue<C>, S> extends infer R
        ? unknown extends R
          ? unknown
          : {
              /** The codec, required to satisfy the mismatch (so the compiler reports it). */
              codec: R;
            }
        : never
      : S extends 'counter'
        ? FieldCheck<E[P], bigint, S>
        : unknown
    : { [K in `${P & string} is not a field of the entity`]: never };
};

/**
 * The schema `S` of the entity `E` with the checks of every group applied (what `defineEntity`
 * requires): each entry names a field of `E` whose type fits its codec, counters are bigint fields.
 */
export type CheckedEntitySchema<E, S> = {
  [G in keyof S]: G extends 'rowKey' | 'columns'
    ? CheckedSchemaGroup<E, S[G], 'value'>
    : G extends 'versions'
      ? CheckedSchemaGroup<E, S[G], 'versions'>
      : G extends 'columnMaps'
        ? CheckedSchemaGroup<E, S[G], 'map'>
        : G extends 'counters'
          ? CheckedSchemaGroup<E, S[G], 'counter'>
          : G extends 'versionColumn'
            ? CheckedSchemaGroup<E, S[G], 'value'>
            : unknown;
};

/**
 * Declares an entity without decorators (for JavaScript, or toolchains without decorator
 * support). It feeds the same metadata as the decorators and is validated the same way.
 *
 * The compiler checks the schema as it checks decorators: every entry names a field of the class,
 * each codec fits its field's type, counters are bigint fields. Declare the key fields with
 * `RowKeyFields` on the class for repositories to type their keys.
 *
 * @example
 * ```ts
 * class User { id!: string; name?: string }
 * defineEntity(User, {
 *   table: 'users',
 *   families: { info: {} },
 *   rowKey: { id: { codec: utf8 } },
 *   columns: { name: { family: 'info', codec: utf8 } },
 * });
 * ```
 */
export function defineEntity<E, const S extends EntitySchema<E>>(
  target: EntityClass<E>,
  schema: S & CheckedEntitySchema<E, S>,
): void {
  // Only the shape is checked here; the declaration itself is validated when the entity is first
  // used, like a decorated class (MetadataError naming the property).
  if (typeof target !== 'function') throw new InvalidArgumentError('target', 'a class', target);
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new InvalidArgumentError('schema', 'an object ({ table, families, rowKey, ... })', schema);
  }
  const record = ensureRecord(target);
  record.options = { table: schema.table, families: schema.families };
  if (schema.keyDelimiter !== undefined) record.options.keyDelimiter = schema.keyDelimiter;
  const add = <K extends RecordedField['kind']>(kind: K, entries: object | undefined) => {
    const group = GROUP_NAMES[kind];
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
  add('rowKey', schema.rowKey);
  add('column', schema.columns);
  add('counter', schema.counters);
  add('versionColumn', schema.versionColumn);
  add('versions', schema.versions);
  add('columnMap', schema.columnMaps);
  add('embedded', schema.embedded);
}

/** The schema property that lists each kind of field, for messages. */
const GROUP_NAMES: Record<RecordedField['kind'], string> = {
  rowKey: 'rowKey',
  column: 'columns',
  counter: 'counters',
  versionColumn: 'versionColumn',
  versions: 'versions',
  columnMap: 'columnMaps',
  embedded: 'embedded',
};
