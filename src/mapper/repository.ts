import { Batch } from '../client/batch';
import { batchMeter } from '../client/batch-progress';
import type { BytesLike } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import { Filter } from '../client/filter';
import { andFilters } from '../client/filter-string';
import { ProgressMeter, type ProgressOptions, progressSettings } from '../client/progress';
import type {
  Cell,
  RowData,
  RowDataWithTimestamps,
  RowEntry,
  RowVersionsWithTimestamps,
} from '../client/row-data';
import type { Table } from '../client/table';
import { optionalTimeRange, type TimeRange } from '../client/time-range';
import {
  optionalInteger,
  optionalTimestamp,
  requireInt64,
  requireInteger,
  requireOptions,
} from '../client/validate';
import { type SaveAllOptions, saveAll } from './bulk/save-all';
import { type ConnectionSource, requireConnectionSource, withTable } from './connection-source';
import type { CounterField, EntityChanges, KeyInput, KeyPrefix } from './entity-key';
import {
  assignKeyFields,
  columnsOf,
  type DecodeErrorHandler,
  type EntityWrites,
  encodeKey,
  entityFromRow,
  entityWrites,
  keyArgumentOf,
} from './entity-mapping';
import { EntityNotFoundError } from './entity-not-found-error';
import { EntityScan } from './entity-scan';
import {
  type EntityScanPlan,
  type OwnScanOptions,
  PAGE_OPTIONS,
  planEntityScan,
  planRows,
  resumeAfter,
  runOrder,
  runsOf,
  SCAN_OPTIONS,
} from './entity-scan-plan';
import { EntityIndex, type IndexLookups, indexNamed, type UndeclaredIndexName } from './indexes/entity-index';
import type { IndexValue } from './indexes/index-bounds';
import { indexesOf } from './indexes/index-metadata';
import { indexEntriesOf, writeWithIndexes } from './indexes/index-writes';
import { type KeySpace, keySpaceOf, logicalKey } from './key-space';
import { afterLoad, afterLoadEach } from './lifecycle/entity-hooks';
import type { ValidateOption } from './lifecycle/entity-validation';
import { prepareSave, prepareUpdate } from './lifecycle/prepare-writes';
import {
  type RepositoryOptions,
  requireRepositoryOptions,
  type UpdateOptions,
} from './lifecycle/repository-options';
import type { EntityClass, EntityMetadata, VersionsMapping } from './metadata/entity-metadata';
import { entityMetadata } from './metadata/resolve-entity';
import { encodePageCursor, pageScope } from './page-cursor';
import { COUNT_WITH_CELL_TESTS, withoutHidden } from './query/where-plan';
import type { Where } from './query/where-types';
import { traceRepositoryOperations } from './repository-tracing';
import {
  type EntityRow,
  type FromRowOptions,
  fromRow,
  requireDecodeErrorHandler,
  toRow,
} from './row-conversion';
import { ALL_VERSIONS, splitVersions } from './row-histories';
import { countCheckedWrite } from './save-progress';
import { iterateRuns } from './scan-runs';
import { carriedVersion, type VersionedWrites, writeVersioned } from './versioned-write';

/** Options of `findOne`, `findOneOrFail` and `findMany`. */
export interface FindOptions<K> {
  /** Read only these properties (key fields are always set). */
  select?: readonly K[];
  /**
   * Read the row as it was before this time: only cells with a timestamp strictly below it (ms),
   * an exclusive upper bound as in HappyBase. Applies to `@Versions` histories too.
   */
  timestamp?: number | bigint;
  /**
   * Read only the cell versions in this range of timestamps (`from` inclusive, `to` exclusive;
   * each field gets its newest version in the range). Thrift2 gateway (on Thrift1
   * `NotSupportedError`); not with `timestamp`.
   */
  timeRange?: TimeRange;
  /** How many versions `@Versions` fields read (default: their `maxVersions`, else all kept). */
  versions?: number;
  /** A function makes the read lenient: see {@link DecodeErrorHandler}. Default `'throw'`. */
  onDecodeError?: DecodeErrorHandler;
}

/**
 * Options of `Repository.scan()`, `count()` and `page()`. With `onProgress`, they report the rows
 * and bytes read after each scanner batch (every bucket's, for a salted key) and once at the end:
 * see {@link Progress}.
 */
export interface EntityScanOptions<E, K = keyof E> extends ProgressOptions {
  /** First key (inclusive). Reversed, the scan starts here and goes down: the upper end. */
  start?: KeyInput<E>;
  /** Key to stop before (exclusive). Reversed, the lower end. */
  stop?: KeyInput<E>;
  /**
   * Only keys starting with this: leading composite key parts (`{ userId: 'u1' }`), or raw bytes
   * for a single-field key (for a `salted(...)` key: bytes of the inner key, looked for in every
   * bucket). Excludes `start`/`stop`.
   */
  prefix?: KeyPrefix<E>;
  /** Stop after this many entities. */
  limit?: number;
  /** Descending key order. */
  reverse?: boolean;
  /** A {@link Filter}, or a string in HBase's filter language. */
  filter?: Filter | BytesLike;
  /** Rows per round trip (default 1000); for a salted key, per bucket. */
  batchSize?: number;
  /** Read only these properties. */
  select?: readonly K[];
  /**
   * Milliseconds without a pull after which the scan closes its server-side scanners (default
   * 30 000); pulled again, it resumes after the last entity it returned. See `ScanOptions`.
   */
  idleTimeout?: number;
  /**
   * Only cells with a timestamp strictly below this (ms): rows as they were before it, an
   * exclusive upper bound as in HappyBase. (Thrift1 scans return the latest version of each cell.)
   */
  timestamp?: number | bigint;
  /**
   * Only cell versions in this range of timestamps (`from` inclusive, `to` exclusive): each field
   * gets its newest version in the range, and rows with none are left out. Thrift2 gateway (on
   * Thrift1 `NotSupportedError` when the scan starts); not with `timestamp`.
   */
  timeRange?: TimeRange;
  /**
   * Fill `@Versions` fields with up to this many versions, from the scan itself (without it they
   * get the newest only). Thrift2 gateway (on Thrift1 `NotSupportedError` when the scan starts).
   */
  versions?: number;
  /** A function makes the scan lenient: see {@link DecodeErrorHandler}. Default `'throw'`. */
  onDecodeError?: DecodeErrorHandler;
  /**
   * Conditions on the entity's fields, sent as server-side filters (ANDed with `filter`):
   * `{ plan: 'pro', age: gte(18) }`, or `and`/`or`/`not` of such objects. See {@link Where}.
   */
  where?: Where<E>;
  /**
   * Read the range with this many scanners at once, one range of keys per region (see
   * `Table.parallelScan`; not in `page()`). Entities then come in no particular order unless
   * `ordered`. Over a `ConnectionPool`, each scanner has a lease of its own, pinned to a gateway.
   */
  parallel?: number;
  /** With `parallel`: entities in key order all the same (a bounded read-ahead). Default `false`. */
  ordered?: boolean;
}

/**
 * Options of `Repository.save()`. With `onProgress`, the save reports the rows, cells and bytes it
 * has sent after each call (its batch split to fit the frame size, the batches of `@Versions`
 * histories, each checked write of a `@VersionColumn` entity) and once at its end: see
 * {@link Progress} (`operation: 'save'`).
 */
export interface SaveOptions extends ProgressOptions {
  /** Validate with class-validator before writing (default: the repository's `validate`). */
  validate?: ValidateOption;
}

/**
 * Options of `Repository.delete()`. With `onProgress`, the delete reports the rows and cell
 * mutations (a row's delete is one per family) it has sent after each call of its batch (split to
 * fit the frame size) and once at its end: see {@link Progress} (`operation: 'delete'`).
 */
export interface DeleteOptions extends ProgressOptions {}

/** One page of a cursor-paginated scan. */
export interface Page<T> {
  /** The entities of this page. */
  items: T[];
  /** Pass as `after` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** One cell per row, without its value: the cheapest way to see which rows exist. */
const KEYS_ONLY = Filter.and(Filter.firstKeyOnly(), Filter.keyOnly());

/** Scan options that `count()` has no use for: it reads no cell. */
const NOT_COUNTED = ['select', 'batchSize', 'versions', 'onDecodeError'] as const;

const FIND_OPTIONS = ['select', 'timestamp', 'timeRange', 'versions', 'onDecodeError'] as const;

/** @internal What a find reads, validated. */
interface ReadOptions {
  columns: Buffer[] | undefined;
  timestamp: number | bigint | undefined;
  /** As given (validated): the client reads it. */
  timeRange: TimeRange | undefined;
  versions: number | undefined;
  onDecodeError: DecodeErrorHandler;
}

/**
 * Reads and writes the entities of one class. Stateless (no identity map, no hidden reads) and
 * safe to share between concurrent requests; with a `ConnectionPool` each call leases a connection.
 *
 * Saving follows one rule: a field that is `undefined` is left as it is in HBase, a field that is
 * `null` has its cell deleted. Counters are changed only by {@link Repository.increment}.
 *
 * @example
 * ```ts
 * const users = new Repository(User, pool);
 * await users.save(Object.assign(new User(), { id: 'u1', name: 'Ada' }));
 * const ada = await users.findOne('u1');
 * for await (const user of users.scan({ prefix: 'u', limit: 10 })) console.log(user.name);
 * ```
 */
export class Repository<E extends object> {
  /** The connection pool or connection the repository uses. */
  readonly source: ConnectionSource;
  readonly #meta: EntityMetadata;
  readonly #space: KeySpace;
  readonly #validate: ValidateOption | undefined;

  /**
   * Validates the entity's declaration now (throwing `MetadataError`), so mistakes surface early.
   * `options.validate`: see {@link RepositoryOptions}.
   */
  constructor(entity: EntityClass<E>, source: ConnectionSource, options?: RepositoryOptions) {
    this.#meta = entityMetadata(entity);
    this.#space = keySpaceOf(this.#meta);
    indexesOf(this.#meta);
    this.source = requireConnectionSource(source);
    this.#validate = requireRepositoryOptions(options).validate;
  }

  /** The table name of the entity (without the connection's prefix). */
  get tableName(): string {
    return this.#meta.table;
  }

  /** @internal The entity class's name (for tracing). */
  get entityName(): string {
    return this.#meta.name;
  }

  /** Finds one entity by key; `undefined` when the row does not exist. */
  findOne(key: KeyInput<E>): Promise<E | undefined>;
  findOne<K extends keyof E & string>(
    key: KeyInput<E>,
    options: FindOptions<K>,
  ): Promise<Pick<E, K> | undefined>;
  async findOne(key: KeyInput<E>, options?: FindOptions<string>): Promise<E | undefined> {
    const encoded = encodeKey(this.#meta, key);
    const read = this.#readOptions(options);
    const [entity] = await this.#withTable(async (table) => {
      requireKeyFits(table, encoded, 'key');
      return this.#read(table, [encoded], read);
    });
    if (entity !== undefined) await afterLoad(this.#meta, [entity]);
    return entity;
  }

  /** Like {@link Repository.findOne}, but a missing row is an {@link EntityNotFoundError}. */
  findOneOrFail(key: KeyInput<E>): Promise<E>;
  findOneOrFail<K extends keyof E & string>(key: KeyInput<E>, options: FindOptions<K>): Promise<Pick<E, K>>;
  async findOneOrFail(key: KeyInput<E>, options?: FindOptions<string>): Promise<E> {
    const entity = await this.findOne(key, options as FindOptions<keyof E & string>);
    if (entity === undefined) throw new EntityNotFoundError(this.#meta.name, encodeKey(this.#meta, key));
    return entity as E;
  }

  /** Finds several entities in one round trip, in the order of `keys`; missing rows are left out. */
  findMany(keys: readonly KeyInput<E>[]): Promise<E[]>;
  findMany<K extends keyof E & string>(
    keys: readonly KeyInput<E>[],
    options: FindOptions<K>,
  ): Promise<Array<Pick<E, K>>>;
  async findMany(keys: readonly KeyInput<E>[], options?: FindOptions<string>): Promise<E[]> {
    if (!Array.isArray(keys)) throw new InvalidArgumentError('keys', 'an array of keys', keys);
    const encoded = keys.map((key, i) => encodeKey(this.#meta, key, `keys[${i}]`));
    const read = this.#readOptions(options);
    if (encoded.length === 0) return [];
    const entities = await this.#withTable((table) => {
      for (const [i, key] of encoded.entries()) requireKeyFits(table, key, `keys[${i}]`);
      return this.#read(table, encoded, read);
    });
    await afterLoad(this.#meta, entities);
    return entities;
  }

  /** Whether a row exists for the key (reads no cell values). */
  async exists(key: KeyInput<E>): Promise<boolean> {
    const encoded = encodeKey(this.#meta, key);
    return this.#withTable(async (table) => {
      requireKeyFits(table, encoded, 'key');
      // One `exists` call on Thrift2; a key-only scan of at most one row on Thrift1.
      return table.exists(encoded);
    });
  }

  /**
   * Writes the fields that are set (a blind put: nothing is read first). Several entities are
   * written in one batch. Fields set to `null` have their cells deleted.
   *
   * An entity with a `@VersionColumn` is written only if its row is still at the version the
   * entity carries (absent, for a new one), together with the next version, in one atomic
   * `checkAndMutate` per entity (a Thrift2 gateway); the entity's version field is then set to it.
   * A conflict rejects with `OptimisticLockError`: nothing of that entity was written, the
   * entities before it in the list were.
   */
  async save(entities: E | readonly E[], options?: SaveOptions): Promise<void> {
    const o = requireOptions(options, 'options', ['onProgress', 'progressInterval', 'validate']);
    const settings = progressSettings(o);
    const progress = batchMeter(settings && new ProgressMeter('save', settings));
    await prepareSave(this.#meta, entities, this.#validate, o.validate);
    const list = Array.isArray(entities) ? entities : [entities as E];
    // prepareSave refused anything but objects.
    const writes = list.map((entity, i) =>
      entityWrites(this.#meta, entity as Record<string, unknown>, argumentAt(entities, i)),
    );
    // Index entries are computed (and checked) before anything is sent: see writeWithIndexes.
    const entries = list.flatMap((entity, i) =>
      indexEntriesOf(this.#meta, entity as Record<string, unknown>, writes[i]!.key, argumentAt(entities, i)),
    );
    const version = this.#meta.versionColumn;
    if (version === undefined) {
      await writeWithIndexes(this.source, entries, () => this.#write(writes, progress));
      progress?.finish();
      return;
    }
    // Every entity's version is checked before the first is written.
    const versioned = writes.map((w, i) => ({
      ...w,
      expectedVersion: carriedVersion(version, list[i] as Record<string, unknown>, argumentAt(entities, i)),
    }));
    await writeWithIndexes(
      this.source,
      entries,
      () =>
        this.#writeVersioned(
          versioned,
          (i, next) => {
            (list[i] as Record<string, unknown>)[version.property] = next;
          },
          progress,
        ),
      true,
    );
    progress?.finish();
  }

  /**
   * Writes versioned entities one by one (see {@link Repository.save}); `stored(i, version)` is
   * told each version stored; `progress` (a save's) counts each write.
   */
  async #writeVersioned(
    writes: VersionedWrites[],
    stored: (index: number, version: number) => void,
    progress?: ProgressMeter,
  ): Promise<void> {
    const version = this.#meta.versionColumn!;
    await this.#withTable(async (table) => {
      for (const w of writes) requireKeyFits(table, w.key, w.keyArgument);
      for (const [i, w] of writes.entries()) {
        stored(i, await writeVersioned(this.#meta, version, table, w));
        const lastEntity = i === writes.length - 1;
        if (progress) countCheckedWrite(progress, w, version.column, lastEntity && w.timed.length === 0);
        // Its histories with their own timestamps, which the checked write cannot carry, follow
        // it at once: a conflict on a later entity must not leave this one without them.
        await this.#writeTimed(table, [w], progress, lastEntity);
      }
    });
  }

  /**
   * Writes what saving entities (or updating one) produced; nothing is sent for nothing. Its
   * batches count into `progress` (a save's), if given.
   */
  async #write(writes: EntityWrites[], progress?: ProgressMeter): Promise<void> {
    if (writes.length === 0) return;
    await this.#withTable(async (table) => {
      // Every key is checked before the first batch: a batch refuses a key only when it is queued,
      // after the entities before it were queued, and the batches send what was queued.
      for (const w of writes) requireKeyFits(table, w.key, w.keyArgument);
      const timed = writes.some((w) => w.timed.length > 0);
      await new Batch(table, {}, progress, !timed).run(async (batch) => {
        for (const w of writes) {
          if (w.deletes.length > 0) await batch.delete(w.key, { columns: w.deletes });
          if (w.puts.size > 0) await batch.put(w.key, w.puts);
        }
      });
      await this.#writeTimed(table, writes, progress, true);
    });
  }

  /**
   * Writes history entries with their own timestamps: one batch per timestamp. `last`: these are
   * the last writes of the save whose `progress` counts them (its final report follows).
   */
  async #writeTimed(
    table: Table,
    writes: readonly EntityWrites[],
    progress: ProgressMeter | undefined,
    last: boolean,
  ): Promise<void> {
    // Keyed by bigint: 5 and 5n are one timestamp.
    const byTimestamp = new Map<bigint, Array<{ key: Buffer; column: Buffer; value: Buffer }>>();
    for (const w of writes) {
      for (const t of w.timed) {
        const at = BigInt(t.timestamp);
        const group = byTimestamp.get(at) ?? [];
        group.push({ key: w.key, column: t.column, value: t.value });
        byTimestamp.set(at, group);
      }
    }
    let batchesLeft = byTimestamp.size;
    for (const [timestamp, cells] of byTimestamp) {
      await new Batch(table, { timestamp }, progress, last && --batchesLeft === 0).run(async (batch) => {
        for (const cell of cells) await batch.put(cell.key, new Map([[cell.column, cell.value]]));
      });
    }
  }

  /**
   * Writes the given fields of the entity with this key (same rule as save: `undefined` leaves a
   * cell, `null` deletes it). Key fields cannot be changed.
   *
   * For an entity with a `@VersionColumn`, `changes` must carry the version that was read: the
   * update is applied (with the next version) only if the row is still at it, else it rejects
   * with `OptimisticLockError`, writing nothing.
   *
   * @example
   * ```ts
   * await users.update('ada', { name: 'Ada King', email: null }); // email's cell is deleted
   * ```
   */
  async update(key: KeyInput<E>, changes: EntityChanges<E>, options?: UpdateOptions): Promise<void> {
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      throw new InvalidArgumentError('changes', `an object of ${this.#meta.name} fields`, changes);
    }
    for (const part of this.#meta.keyParts) {
      if ((changes as Record<string, unknown>)[part.property] !== undefined) {
        throw new InvalidArgumentError(
          `changes.${part.property}`,
          'no key field (the key of a row cannot change)',
          part.property,
        );
      }
    }
    const entity: Record<string, unknown> = { ...changes };
    assignKeyFields(this.#meta, entity, encodeKey(this.#meta, key));
    await prepareUpdate(this.#meta, entity, this.#validate, options);
    // Named `changes`: every field but the key's (decoded from `key` just above) came from there.
    const writes = { ...entityWrites(this.#meta, entity, 'changes'), keyArgument: 'key' };
    const entries = indexEntriesOf(this.#meta, entity, writes.key, 'changes');
    const version = this.#meta.versionColumn;
    if (version === undefined) {
      await writeWithIndexes(this.source, entries, () => this.#write([writes]));
      return;
    }
    const expectedVersion = carriedVersion(version, entity, 'changes');
    if (expectedVersion === undefined) {
      throw new InvalidArgumentError(
        `changes.${version.property}`,
        `the version read (${this.#meta.name} has a @VersionColumn: updates are checked against it)`,
        undefined,
      );
    }
    await writeWithIndexes(
      this.source,
      entries,
      () => this.#writeVersioned([{ ...writes, expectedVersion }], () => {}),
      true,
    );
  }

  /**
   * Deletes whole rows: by key, by entity, or several at once (one batch, which `onProgress`
   * follows).
   */
  async delete(target: KeyInput<E> | readonly KeyInput<E>[], options?: DeleteOptions): Promise<void> {
    const settings = progressSettings(requireOptions(options, 'options', ['onProgress', 'progressInterval']));
    const progress = batchMeter(settings && new ProgressMeter('delete', settings));
    const many = Array.isArray(target) && !(this.#meta.keyParts.length > 1 && !isKeyList(target));
    const keys: Array<[key: Buffer, argument: string]> = many
      ? (target as readonly KeyInput<E>[]).map((k, i) => [
          encodeKey(this.#meta, k, `keys[${i}]`),
          keyArgumentOf(this.#meta, k, `keys[${i}]`),
        ])
      : [[encodeKey(this.#meta, target), keyArgumentOf(this.#meta, target, 'key')]];
    if (keys.length > 0) {
      await this.#withTable(async (table) => {
        // All checked before the batch, which would send the keys queued before a refused one.
        for (const [key, argument] of keys) requireKeyFits(table, key, argument);
        await new Batch(table, {}, progress, true).run(async (batch) => {
          for (const [key] of keys) await batch.delete(key);
        });
      });
    }
    progress?.finish();
  }

  /**
   * Atomically adds `by` (default 1, may be negative) to a `@Counter` field; returns the new value.
   * Only bigint fields compile (see {@link CounterField}); one that is not a `@Counter` is rejected.
   */
  async increment(key: KeyInput<E>, field: CounterField<E>, by: number | bigint = 1): Promise<bigint> {
    const counter = this.#meta.counters.find((c) => c.property === field);
    if (!counter) {
      const names = this.#meta.counters.map((c) => c.property).join(', ') || 'none';
      throw new InvalidArgumentError('field', `a @Counter field of ${this.#meta.name} (${names})`, field);
    }
    const amount = requireInt64(by, 'by');
    const encoded = encodeKey(this.#meta, key);
    return this.#withTable(async (table) => {
      requireKeyFits(table, encoded, 'key');
      return table.counterInc(encoded, counter.column, amount);
    });
  }

  /**
   * Scans entities in key order. Bounds and prefix are typed keys; an `undefined`, `null` or empty
   * bound is an error, never a scan of the whole table.
   *
   * For a `salted(...)` key, key order is the inner key's order: every bucket is scanned with the
   * bounds and the buckets are merged, holding at most two batches per bucket.
   *
   * @example
   * ```ts
   * for await (const event of events.scan({ prefix: { userId: 'u1' }, limit: 20 })) { ... }
   * ```
   */
  scan(options?: EntityScanOptions<E, keyof E & string> & { select?: undefined }): EntityScan<E>;
  scan<K extends keyof E & string>(
    options: EntityScanOptions<E, K> & { select: readonly K[] },
  ): EntityScan<Pick<E, K>>;
  scan(options: EntityScanOptions<E, string> = {}): EntityScan<E> {
    const plan = this.#scanPlan(requireOptions(options, 'options', SCAN_OPTIONS));
    const map = this.#scannedEntity(plan);
    return new EntityScan<E>(() => afterLoadEach(this.#meta, this.#rows(plan, undefined, map)));
  }

  /**
   * The first entity of a scan in key order (the last, with `reverse`), usually with a `where`;
   * `undefined` when none matches. Takes the options of {@link Repository.scan} but `limit`.
   *
   * @example
   * ```ts
   * const admin = await users.findFirst({ where: { role: 'admin', email: exists() } });
   * ```
   */
  findFirst(
    options?: Omit<EntityScanOptions<E, keyof E & string>, 'limit'> & { select?: undefined },
  ): Promise<E | undefined>;
  findFirst<K extends keyof E & string>(
    options: Omit<EntityScanOptions<E, K>, 'limit'> & { select: readonly K[] },
  ): Promise<Pick<E, K> | undefined>;
  async findFirst(options: EntityScanOptions<E, string> = {}): Promise<E | undefined> {
    const o = requireOptions(options, 'options', SCAN_OPTIONS);
    if (o.limit !== undefined) {
      throw new InvalidArgumentError(
        'options.limit',
        'no limit in findFirst() (it reads one entity)',
        o.limit,
      );
    }
    // The first in key order: a parallel scan of it must be ordered.
    const scan = {
      ...o,
      limit: 1,
      ...(o.parallel === undefined ? {} : { ordered: true }),
    } as EntityScanOptions<E, keyof E & string> & { select?: undefined };
    const [first] = await this.scan(scan).toArray();
    return first;
  }

  /**
   * Reads one page of a scan: `size` entities after the `after` cursor of the previous page.
   *
   * Cursors are opaque strings, safe to hand to API clients: a cursor is bound to the entity and
   * to the scan's range (bounds or prefix, and direction), and must point inside that range, so
   * whatever a client sends back never widens the scan — at most it skips ahead within it. A
   * malformed cursor, or one of another scan, is an `InvalidArgumentError` for `options.after`,
   * raised before anything is sent. (Cursors are not encrypted: they carry the last row key of
   * the page, which the page's items show anyway.)
   */
  async page(
    options: EntityScanOptions<E, keyof E & string> & { size: number; after?: string },
  ): Promise<Page<E>> {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new InvalidArgumentError('options', 'an object with `size`', options);
    }
    const o = requireOptions(options, 'options', PAGE_OPTIONS);
    // A page's length is `size`; a `limit` beside it would be ignored, so it is refused.
    if (o.limit !== undefined) {
      throw new InvalidArgumentError('options.limit', 'no limit in page() (a page has `size`)', o.limit);
    }
    const pageSize = requireInteger(o.size, 'options.size', 1, 100_000);
    const plan = this.#scanPlan(o);
    const scope = pageScope(this.#meta.table, plan.range);
    const resume =
      o.after === undefined ? undefined : resumeAfter(this.#meta, this.#space, plan, scope, o.after);
    // Reversed, the next page starts at the cursor's row itself: it is read and dropped.
    const skip = plan.range.reverse ? resume : undefined;
    plan.shared.limit = pageSize + 1 + (skip ? 1 : 0);
    const rows: Array<RowEntry<RowData>> = [];
    const iterator = this.#rows(plan, resume, (entry) => entry);
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      if (skip && logicalKey(this.#space, r.value[0]).equals(skip)) continue;
      rows.push(r.value);
    }
    // The row after the page only tells that there is a next page: it is not decoded (nor would a
    // lenient read report its cells).
    const items = rows.slice(0, pageSize).map(this.#scannedEntity(plan));
    await afterLoad(this.#meta, items);
    if (rows.length <= pageSize) return { items };
    return { items, nextCursor: encodePageCursor(scope, rows[pageSize - 1]![0]) };
  }

  /**
   * Counts the rows in a range, transferring keys only (FirstKeyOnly + KeyOnly filters). Having
   * no cell to read, it refuses `select`, `batchSize` and `onDecodeError` rather than ignore them.
   */
  async count(
    options: Omit<EntityScanOptions<E>, 'select' | 'batchSize' | 'onDecodeError'> = {},
  ): Promise<number> {
    const o = requireOptions(options, 'options', SCAN_OPTIONS);
    for (const option of NOT_COUNTED) {
      if (o[option] !== undefined) {
        throw new InvalidArgumentError(
          `options.${option}`,
          `no ${option} in count() (it reads no cell: keys only)`,
          o[option],
        );
      }
    }
    const plan = this.#scanPlan(o);
    // A where that tests cells needs them all (FirstKeyOnly would hide them): values are cut instead.
    const keysOnly = plan.where?.testsCells ? COUNT_WITH_CELL_TESTS : KEYS_ONLY;
    plan.shared.filter = andFilters(plan.shared.filter, keysOnly.toBuffer());
    plan.shared.batchSize = 5000;
    delete plan.shared.columns;
    if (plan.where?.countColumns) plan.shared.columns = plan.where.countColumns;
    const limit = plan.shared.limit ?? Number.POSITIVE_INFINITY;
    const meter = plan.progress && new ProgressMeter('count', plan.progress);
    let count = 0;
    // No order is needed to count: the runs (salt buckets) are counted one after the other.
    const order = runOrder(this.#space, plan);
    for (const run of runsOf(this.#space, plan, undefined)) {
      if (count >= limit) break;
      run.limit = limit === Number.POSITIVE_INFINITY ? undefined : limit - count;
      const rows = iterateRuns(this.source, this.#meta.table, [run], order, () => true, meter);
      while (!(await rows.next()).done) count++;
    }
    meter?.finish();
    return count;
  }

  /**
   * Saves many entities fast, through a bulk writer (see the bulk-writes guide): batches grouped
   * by region, `parallel` in flight over the pool, bounded memory. `entities`: an array, iterable
   * or async iterable (a stream), read as room allows. Resolves with the number saved; a failed
   * batch rejects with `BulkWriteError`. Not for entities with `@Index` or `@VersionColumn`.
   */
  saveAll(entities: Iterable<E> | AsyncIterable<E>, options?: SaveAllOptions): Promise<number> {
    return saveAll(this.#meta, this.source, entities, this.#validate, options);
  }

  /**
   * The row that saving `entity` writes (key, cells, deletes), without writing it: see
   * {@link toRow}.
   */
  toRow(entity: E): EntityRow {
    return toRow(this.#meta.target as EntityClass<E>, entity);
  }

  /** Builds an entity from a raw client row (`table.row()`, `table.scan()`): see {@link fromRow}. */
  fromRow(key: BytesLike, row: RowData | RowDataWithTimestamps, options?: FromRowOptions): E {
    return fromRow(this.#meta.target as EntityClass<E>, key, row, options);
  }

  /**
   * A secondary index the entity declares with `@Index` (see {@link EntityIndex}): lookups and
   * ranges that return only entities whose current values match. An unknown name is an
   * `InvalidArgumentError`.
   *
   * An entity that declares its indexes under `IndexFields` has its index names and values
   * typed from that. Otherwise a name of the default form, `by` and a field's name capitalized
   * (`byEmail`), types the lookup values as that field's type; another name takes them as a type
   * argument (`users.index<readonly [string, number?]>('byPlanAndAge')` for leading values of a
   * composite index), `unknown` by default.
   */
  index<N extends keyof IndexLookups<E> & string>(name: N): EntityIndex<E, IndexLookups<E>[N]>;
  index<V = IndexValue>(name: UndeclaredIndexName<E>): EntityIndex<E, V>;
  index(name: string): EntityIndex<E> {
    return new EntityIndex<E>(this, indexNamed(this.#meta, name));
  }

  /**
   * @internal Reads entities as `findMany` does (histories included), running no `@AfterLoad`
   * hook: index reads check what was read before hooks may change it.
   */
  async readWithoutHooks(keys: Buffer[], onDecodeError: DecodeErrorHandler): Promise<E[]> {
    if (keys.length === 0) return [];
    const read = this.#readOptions({ onDecodeError });
    return this.#withTable((table) => this.#read(table, keys, read));
  }

  /** Runs `fn` with the raw {@link Table} of the entity: the escape hatch for anything else. */
  async raw<T>(fn: (table: Table) => Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('fn', 'a function', fn);
    return this.#withTable(fn);
  }

  #withTable<T>(fn: (table: Table) => Promise<T>): Promise<T> {
    return withTable(this.source, this.#meta.table, fn);
  }

  #readOptions(options: FindOptions<string> | undefined): ReadOptions {
    const o = requireOptions(options, 'options', FIND_OPTIONS);
    if (o.select !== undefined && !Array.isArray(o.select)) {
      throw new InvalidArgumentError('options.select', 'an array of property names', o.select);
    }
    const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
    optionalTimeRange(o.timeRange, 'options.timeRange', timestamp);
    return {
      columns: columnsOf(this.#meta, o.select as string[] | undefined),
      timestamp: o.timestamp as number | bigint | undefined,
      timeRange: o.timeRange as TimeRange | undefined,
      versions: optionalInteger(o.versions, 'options.versions', 1, 2 ** 31 - 1),
      onDecodeError: requireDecodeErrorHandler(o.onDecodeError),
    };
  }

  async #read(table: Table, keys: Buffer[], read: ReadOptions): Promise<E[]> {
    const { columns, timestamp } = read;
    const wantedVersions = this.#meta.versions.filter(
      (v) => !columns || columns.some((c) => c.equals(v.column)),
    );
    if (wantedVersions.length > 0 && (await table.connection.gatewayKind()) === 'thrift2') {
      return this.#readWithHistories(table, keys, read, wantedVersions);
    }
    const rowOptions = {
      columns: columns ?? [],
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(read.timeRange === undefined ? {} : { timeRange: read.timeRange }),
    };
    // One key: `getRow`, the cheaper call (no list of keys to send, as the raw client would do).
    const rows =
      keys.length === 1
        ? await table
            .row(keys[0]!, rowOptions)
            .then((data) => (Object.keys(data).length > 0 ? [[keys[0]!, data] as const] : []))
        : await table.rows(keys, rowOptions);
    const entities: E[] = [];
    for (const [key, data] of rows) {
      // Thrift1 reads return the latest version only; histories take one call per field and row.
      let history: Map<string, Cell[]> | undefined;
      if (wantedVersions.length > 0) {
        history = new Map();
        for (const v of wantedVersions) {
          const cells = await table.cells(key, v.column, {
            versions: read.versions ?? v.maxVersions,
            ...(timestamp === undefined ? {} : { timestamp }),
            includeTimestamp: true,
          });
          if (cells.length > 0) history.set(v.columnName, cells);
        }
      }
      entities.push(entityFromRow<E>(this.#meta, key, data, history, read.onDecodeError));
    }
    return entities;
  }

  /**
   * Reads rows with the histories of `@Versions` fields in one call (Thrift2 reads carry a
   * version count): every cell's versions up to the most any field wants; the other fields take
   * the newest.
   */
  async #readWithHistories(
    table: Table,
    keys: Buffer[],
    read: ReadOptions,
    wanted: readonly VersionsMapping[],
  ): Promise<E[]> {
    const { columns, timestamp } = read;
    const limitOf = (v: VersionsMapping) => read.versions ?? v.maxVersions ?? ALL_VERSIONS;
    const rows = await table.rows(keys, {
      columns: columns ?? [],
      ...(timestamp === undefined ? {} : { timestamp }),
      ...(read.timeRange === undefined ? {} : { timeRange: read.timeRange }),
      versions: Math.max(...wanted.map(limitOf)),
      includeTimestamp: true,
    });
    return rows.map(([key, versioned]) => {
      const { data, history } = splitVersions(versioned, wanted, limitOf);
      return entityFromRow<E>(this.#meta, key, data, history, read.onDecodeError);
    });
  }

  /**
   * How a scanned row becomes an entity: as it is, or, for a scan with `versions` (rows with each
   * cell's versions), the newest values and the `@Versions` histories.
   */
  #scannedEntity(plan: EntityScanPlan): (entry: RowEntry<RowData>) => E {
    const versions = plan.versions;
    if (versions === undefined) {
      return ([key, data]) =>
        entityFromRow<E>(this.#meta, key, withoutHidden(plan.where, data), undefined, plan.onDecodeError);
    }
    const fields = this.#meta.versions;
    return ([key, data]) => {
      const row = withoutHidden(plan.where, data as unknown as RowVersionsWithTimestamps);
      const split = splitVersions(row, fields, () => versions);
      return entityFromRow<E>(this.#meta, key, split.data, split.history, plan.onDecodeError);
    };
  }

  #scanPlan(o: OwnScanOptions): EntityScanPlan {
    return planEntityScan(this.#meta, this.#space, o);
  }

  /** The rows of a plan (after `after`, a logical key), in key order, mapped as handed out. */
  #rows<T>(
    plan: EntityScanPlan,
    after: Buffer | undefined,
    map: (entry: RowEntry<RowData>) => T,
  ): AsyncIterator<T> {
    return planRows(this.source, this.#meta, this.#space, plan, after, map);
  }
}

// Every operation publishes on the `hbase-mapper:repository` TracingChannel (see there).
traceRepositoryOperations(Repository.prototype);

/**
 * Refuses an encoded key longer than the table's rows may have (see `Table.maxRowKey`), naming the
 * argument or entity field it came from rather than the client's `row`.
 */
function requireKeyFits(table: Table, key: Buffer, argument: string): void {
  if (key.length > table.maxRowKey) {
    throw new InvalidArgumentError(
      argument,
      `a key of at most ${table.maxRowKey} bytes once encoded (the row key limit of table ${table.name})`,
      key,
    );
  }
}

/** What an error about the entity at `i` of a save names. */
function argumentAt(entities: unknown, i: number): string {
  return Array.isArray(entities) ? `entities[${i}]` : 'entity';
}

/** A list of keys, as opposed to one composite key given as a tuple of parts. */
function isKeyList(value: readonly unknown[]): boolean {
  return value.every((item) => typeof item === 'object' && item !== null && !(item instanceof Uint8Array));
}
