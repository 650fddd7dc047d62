import type { ColumnFamilyOptions } from '../client/column-family';
import type { Codec } from '../codecs/codec';
import type { EmbeddedFieldOptions } from './embedded';

/** Options of `@Entity`. */
export interface EntityOptions {
  /** Table name (the connection's table prefix applies). */
  table: string;
  /** Column families with their settings, as for `createTable`. Every mapped family must be listed. */
  families: Record<string, ColumnFamilyOptions>;
  /**
   * Joins a composite key's parts as text with this separator (`IND#1`), for tables whose keys
   * other tools write so, instead of the order-preserving binary composite. Part codecs then
   * render text (default for string fields: `utf8`) and need not be order-preserving; a part
   * containing the separator is rejected. Keys sort by their text, not by part values: see the
   * `delimited` codec.
   */
  keyDelimiter?: string;
}

/** Options of `@RowKey`; `T` is the value type of the codec. */
export interface RowKeyOptions<T = unknown> {
  /** How the key is encoded. Defaults from the field's type where unambiguous (string: utf8). */
  codec?: Codec<T>;
  /** Position of this field in a composite key (0, 1, ...). Omit for a single-field key. */
  part?: number;
}

/** Options of `@Column`; `T` is the value type of the codec. */
export interface ColumnOptions<T = unknown> {
  /** Column family. */
  family: string;
  /** Qualifier; defaults to the property name. */
  qualifier?: string;
  /** How the value is encoded. Defaults from the field's type where unambiguous. */
  codec?: Codec<T>;
}

/** Options of `@Counter`: an HBase counter cell (8-byte integer), held as a bigint. */
export interface CounterOptions {
  /** Column family. */
  family: string;
  /** Qualifier; defaults to the property name. */
  qualifier?: string;
}

/** Options of `@VersionColumn`: the entity's version, for optimistic locking (an 8-byte integer cell). */
export interface VersionColumnOptions {
  /** Column family. */
  family: string;
  /** Qualifier; defaults to the property name. */
  qualifier?: string;
}

/** Options of `@Versions`: the field holds the cell's history, newest first. */
export interface VersionsOptions<T = unknown> extends ColumnOptions<T> {
  /** How many versions to read (default: all that the family keeps). */
  maxVersions?: number;
}

/** Options of `@ColumnMap`: every qualifier of a family (or of a qualifier prefix) as a Map. */
export interface ColumnMapOptions<T = unknown> {
  /** Column family. */
  family: string;
  /** Only qualifiers starting with this prefix belong to the map; the prefix is stripped from keys. */
  prefix?: string;
  /** How each value is encoded. */
  codec?: Codec<T>;
}

/** @internal What one decorated field declared. */
export type RecordedField =
  | { property: string; kind: 'rowKey'; options: RowKeyOptions; designType: unknown }
  | { property: string; kind: 'column'; options: ColumnOptions; designType: unknown }
  | { property: string; kind: 'counter'; options: CounterOptions; designType: unknown }
  | { property: string; kind: 'versionColumn'; options: VersionColumnOptions; designType: unknown }
  | { property: string; kind: 'versions'; options: VersionsOptions; designType: unknown }
  | { property: string; kind: 'columnMap'; options: ColumnMapOptions; designType: unknown }
  | { property: string; kind: 'embedded'; options: EmbeddedFieldOptions; designType: unknown };

/** @internal What one class declared, before validation. */
export interface RecordedEntity {
  options: EntityOptions | undefined;
  fields: RecordedField[];
}

/**
 * The store lives on `globalThis` under a registered symbol, so that two copies of this library
 * in one process (say, one loaded through `require` and one through `import`) share it.
 */
const STORE_KEY = Symbol.for('hbase-mapper.metadata-store');
type Store = WeakMap<Function, RecordedEntity>;
const globalRecord = globalThis as unknown as Record<symbol, Store | undefined>;
globalRecord[STORE_KEY] ??= new WeakMap();
const store: Store = globalRecord[STORE_KEY];

/** Key under which standard decorators park their fields in `context.metadata`. */
export const PENDING_FIELDS = Symbol.for('hbase-mapper.pending-fields');

/** @internal The entity options a class itself declared, if any. */
export function entityOptionsOf(target: Function): EntityOptions | undefined {
  return store.get(target)?.options;
}

/**
 * @internal The fields a class itself declared (not inherited ones), from either decorator mode:
 * legacy decorators record them here; standard ones leave them in the class's `Symbol.metadata`.
 */
export function ownFieldsOf(target: Function): RecordedField[] {
  const recorded = store.get(target)?.fields ?? [];
  const metadataKey = (Symbol as { metadata?: symbol }).metadata;
  const metadata = metadataKey ? (target as unknown as Record<symbol, unknown>)[metadataKey] : undefined;
  const pending =
    typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, PENDING_FIELDS)
      ? ((metadata as Record<symbol, RecordedField[]>)[PENDING_FIELDS] ?? [])
      : [];
  return [...recorded, ...pending];
}

/** @internal The record of a class, created empty if needed. */
export function ensureRecord(target: Function): RecordedEntity {
  let record = store.get(target);
  if (!record) {
    record = { options: undefined, fields: [] };
    store.set(target, record);
  }
  return record;
}
