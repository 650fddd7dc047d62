import type { EntityMetadata } from '../metadata/entity-metadata';
import { MetadataError } from '../metadata/metadata-error';
import type { DeclaredTable } from '../schema-plan';
import { INDEX_FAMILY, indexesOf } from './index-metadata';

/**
 * @internal Adds the tables of an entity's indexes to what `syncSchema` creates: one family `i`
 * keeping one version. A name an entity's own table already has is a `MetadataError`, never a
 * table shared by entity rows and index rows.
 */
export function addIndexTables(wanted: Map<string, DeclaredTable>, meta: EntityMetadata): void {
  for (const index of indexesOf(meta)) {
    const previous = wanted.get(index.table);
    if (previous === undefined) {
      wanted.set(index.table, {
        families: { [INDEX_FAMILY]: { maxVersions: 1 } },
        splitKeys: [],
        from: meta.name,
      });
    } else if (!(INDEX_FAMILY in previous.families) || Object.keys(previous.families).length !== 1) {
      throw MetadataError.invalid(
        meta.name,
        undefined,
        `index ${index.name} needs table "${index.table}", which ${previous.from} maps as an entity table`,
      );
    }
  }
}
