import { InvalidArgumentError } from '../../client/errors';
import type { RowData, RowDataWithTimestamps } from '../../client/row-data';
import type { Table } from '../../client/table';
import { optionalBoolean, requireInteger, requireOptions } from '../../client/validate';
import { withTable } from '../connection-source';
import { EntityScan } from '../entity-scan';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { Repository } from '../repository';
import { type IndexRange, type IndexValue, indexRange, type RangeBounds } from './index-bounds';
import { INDEX_CELL, INDEX_CELL_NAME, type IndexMetadata, indexesOf } from './index-metadata';
import { indexRowOf, newToken } from './index-writes';

/**
 * Options of {@link EntityIndex.scan}: an exact value (`equals`) or a range (`gte`/`gt` and
 * `lte`/`lt`, on an index whose codecs keep order), in index order. Values are the field's value
 * for an index of one field, or an array of leading values for an index of several.
 */
export interface IndexScanOptions {
  /** Only entities with this value (or these leading values). Not with range bounds. */
  equals?: IndexValue;
  /** Values from this one (inclusive). */
  gte?: IndexValue;
  /** Values above this one. */
  gt?: IndexValue;
  /** Values up to this one (inclusive). */
  lte?: IndexValue;
  /** Values below this one. */
  lt?: IndexValue;
  /** Stop after this many entities (counted after stale entries are dropped). */
  limit?: number;
  /** Descending index order. */
  reverse?: boolean;
  /** Index entries read per round trip, and entities fetched per `getMultiple` (default 100). */
  batchSize?: number;
}

/** What {@link EntityIndex.verify} found (nothing is changed). */
export interface IndexVerifyReport {
  /** The index. */
  index: string;
  /** Entities scanned in the main table. */
  entities: number;
  /** Entries in the index table. */
  entries: number;
  /** Entries that match their entity's current values. */
  valid: number;
  /** Entries whose entity is gone or holds other values (what read repair removes). */
  stale: number;
  /** Entities with every indexed field set but no entry (what `rebuild()` writes). */
  missing: number;
  /** Whether the index is exact: no stale and no missing entry. */
  consistent: boolean;
}

/** What {@link EntityIndex.rebuild} did. */
export interface IndexRebuildReport {
  /** The index. */
  index: string;
  /** Entities scanned in the main table. */
  entities: number;
  /** Entries written (one per entity with every indexed field set). */
  written: number;
  /** Stale entries removed. */
  removed: number;
}

const SCAN_KEYS = ['equals', 'gte', 'gt', 'lte', 'lt', 'limit', 'reverse', 'batchSize'] as const;
const DEFAULT_BATCH = 100;

/** One entry read from an index table. */
interface Entry {
  row: Buffer;
  mainKey: Buffer;
  token: Buffer;
  timestamp: number;
}

/**
 * @internal The index `name` of an entity, or an `InvalidArgumentError` naming those it has.
 */
export function indexNamed(meta: EntityMetadata, name: unknown): IndexMetadata {
  const index = indexesOf(meta).find((i) => i.name === name);
  if (!index) {
    const names =
      indexesOf(meta)
        .map((i) => i.name)
        .join(', ') || 'none';
    throw new InvalidArgumentError('name', `an index of ${meta.name} (${names})`, name);
  }
  return index;
}

/**
 * A secondary index of an entity (declared with `@Index`), from `repository.index(name)`.
 *
 * Every read checks each entry against its entity's current row, fetched in the same pass: an
 * entry whose entity is gone or now holds other values is never returned, and is deleted (read
 * repair) with a condition that spares an entry rewritten meanwhile. So what a read returns
 * matched the index when its row was read; see the indexes guide for what is guaranteed under
 * concurrent writers and crashes.
 *
 * @example
 * ```ts
 * const [ada] = await users.index('byEmail').find('ada@example.org');
 * for await (const u of users.index('byAge').scan({ gte: 18, lt: 30, limit: 50 })) console.log(u.id);
 * ```
 */
export class EntityIndex<E extends object> {
  readonly #repository: Repository<E>;
  readonly #index: IndexMetadata;

  /** @internal Created by `Repository.index()`. */
  constructor(repository: Repository<E>, index: IndexMetadata) {
    this.#repository = repository;
    this.#index = index;
  }

  /** The index's name. */
  get name(): string {
    return this.#index.name;
  }

  /** The index table's name (without the connection's prefix): `<table>.idx.<name>`. */
  get tableName(): string {
    return this.#index.table;
  }

  /** The indexed fields, in index order. */
  get fields(): readonly string[] {
    return this.#index.fields.map((f) => f.property);
  }

  /** The entities with this value (for an index of several fields: these leading values). */
  async find(value: IndexValue, options: { limit?: number } = {}): Promise<E[]> {
    const o = requireOptions(options, 'options', ['limit']);
    if (value === undefined) throw new InvalidArgumentError('value', `a value of index ${this.name}`, value);
    return this.scan({
      equals: value,
      ...(o.limit === undefined ? {} : { limit: o.limit as number }),
    }).toArray();
  }

  /** The first entity with this value, or `undefined`. */
  async findOne(value: IndexValue): Promise<E | undefined> {
    const [first] = await this.find(value, { limit: 1 });
    return first;
  }

  /** The entities in a range of values (or with one value), in index order, checked as they come. */
  scan(options: IndexScanOptions = {}): EntityScan<E> {
    const { range, limit, reverse, batchSize } = this.#scanArguments(options);
    return new EntityScan<E>(() => this.#matching(range, limit, reverse, batchSize));
  }

  /** How many entities a scan with these options returns (each entry is checked, as by `scan`). */
  async count(options: Omit<IndexScanOptions, 'batchSize'> = {}): Promise<number> {
    let n = 0;
    for await (const _ of this.scan(options)) n++;
    return n;
  }

  /**
   * Compares the index with the main table, changing nothing: scans the entities (counting those
   * with no entry) and the index (counting entries that do not match their entity).
   */
  async verify(): Promise<IndexVerifyReport> {
    const report: IndexVerifyReport = {
      index: this.name,
      entities: 0,
      entries: 0,
      valid: 0,
      stale: 0,
      missing: 0,
      consistent: false,
    };
    for await (const batch of this.#expectedEntries()) {
      report.entities += batch.entities;
      if (batch.rows.length === 0) continue;
      const present = await withTable(this.#repository.source, this.#index.table, (t) =>
        t.exists(batch.rows),
      );
      report.missing += present.filter((p) => !p).length;
    }
    for await (const entries of this.#entryBatches({ start: undefined, stop: undefined }, false, 1000)) {
      report.entries += entries.length;
      const checked = await this.#check(entries);
      report.valid += checked.filter((c) => c.entity !== undefined).length;
      report.stale += checked.filter((c) => c.entity === undefined).length;
    }
    report.consistent = report.stale === 0 && report.missing === 0;
    return report;
  }

  /**
   * Brings the index to the main table: writes the entry of every entity (with every indexed
   * field set), then removes the stale entries (with the same conditional delete as read repair).
   * For data written before the index was declared, or after `verify()` found it inconsistent.
   */
  async rebuild(): Promise<IndexRebuildReport> {
    const report: IndexRebuildReport = { index: this.name, entities: 0, written: 0, removed: 0 };
    for await (const batch of this.#expectedEntries()) {
      report.entities += batch.entities;
      if (batch.rows.length === 0) continue;
      await withTable(this.#repository.source, this.#index.table, (t) =>
        t.batch({}, async (b) => {
          for (const row of batch.rows) await b.put(row, new Map([[INDEX_CELL, newToken()]]));
        }),
      );
      report.written += batch.rows.length;
    }
    for await (const entries of this.#entryBatches({ start: undefined, stop: undefined }, false, 1000)) {
      const checked = await this.#check(entries);
      for (const c of checked) {
        if (c.entity !== undefined) continue;
        await this.#repair(c.entry);
        report.removed++;
      }
    }
    return report;
  }

  #scanArguments(options: IndexScanOptions) {
    const o = requireOptions(options, 'options', SCAN_KEYS);
    const range = indexRange(this.#index, o as RangeBounds, 'options');
    const limit =
      o.limit === undefined
        ? Number.POSITIVE_INFINITY
        : requireInteger(o.limit, 'options.limit', 1, 2 ** 31 - 1);
    const reverse = optionalBoolean(o.reverse, 'options.reverse') ?? false;
    const batchSize =
      o.batchSize === undefined ? DEFAULT_BATCH : requireInteger(o.batchSize, 'options.batchSize', 1, 10_000);
    return { range, limit, reverse, batchSize };
  }

  /** The entities of a range whose current values match their entries; stale entries repaired. */
  async *#matching(range: IndexRange, limit: number, reverse: boolean, batchSize: number): AsyncGenerator<E> {
    let returned = 0;
    for await (const entries of this.#entryBatches(range, reverse, batchSize)) {
      const checked = await this.#check(entries);
      for (const c of checked) {
        if (c.entity === undefined) {
          await this.#repair(c.entry);
          continue;
        }
        yield c.entity;
        if (++returned >= limit) return;
      }
    }
  }

  /**
   * The entries of a range, a batch at a time; each batch is one short scan, so no connection or
   * server-side scanner is held between batches.
   */
  async *#entryBatches(range: IndexRange, reverse: boolean, batchSize: number): AsyncGenerator<Entry[]> {
    if (range.empty) return;
    let resume: Buffer | undefined;
    for (;;) {
      const rows = await withTable(this.#repository.source, this.#index.table, async (t) => {
        const start = resume === undefined ? (reverse ? range.stop : range.start) : resume;
        const stop = reverse ? range.start : range.stop;
        const out: Array<[Buffer, RowDataWithTimestamps]> = [];
        // Reversed, a resumed scan starts at the last row returned (inclusive): it is dropped.
        const skip = reverse && resume !== undefined ? 1 : 0;
        const scanner = t.scan({
          ...(start === undefined ? {} : { rowStart: start }),
          ...(stop === undefined ? {} : { rowStop: stop }),
          columns: [INDEX_CELL],
          includeTimestamp: true,
          reverse,
          limit: batchSize + skip,
          batchSize: batchSize + skip,
        });
        for await (const [key, data] of scanner) {
          if (skip === 1 && out.length === 0 && resume !== undefined && key.equals(resume)) continue;
          out.push([key, data]);
        }
        return out;
      });
      const entries: Entry[] = [];
      for (const [row, data] of rows) {
        const cell = data[INDEX_CELL_NAME];
        if (!cell) continue;
        const parts = this.#index.keyCodec.decode(row);
        entries.push({
          row,
          mainKey: parts[parts.length - 1] as Buffer,
          token: cell.value,
          timestamp: cell.timestamp,
        });
      }
      if (entries.length > 0) yield entries;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]![0];
      resume = reverse ? last : Buffer.concat([last, Buffer.from([0])]);
    }
  }

  /** Each entry with its entity when the entity's current values match it (one multi-get). */
  async #check(entries: Entry[]): Promise<Array<{ entry: Entry; entity: E | undefined }>> {
    const repository = this.#repository;
    const rows = await withTable(repository.source, repository.tableName, (t) =>
      t.rows(entries.map((e) => e.mainKey)),
    );
    const byKey = new Map<string, RowData>(rows.map(([k, d]) => [k.toString('latin1'), d]));
    return entries.map((entry) => {
      const data = byKey.get(entry.mainKey.toString('latin1'));
      const entity = data === undefined ? undefined : repository.fromRow(entry.mainKey, data);
      return { entry, entity: entity !== undefined && this.#matches(entity, entry) ? entity : undefined };
    });
  }

  /** Whether an entity's current values give exactly this entry's row. */
  #matches(entity: E, entry: Entry): boolean {
    const row = this.#rowOf(entity as Record<string, unknown>, entry.mainKey);
    return row?.equals(entry.row) === true;
  }

  #rowOf(entity: Record<string, unknown>, key: Buffer): Buffer | undefined {
    const values = this.#index.fields.map((f) => entity[f.property]);
    if (values.some((v) => v === undefined || v === null)) return undefined;
    return indexRowOf(this.#index, values, key, 'entity');
  }

  /**
   * Deletes a stale entry, unless it was rewritten since it was read: on a Thrift2 gateway only
   * if its cell still holds the token read (one `checkAndMutate`); on Thrift1 only the versions
   * up to the timestamp read. Then reads the entity once more: if a write landed meanwhile and
   * now matches, the entry is written back, so a repair racing a save never leaves it unindexed.
   */
  async #repair(entry: Entry): Promise<void> {
    const source = this.#repository.source;
    await withTable(source, this.#index.table, async (t: Table) => {
      if ((await t.connection.gatewayKind()) === 'thrift2') {
        await t.checkAndMutate(
          entry.row,
          { column: INDEX_CELL, value: entry.token },
          { delete: [INDEX_CELL] },
        );
      } else {
        await t.delete(entry.row, { columns: [INDEX_CELL], timestamp: entry.timestamp });
      }
    });
    const [again] = await this.#check([entry]);
    if (again?.entity !== undefined) {
      await withTable(source, this.#index.table, (t) =>
        t.put(entry.row, new Map([[INDEX_CELL, newToken()]])),
      );
    }
  }

  /** The entries the entities of the main table should have, a batch of entities at a time. */
  async *#expectedEntries(): AsyncGenerator<{ entities: number; rows: Buffer[] }> {
    const columns = this.#index.fields.map((f) => f.property) as Array<keyof E & string>;
    let batch: Buffer[] = [];
    let entities = 0;
    for await (const entity of this.#repository.scan({ select: columns, batchSize: 1000 })) {
      entities++;
      const key = this.#repository.toRow(entity as E).key;
      const row = this.#rowOf(entity as Record<string, unknown>, key);
      if (row !== undefined) batch.push(row);
      if (entities % 1000 === 0) {
        yield { entities: 1000, rows: batch };
        batch = [];
      }
    }
    if (entities % 1000 !== 0 || batch.length > 0) yield { entities: entities % 1000, rows: batch };
  }
}
