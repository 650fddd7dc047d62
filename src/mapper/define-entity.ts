import type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  EntityOptions,
  RecordedField,
  RowKeyOptions,
  VersionsOptions,
} from '../decorators/metadata-store';
import { ensureRecord } from '../decorators/metadata-store';
import type { EntityClass } from './metadata/entity-metadata';

/** An entity declared without decorators: the same information `@Entity` and friends record. */
export interface EntitySchema<E> extends EntityOptions {
  /** The row-key field(s): one, or several with `part` numbers for a composite key. */
  rowKey: Partial<Record<keyof E & string, RowKeyOptions>>;
  /** Fields mapped to cells. */
  columns?: Partial<Record<keyof E & string, ColumnOptions>>;
  /** Counter fields. */
  counters?: Partial<Record<keyof E & string, CounterOptions>>;
  /** Fields holding cell histories. */
  versions?: Partial<Record<keyof E & string, VersionsOptions>>;
  /** Map fields over a family or qualifier prefix. */
  columnMaps?: Partial<Record<keyof E & string, ColumnMapOptions>>;
}

/**
 * Declares an entity without decorators (for JavaScript, or toolchains without decorator
 * support). It feeds the same metadata as the decorators and is validated the same way.
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
export function defineEntity<E>(target: EntityClass<E>, schema: EntitySchema<E>): void {
  const record = ensureRecord(target);
  record.options = { table: schema.table, families: schema.families };
  const add = <K extends RecordedField['kind']>(kind: K, entries: object | undefined) => {
    for (const [property, options] of Object.entries(entries ?? {})) {
      record.fields.push({ property, kind, options, designType: undefined } as RecordedField);
    }
  };
  add('rowKey', schema.rowKey);
  add('column', schema.columns);
  add('counter', schema.counters);
  add('versions', schema.versions);
  add('columnMap', schema.columnMaps);
}
