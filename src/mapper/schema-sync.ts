import { Connection } from '../client/connection';
import { InvalidArgumentError, NotSupportedError } from '../client/errors';
import { optionalBoolean, requireOptions } from '../client/validate';
import type { EntityClass } from './metadata/entity-metadata';
import { declaredTables, describeSchemaChange, familyChanges, type SchemaChange } from './schema-plan';
import { optionalSchemaProgress, type SchemaProgress, type SchemaProgressCallback } from './schema-progress';

/** A way in which an existing table differs from what the entities declare (left as it is). */
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
   * Differences between existing tables and the declarations that were left as they are: all of
   * them without `alter` (nothing here alters a table unless asked to).
   */
  differences: SchemaDifference[];
  /** Every change made (or, with `dryRun`, that would be), in order: tables created, families altered. */
  changes: SchemaChange[];
}

/** Options of {@link syncSchema}. */
export interface SyncSchemaOptions {
  /** Change nothing; report what would be done. */
  dryRun?: boolean;
  /**
   * Also alter existing tables: add the missing families and change the declared settings that
   * differ (Thrift2 gateway; on Thrift1 `NotSupportedError`). Never drops a family unless
   * `dropFamilies` says so.
   */
  alter?: boolean;
  /** With `alter`: drop the families no entity declares, with every cell in them. */
  dropFamilies?: boolean;
  /** Told each table synced, with its outcome (see {@link SchemaProgress}). */
  onProgress?: SchemaProgressCallback;
}

/** The changes {@link schemaDiff} found, and the same as readable lines. */
export interface SchemaPlan {
  /** The changes, in the order `syncSchema` would make them. */
  changes: SchemaChange[];
  /** One line per change, e.g. `add family users:audit (maxVersions 1)`. */
  lines: string[];
}

/**
 * Creates the tables (with their families) that the entities declare and reports how existing
 * tables differ. Without `alter`, never changes an existing table; it never drops a family
 * without `dropFamilies`. A table whose entity has a salted key (`salted(..., { buckets })`) is
 * created pre-split, one region per bucket (Thrift2 gateway; on Thrift1, in one region). Entities
 * sharing a table must agree on it.
 */
export async function syncSchema(
  connection: Connection,
  entities: readonly EntityClass[],
  options: SyncSchemaOptions = {},
): Promise<SchemaReport> {
  const started = performance.now();
  const o = checkArguments(connection, entities, options, ['dryRun', 'alter', 'dropFamilies', 'onProgress']);
  const dryRun = optionalBoolean(o.dryRun, 'options.dryRun') ?? false;
  const alter = optionalBoolean(o.alter, 'options.alter') ?? false;
  const dropFamilies = optionalBoolean(o.dropFamilies, 'options.dropFamilies') ?? false;
  if (dropFamilies && !alter) {
    throw new InvalidArgumentError('options.dropFamilies', 'only with alter: true', dropFamilies);
  }
  const onProgress = optionalSchemaProgress(o.onProgress);
  const wanted = declaredTables(entities);
  const report: SchemaReport = { created: [], existing: [], differences: [], changes: [] };
  const thrift2 = (await connection.gatewayKind()) === 'thrift2';
  if (alter && !dryRun && !thrift2) {
    // Refused before anything is created: a sync that creates tables and then fails half-way
    // through its alterations would leave a schema no one asked for.
    throw new NotSupportedError('syncSchema({ alter: true })', {
      message:
        'syncSchema({ alter: true }) needs a Thrift2 gateway (the Thrift1 API cannot alter a table); ' +
        'nothing was changed. schemaDiff() shows the plan on either gateway',
    });
  }
  const present = new Set(await connection.tables());
  const presplit = thrift2;
  let tablesDone = 0;
  const synced = (table: string, outcome: SchemaProgress['outcome']) => {
    tablesDone++;
    const elapsedMs = performance.now() - started;
    onProgress?.(Object.freeze({ table, outcome, tablesDone, tablesTotal: wanted.size, elapsedMs }));
  };
  for (const [table, { families, splitKeys }] of wanted) {
    if (!present.has(table)) {
      const change: SchemaChange = {
        kind: 'createTable',
        table,
        families,
        splitKeys: presplit ? splitKeys : [],
      };
      if (!dryRun) await apply(connection, change);
      report.created.push(table);
      report.changes.push(change);
      synced(table, 'created');
      continue;
    }
    report.existing.push(table);
    const actual = await connection.table(table).families();
    const changes = familyChanges(table, families, actual, dropFamilies);
    if (alter) {
      for (const change of changes) if (!dryRun) await apply(connection, change);
      report.changes.push(...changes);
    } else {
      report.differences.push(...changes.flatMap(toDifferences));
    }
    synced(table, alter && changes.length > 0 ? 'altered' : 'unchanged');
  }
  return report;
}

/**
 * What {@link syncSchema} with `alter: true` would do, as a plan to read before running it:
 * the tables to create and the families to add, modify or (with `dropFamilies`) drop. Changes
 * nothing.
 *
 * @example
 * ```ts
 * const plan = await schemaDiff(connection, [User, Event]);
 * console.log(plan.lines.join('\n')); // e.g. "add family users:audit"
 * ```
 */
export async function schemaDiff(
  connection: Connection,
  entities: readonly EntityClass[],
  options: { dropFamilies?: boolean } = {},
): Promise<SchemaPlan> {
  const o = checkArguments(connection, entities, options, ['dropFamilies']);
  const dropFamilies = optionalBoolean(o.dropFamilies, 'options.dropFamilies') ?? false;
  const { changes } = await syncSchema(connection, entities, { dryRun: true, alter: true, dropFamilies });
  return { changes, lines: changes.map(describeSchemaChange) };
}

function checkArguments(
  connection: unknown,
  entities: unknown,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (!(connection instanceof Connection)) {
    throw new InvalidArgumentError(
      'connection',
      'a Connection (from a pool: pool.connection((c) => syncSchema(c, ...)))',
      connection,
    );
  }
  if (!Array.isArray(entities))
    throw new InvalidArgumentError('entities', 'an array of entity classes', entities);
  return requireOptions(options, 'options', known);
}

async function apply(connection: Connection, change: SchemaChange): Promise<void> {
  switch (change.kind) {
    case 'createTable':
      await connection.createTable(
        change.table,
        change.families,
        change.splitKeys.length > 0 ? { splitKeys: change.splitKeys } : undefined,
      );
      return;
    case 'addFamily':
      await connection.addColumnFamily(change.table, change.family, change.settings);
      return;
    case 'modifyFamily':
      await connection.modifyColumnFamily(
        change.table,
        change.family,
        Object.fromEntries(change.settings.map((s) => [s.setting, s.to])),
      );
      return;
    case 'dropFamily':
      await connection.deleteColumnFamily(change.table, change.family);
      return;
  }
}

/** A change left undone, as the differences a report lists. */
function toDifferences(change: SchemaChange): SchemaDifference[] {
  switch (change.kind) {
    case 'addFamily':
      return [{ table: change.table, family: change.family, problem: 'missing family' }];
    case 'modifyFamily':
      return change.settings.map((s) => ({
        table: change.table,
        family: change.family,
        problem: 'setting differs' as const,
        setting: s.setting,
        expected: s.to,
        actual: s.from,
      }));
    default:
      return [];
  }
}
