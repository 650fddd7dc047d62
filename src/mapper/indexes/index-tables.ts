import type { EntityMetadata } from '../metadata/entity-metadata';
import { MetadataError } from '../metadata/metadata-error';
import type { DeclaredTable } from '../schema-plan';
import { INDEX_FAMILY, type IndexMetadata, indexesOf } from './index-metadata';

/** The index each index table was declared for, with the entity that declared it. */
const declaredFor = new WeakMap<DeclaredTable, IndexMetadata>();

/**
 * @internal Adds the tables of an entity's indexes to what `syncSchema` creates: one family `i`
 * keeping one version. A name an entity's own table already has is a `MetadataError`, never a
 * table shared by entity rows and index rows. So is one index table declared by two entities of
 * one table (same index name) over other columns or codecs: each would find the other's entries
 * stale and repair them away. Two entities indexing the same columns alike share it safely.
 */
export function addIndexTables(wanted: Map<string, DeclaredTable>, meta: EntityMetadata): void {
  for (const index of indexesOf(meta)) {
    const previous = wanted.get(index.table);
    if (previous === undefined) {
      const table: DeclaredTable = {
        families: { [INDEX_FAMILY]: { maxVersions: 1 } },
        splitKeys: [],
        from: meta.name,
      };
      wanted.set(index.table, table);
      declaredFor.set(table, index);
    } else if (!(INDEX_FAMILY in previous.families) || Object.keys(previous.families).length !== 1) {
      throw MetadataError.invalid(
        meta.name,
        undefined,
        `index ${index.name} needs table "${index.table}", which ${previous.from} maps as an entity table`,
      );
    } else {
      const other = declaredFor.get(previous);
      if (other !== undefined && signatureOf(other) !== signatureOf(index)) {
        throw MetadataError.invalid(
          meta.name,
          undefined,
          `index ${index.name} (${describe(index)}) shares table "${index.table}" with index ` +
            `${other.name} of ${other.entity} (${describe(other)}): give one of them another name`,
        );
      }
    }
  }
}

/** What makes two indexes' entries the same: their columns and codecs, in order. */
function signatureOf(index: IndexMetadata): string {
  return JSON.stringify(index.fields.map((f) => [f.columnName, f.codec.name]));
}

function describe(index: IndexMetadata): string {
  return index.fields.map((f) => `${f.columnName} as ${f.codec.name}`).join(', ');
}
