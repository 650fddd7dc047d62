import type { ColumnFamilyOptions } from '../client/column-family';
import { Connection } from '../client/connection';
import { InvalidArgumentError } from '../client/errors';
import { optionalBoolean, requireOptions } from '../client/validate';
import type { EntityClass } from './metadata/entity-metadata';
import { MetadataError } from './metadata/metadata-error';
import { entityMetadata } from './metadata/resolve-entity';

/** A way in which an existing table differs from what the entities declare. */
export interface SchemaDifference {
  /** Table name (without the connection's prefix). */
  table: string;
  /** Column family. */
  family: string;
  /** What differs. */
  problem: 'missing family' | 'setting differs';
  /** For `setting differs`: the setting, e.g. `maxVersions`. */
  setting?: string;
  /** Declared value. */
  expected?: unknown;
  /** Value in HBase. */
  actual?: unknown;
}

/** What `syncSchema` found and did. */
export interface SchemaReport {
  /** Tables created (or, with `dryRun`, that would be). */
  created: string[];
  /** Tables that existed already. */
  existing: string[];
  /**
   * Differences between existing tables and the declarations. They are reported, never fixed:
   * the Thrift1 gateway cannot alter a table, and nothing here may drop data.
   */
  differences: SchemaDifference[];
}

/**
 * Creates the tables (with their families) that the entities declare and reports how existing
 * tables differ. Never drops or alters anything. Entities sharing a table must agree on it.
 */
export async function syncSchema(
  connection: Connection,
  entities: readonly EntityClass[],
  options: { dryRun?: boolean } = {},
): Promise<SchemaReport> {
  if (!(connection instanceof Connection)) {
    throw new InvalidArgumentError(
      'connection',
      'a Connection (from a pool: pool.connection((c) => syncSchema(c, ...)))',
      connection,
    );
  }
  if (!Array.isArray(entities))
    throw new InvalidArgumentError('entities', 'an array of entity classes', entities);
  const o = requireOptions(options, 'options', ['dryRun']);
  const dryRun = optionalBoolean(o.dryRun, 'options.dryRun') ?? false;
  const wanted = new Map<string, { families: Record<string, ColumnFamilyOptions>; from: string }>();
  for (const entity of entities) {
    const meta = entityMetadata(entity);
    const previous = wanted.get(meta.table);
    if (previous) {
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
    } else {
      wanted.set(meta.table, { families: { ...meta.families }, from: meta.name });
    }
  }

  const report: SchemaReport = { created: [], existing: [], differences: [] };
  const present = new Set(await connection.tables());
  for (const [table, { families }] of wanted) {
    if (!present.has(table)) {
      if (!dryRun) await connection.createTable(table, families);
      report.created.push(table);
      continue;
    }
    report.existing.push(table);
    const actual = await connection.table(table).families();
    for (const [family, settings] of Object.entries(families)) {
      const current = actual[family];
      if (!current) {
        report.differences.push({ table, family, problem: 'missing family' });
        continue;
      }
      for (const [setting, expected] of Object.entries(settings)) {
        const value = current[setting as keyof typeof current];
        if (expected !== undefined && value !== expected) {
          report.differences.push({
            table,
            family,
            problem: 'setting differs',
            setting,
            expected,
            actual: value,
          });
        }
      }
    }
  }
  return report;
}
