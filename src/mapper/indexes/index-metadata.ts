import { bytes, type Codec, type CompositeCodec, composite, type KeyCodec } from '../../codecs';
import { declaredIndexesOf } from '../../decorators/index-decorator';
import type { EmbeddedMapping } from '../embedded/embedded-metadata';
import type { ColumnMapping, EntityMetadata } from '../metadata/entity-metadata';
import { MetadataError } from '../metadata/metadata-error';

/** @internal The family and cell of an index entry; the cell holds a random write token. */
export const INDEX_FAMILY = 'i';
/** @internal `i:t`, the cell of an index entry. */
export const INDEX_CELL = Buffer.from('i:t', 'utf8');
/** @internal `i:t` as the key of row data returned by the client. */
export const INDEX_CELL_NAME = 'i:t';

/** @internal One validated index of an entity. */
export interface IndexMetadata {
  /** The entity's name, for messages. */
  entity: string;
  /** The entity's metadata (index reads decode its rows). */
  meta: EntityMetadata;
  name: string;
  /** `<entity table>.idx.<name>` (the connection's table prefix applies to it as to the entity's). */
  table: string;
  /** The indexed fields, in index-key order. */
  fields: readonly ColumnMapping[];
  /** Whether every part keeps its values' order in bytes: ranges are offered only then. */
  ordered: boolean;
  /** Index row keys: the fields' values, then the entity's row key (raw bytes, escaped). */
  keyCodec: CompositeCodec<unknown[], readonly unknown[]>;
}

/** Letters, digits, `_` and `-`: an index name is part of a table name (where `.` separates). */
const INDEX_NAME = /^[A-Za-z0-9_-]{1,100}$/;

const resolved = new WeakMap<EntityMetadata, readonly IndexMetadata[]>();

/**
 * @internal The indexes an entity declares (computed once per entity), validated: every field a
 * `@Column`, names unique and usable in a table name. Throws {@link MetadataError}.
 */
export function indexesOf(meta: EntityMetadata): readonly IndexMetadata[] {
  let indexes = resolved.get(meta);
  if (!indexes) {
    indexes = Object.freeze(resolveIndexes(meta));
    resolved.set(meta, indexes);
  }
  return indexes;
}

function resolveIndexes(meta: EntityMetadata): IndexMetadata[] {
  refuseEmbeddedIndexes(meta, meta.embedded);
  const result: IndexMetadata[] = [];
  for (const declared of declaredIndexesOf(meta.target)) {
    const property = declared.on === 'field' ? declared.fields[0] : undefined;
    if (declared.fields.length === 0) {
      throw MetadataError.invalid(meta.name, undefined, '@Index on the class needs at least one field');
    }
    const name =
      declared.name ?? (property ? `by${property[0]!.toUpperCase()}${property.slice(1)}` : undefined);
    if (name === undefined || !INDEX_NAME.test(name)) {
      throw MetadataError.invalid(
        meta.name,
        property,
        '@Index needs a name of 1 to 100 letters, digits, _ or - (it names the index table)',
      );
    }
    if (result.some((i) => i.name === name)) {
      throw MetadataError.invalid(meta.name, property, `declares two indexes named "${name}"`);
    }
    const fields = declared.fields.map((field) => {
      const column = meta.columns.find((c) => c.property === field);
      if (!column) {
        throw MetadataError.invalid(
          meta.name,
          field,
          `@Index "${name}": only @Column fields can be indexed (not key fields, counters, histories or maps)`,
        );
      }
      return column;
    });
    if (new Set(declared.fields).size !== declared.fields.length) {
      throw MetadataError.invalid(meta.name, property, `@Index "${name}" names a field twice`);
    }
    const parts = fields.map((f) => indexPart(f.codec));
    result.push({
      entity: meta.name,
      meta,
      name,
      table: `${meta.table}.idx.${name}`,
      fields,
      ordered: fields.every((f) => keepsOrder(f.codec)),
      keyCodec: composite([...parts, bytes]) as unknown as CompositeCodec<unknown[], readonly unknown[]>,
    });
  }
  return result;
}

/**
 * `@Index` in a value object's class is refused rather than ignored: an index belongs to an
 * entity's table, and an embedded field (`address.city`) is not indexed (yet): the error names
 * its path.
 */
function refuseEmbeddedIndexes(meta: EntityMetadata, mappings: readonly EmbeddedMapping[]): void {
  for (const mapping of mappings) {
    const [declared] = declaredIndexesOf(mapping.target);
    if (declared) {
      const path = [...mapping.path, declared.fields[0] ?? ''].join('.');
      throw MetadataError.invalid(
        meta.name,
        path,
        `@Index in the value object ${mapping.target.name}: fields of embedded values cannot be indexed ` +
          '(index a @Column of the entity itself)',
      );
    }
    refuseEmbeddedIndexes(meta, mapping.nested);
  }
}

/**
 * The part of an index key for a field's codec: the codec itself when it keeps order; otherwise
 * its bytes, escaped like any variable-width part: equal values still give equal keys, so exact
 * lookups work, but bytes order is not the values' order, so ranges are refused.
 */
function indexPart(codec: Codec<unknown>): KeyCodec<unknown> {
  if (keepsOrder(codec)) return codec as KeyCodec<unknown>;
  return Object.freeze({
    name: `exact(${codec.name})`,
    orderPreserving: true as const,
    fixedWidth: undefined,
    encode: (value: unknown) => codec.encode(value),
    decode: (value: Buffer) => codec.decode(value),
  });
}

function keepsOrder(codec: Codec<unknown>): boolean {
  return (codec as Partial<KeyCodec<unknown>>).orderPreserving === true;
}
