import type { ColumnFamilyDescriptor, ColumnFamilyOptions } from '../client/column-family';
import { saltBucketSplitKeys } from '../client/split-keys';
import { isSaltedCodec } from '../codecs/salted';
import { addIndexTables } from './indexes/index-tables';
import type { EntityClass } from './metadata/entity-metadata';
import { MetadataError } from './metadata/metadata-error';
import { entityMetadata } from './metadata/resolve-entity';

/** One step that brings HBase's tables to what the entities declare. */
export type SchemaChange =
  | {
      /** Create a table. */
      kind: 'createTable';
      /** The table (without the connection's prefix). */
      table: string;
      /** Its families and their settings. */
      families: Record<string, ColumnFamilyOptions>;
      /** Where the table is pre-split: one region per salt bucket of a salted key, else none. */
      splitKeys: Buffer[];
    }
  | {
      /** Add a family to an existing table. */
      kind: 'addFamily';
      /** The table (without the connection's prefix). */
      table: string;
      /** The family. */
      family: string;
      /** Its declared settings. */
      settings: ColumnFamilyOptions;
    }
  | {
      /** Change settings of a family. */
      kind: 'modifyFamily';
      /** The table (without the connection's prefix). */
      table: string;
      /** The family. */
      family: string;
      /** The declared settings that differ, with HBase's current values. */
      settings: Array<{
        /** The setting. */
        setting: keyof ColumnFamilyOptions;
        /** Its value in HBase. */
        from: unknown;
        /** Its declared value. */
        to: unknown;
      }>;
    }
  | {
      /** Drop a family no entity declares, with every cell in it (only with `dropFamilies`). */
      kind: 'dropFamily';
      /** The table (without the connection's prefix). */
      table: string;
      /** The family. */
      family: string;
    };

/** @internal What the entities declare for one table (entities sharing it must agree). */
export interface DeclaredTable {
  families: Record<string, ColumnFamilyOptions>;
  splitKeys: Buffer[];
  /** The entity that declared it first, for messages. */
  from: string;
}

/** @internal The tables the entities declare, merged by name. */
export function declaredTables(entities: readonly EntityClass[]): Map<string, DeclaredTable> {
  const wanted = new Map<string, DeclaredTable>();
  for (const entity of entities) {
    const meta = entityMetadata(entity);
    const splitKeys = isSaltedCodec(meta.keyCodec) ? saltBucketSplitKeys(meta.keyCodec) : [];
    const previous = wanted.get(meta.table);
    if (!previous) {
      wanted.set(meta.table, { families: { ...meta.families }, splitKeys, from: meta.name });
      continue;
    }
    for (const [family, settings] of Object.entries(meta.families)) {
      const other = previous.families[family];
      if (other !== undefined && JSON.stringify(other) !== JSON.stringify(settings)) {
        throw MetadataError.invalid(
          meta.name,
          undefined,
          `declares family "${family}" of table "${meta.table}" differently from ${previous.from}`,
        );
      }
      previous.families[family] = settings;
    }
    if (splitKeys.length > previous.splitKeys.length) previous.splitKeys = splitKeys;
  }
  // Each `@Index` has a table of its own, after the entities' tables.
  for (const entity of entities) addIndexTables(wanted, entityMetadata(entity));
  return wanted;
}

/**
 * @internal The changes that bring an existing table's families to the declared ones: missing
 * families to add, declared settings that differ to modify, and (only with `dropFamilies`) the
 * families no entity declares to drop.
 */
export function familyChanges(
  table: string,
  declared: Record<string, ColumnFamilyOptions>,
  actual: Record<string, ColumnFamilyDescriptor>,
  dropFamilies: boolean,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [family, settings] of Object.entries(declared)) {
    const current = actual[family];
    if (current === undefined) {
      changes.push({ kind: 'addFamily', table, family, settings });
      continue;
    }
    const differing = (Object.keys(settings) as Array<keyof ColumnFamilyOptions>).flatMap((setting) => {
      const to = settings[setting];
      if (to === undefined || IGNORED_SETTINGS.has(setting)) return [];
      const from = current[setting];
      return normalized(setting, from) !== normalized(setting, to) ? [{ setting, from, to }] : [];
    });
    if (differing.length > 0) changes.push({ kind: 'modifyFamily', table, family, settings: differing });
  }
  if (dropFamilies) {
    for (const family of Object.keys(actual)) {
      if (!(family in declared)) changes.push({ kind: 'dropFamily', table, family });
    }
  }
  return changes;
}

/** Settings HBase ignores (since 0.96): never a difference to act on. */
const IGNORED_SETTINGS: ReadonlySet<keyof ColumnFamilyOptions> = new Set([
  'bloomFilterVectorSize',
  'bloomFilterNbHashes',
]);

/** FOREVER, HBase's time to live of a family whose cells never expire. */
const FOREVER = 2 ** 31 - 1;

/**
 * A setting as HBase holds it, so that what the declaration says the same way compares equal:
 * names of compressions and bloom filters in any case, a time to live of 0 or less for ever.
 */
function normalized(setting: keyof ColumnFamilyOptions, value: unknown): unknown {
  if ((setting === 'compression' || setting === 'bloomFilterType') && typeof value === 'string') {
    return value.toUpperCase();
  }
  if (setting === 'timeToLive' && typeof value === 'number' && value <= 0) return FOREVER;
  return value;
}

/** One line of a readable plan for a change, e.g. `modify family users:info (maxVersions 3 → 1)`. */
export function describeSchemaChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'createTable': {
      const families = Object.keys(change.families).join(', ');
      const regions =
        change.splitKeys.length > 0 ? `, pre-split in ${change.splitKeys.length + 1} regions` : '';
      return `create table ${change.table} (families ${families}${regions})`;
    }
    case 'addFamily':
      return `add family ${change.table}:${change.family}${settingsText(change.settings)}`;
    case 'modifyFamily':
      return `modify family ${change.table}:${change.family} (${change.settings
        .map((s) => `${s.setting} ${String(s.from)} → ${String(s.to)}`)
        .join(', ')})`;
    case 'dropFamily':
      return `drop family ${change.table}:${change.family} and every cell in it`;
  }
}

function settingsText(settings: ColumnFamilyOptions): string {
  const entries = Object.entries(settings).filter(([, value]) => value !== undefined);
  return entries.length === 0
    ? ''
    : ` (${entries.map(([key, value]) => `${key} ${String(value)}`).join(', ')})`;
}
