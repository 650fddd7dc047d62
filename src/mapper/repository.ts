import type { BytesLike } from '../client/bytes';
import { prefixUpperBound, toBytes } from '../client/bytes';
import { Connection } from '../client/connection';
import type { ConnectionPool } from '../client/connection-pool';
import { InvalidArgumentError } from '../client/errors';
import { Filter } from '../client/filter';
import { toFilterBytes } from '../client/filter/to-filter-bytes';
import { andFilters, quoteFilterArgument } from '../client/filter-string';
import type { Cell, RowData, RowEntry } from '../client/row-data';
import type { ScanOptions } from '../client/scan-request';
import type { Table } from '../client/table';
import { optionalBoolean, optionalInteger, requireInt64, requireOptions } from '../client/validate';
import { type ConnectionSource, requireConnectionSource, withTable } from './connection-source';
import type { CounterField, EntityChanges, KeyInput, KeyPrefix } from './entity-key';
import {
  assignKeyFields,
  columnsOf,
  type EntityWrites,
  encodeKey,
  encodeKeyPrefix,
  entityFromRow,
  entityWrites,
} from './entity-mapping';
import { EntityNotFoundError } from './entity-not-found-error';
import { EntityScan } from './entity-scan';
import { LeasedScanIterator } from './leased-scan-iterator';
import type { EntityClass, EntityMetadata } from './metadata/entity-metadata';
import { entityMetadata } from './metadata/resolve-entity';

/** Options of `findOne`, `findOneOrFail` and `findMany`. */
export interface FindOptions<K> {
  /** Read only these properties (key fields are always set). */
  select?: readonly K[];
}

/** Options of `Repository.scan()`, `count()` and `page()`. */
export interface EntityScanOptions<E, K = keyof E> {
  /** First key (inclusive). */
  start?: KeyInput<E>;
  /** Key to stop before (exclusive). */
  stop?: KeyInput<E>;
  /**
   * Only keys starting with this: leading composite key parts (`{ userId: 'u1' }`), or raw bytes
   * for a single-field key. Excludes `start`/`stop`.
   */
  prefix?: KeyPrefix<E>;
  /** Stop after this many entities. */
  limit?: number;
  /** Descending key order. */
  reverse?: boolean;
  /** A {@link Filter}, or a string in HBase's filter language. */
  filter?: Filter | BytesLike;
  /** Rows per round trip (default 1000). */
  batchSize?: number;
  /** Read only these properties. */
  select?: readonly K[];
}

/** One page of a cursor-paginated scan. */
export interface Page<T> {
  /** The entities of this page. */
  items: T[];
  /** Pass as `after` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** One cell per row, without its value: the cheapest way to see which rows exist. */
const KEYS_ONLY = Filter.and(Filter.firstKeyOnly(), Filter.keyOnly());

/** Scans of entities never ask for timestamps. */
type RowScanOptions = ScanOptions & { includeTimestamp?: false };

const SCAN_OPTIONS = [
  'start',
  'stop',
  'prefix',
  'limit',
  'reverse',
  'filter',
  'batchSize',
  'select',
] as const;

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

  /** Validates the entity's declaration now (throwing `MetadataError`), so mistakes surface early. */
  constructor(entity: EntityClass<E>, source: ConnectionSource) {
    this.#meta = entityMetadata(entity);
    this.source = requireConnectionSource(source);
  }

  /** The table name of the entity (without the connection's prefix). */
  get tableName(): string {
    return this.#meta.table;
  }

  /** Finds one entity by key; `undefined` when the row does not exist. */
  findOne(key: KeyInput<E>): Promise<E | undefined>;
  findOne<K extends keyof E & string>(
    key: KeyInput<E>,
    options: FindOptions<K>,
  ): Promise<Pick<E, K> | undefined>;
  async findOne(key: KeyInput<E>, options?: FindOptions<string>): Promise<E | undefined> {
    const encoded = encodeKey(this.#meta, key);
    const select = this.#select(options);
    return this.#withTable(async (table) => {
      const [entity] = await this.#read(table, [encoded], select);
      return entity;
    });
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
    const select = this.#select(options);
    if (encoded.length === 0) return [];
    return this.#withTable((table) => this.#read(table, encoded, select));
  }

  /** Whether a row exists for the key (reads no cell values). */
  async exists(key: KeyInput<E>): Promise<boolean> {
    const encoded = encodeKey(this.#meta, key);
    return this.#withTable(async (table) => {
      const rows = await table
        .scan({
          rowStart: encoded,
          rowStop: Buffer.concat([encoded, Buffer.from([0])]),
          filter: KEYS_ONLY,
          limit: 1,
        })
        .toArray();
      return rows.length === 1;
    });
  }

  /**
   * Writes the fields that are set (a blind put: nothing is read first). Several entities are
   * written in one batch. Fields set to `null` have their cells deleted.
   */
  async save(entities: E | readonly E[]): Promise<void> {
    const list = Array.isArray(entities) ? entities : [entities as E];
    const writes = list.map((entity, i) => {
      if (typeof entity !== 'object' || entity === null) {
        throw new InvalidArgumentError(
          Array.isArray(entities) ? `entities[${i}]` : 'entity',
          `a ${this.#meta.name}`,
          entity,
        );
      }
      return entityWrites(
        this.#meta,
        entity as Record<string, unknown>,
        Array.isArray(entities) ? `entities[${i}]` : 'entity',
      );
    });
    await this.#write(writes);
  }

  /** Writes what saving entities (or updating one) produced; nothing is sent for nothing. */
  async #write(writes: EntityWrites[]): Promise<void> {
    if (writes.length === 0) return;
    await this.#withTable(async (table) => {
      await table.batch({}, async (batch) => {
        for (const w of writes) {
          if (w.deletes.length > 0) await batch.delete(w.key, { columns: w.deletes });
          if (w.puts.size > 0) await batch.put(w.key, w.puts);
        }
      });
      // Versions with their own timestamps: one batch per timestamp (a batch has one timestamp).
      const byTimestamp = new Map<number, Array<{ key: Buffer; column: Buffer; value: Buffer }>>();
      for (const w of writes) {
        for (const t of w.timed) {
          const group = byTimestamp.get(t.timestamp) ?? [];
          group.push({ key: w.key, column: t.column, value: t.value });
          byTimestamp.set(t.timestamp, group);
        }
      }
      for (const [timestamp, cells] of byTimestamp) {
        await table.batch({ timestamp }, async (batch) => {
          for (const cell of cells) await batch.put(cell.key, new Map([[cell.column, cell.value]]));
        });
      }
    });
  }

  /**
   * Writes the given fields of the entity with this key (same rule as save: `undefined` leaves a
   * cell, `null` deletes it). Key fields cannot be changed.
   *
   * @example
   * ```ts
   * await users.update('ada', { name: 'Ada King', email: null }); // email's cell is deleted
   * ```
   */
  async update(key: KeyInput<E>, changes: EntityChanges<E>): Promise<void> {
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
    // Named `changes`: every field but the key's (decoded from `key` just above) came from there.
    await this.#write([entityWrites(this.#meta, entity, 'changes')]);
  }

  /** Deletes whole rows: by key, by entity, or several at once (one batch). */
  async delete(target: KeyInput<E> | readonly KeyInput<E>[]): Promise<void> {
    const many = Array.isArray(target) && !(this.#meta.keyParts.length > 1 && !isKeyList(target));
    const keys = many
      ? (target as readonly KeyInput<E>[]).map((k, i) => encodeKey(this.#meta, k, `keys[${i}]`))
      : [encodeKey(this.#meta, target)];
    if (keys.length === 0) return;
    await this.#withTable((table) =>
      table.batch({}, async (batch) => {
        for (const key of keys) await batch.delete(key);
      }),
    );
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
    return this.#withTable((table) => table.counterInc(encoded, counter.column, amount));
  }

  /**
   * Scans entities in key order. Bounds and prefix are typed keys; an `undefined`, `null` or empty
   * bound is an error, never a scan of the whole table.
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
    const scanOptions = this.#scanOptions(options);
    return new EntityScan<E>(() => this.#iterate(scanOptions));
  }

  /**
   * Reads one page of a scan: `size` entities after the `after` cursor of the previous page.
   * Cursors are opaque strings, safe to hand to API clients.
   */
  async page(
    options: EntityScanOptions<E, keyof E & string> & { size: number; after?: string },
  ): Promise<Page<E>> {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new InvalidArgumentError('options', 'an object with `size`', options);
    }
    // A page's length is `size`; a `limit` beside it would be ignored, so it is refused.
    if ((options as { limit?: unknown }).limit !== undefined) {
      throw new InvalidArgumentError(
        'options.limit',
        'no limit in page() (a page has `size`)',
        (options as { limit?: unknown }).limit,
      );
    }
    const { size, after, ...rest } = options;
    const pageSize = optionalInteger(size, 'options.size', 1, 100_000)!;
    if (pageSize === undefined) throw new InvalidArgumentError('options.size', 'an integer >= 1', size);
    const scanOptions = this.#scanOptions({ ...rest, limit: undefined });
    let skip: Buffer | undefined;
    if (after !== undefined) {
      if (typeof after !== 'string' || after.length === 0) {
        throw new InvalidArgumentError('options.after', 'a cursor returned by a previous page', after);
      }
      skip = Buffer.from(after, 'base64url');
      // Resume at the cursor's row (inclusive bounds are all Thrift1 has) and drop it below. A
      // prefix cannot be combined with a start row, so it becomes a stop row and a PrefixFilter.
      const prefix = scanOptions.rowPrefix;
      if (prefix !== undefined) {
        const prefixBytes = toBytes(prefix, 'options.prefix');
        delete scanOptions.rowPrefix;
        if (!scanOptions.reverse) scanOptions.rowStop = prefixUpperBound(prefixBytes);
        const prefixFilter = Buffer.concat([
          Buffer.from('PrefixFilter('),
          quoteFilterArgument(prefixBytes),
          Buffer.from(')'),
        ]);
        scanOptions.filter = andFilters(
          scanOptions.filter === undefined ? undefined : toFilterBytes(scanOptions.filter, 'options.filter'),
          prefixFilter,
        );
      }
      scanOptions.rowStart = skip;
    }
    scanOptions.limit = pageSize + 1 + (skip ? 1 : 0);
    const items: E[] = [];
    const keys: Buffer[] = [];
    await this.#withTable(async (table) => {
      for await (const [key, data] of table.scan(scanOptions)) {
        if (skip && key.equals(skip)) continue;
        items.push(entityFromRow<E>(this.#meta, key, data, undefined));
        keys.push(key);
      }
    });
    if (items.length <= pageSize) return { items: items.slice(0, pageSize) };
    return { items: items.slice(0, pageSize), nextCursor: keys[pageSize - 1]!.toString('base64url') };
  }

  /** Counts the rows in a range, transferring keys only (FirstKeyOnly + KeyOnly filters). */
  async count(options: Omit<EntityScanOptions<E>, 'select' | 'batchSize'> = {}): Promise<number> {
    const scanOptions = this.#scanOptions(options as EntityScanOptions<E, string>);
    scanOptions.filter = andFilters(
      scanOptions.filter === undefined ? undefined : toFilterBytes(scanOptions.filter, 'options.filter'),
      KEYS_ONLY.toBuffer(),
    );
    scanOptions.batchSize = 5000;
    delete scanOptions.columns;
    return this.#withTable(async (table) => {
      let count = 0;
      for await (const _ of table.scan(scanOptions)) count++;
      return count;
    });
  }

  /** Runs `fn` with the raw {@link Table} of the entity: the escape hatch for anything else. */
  async raw<T>(fn: (table: Table) => Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('fn', 'a function', fn);
    return this.#withTable(fn);
  }

  #withTable<T>(fn: (table: Table) => Promise<T>): Promise<T> {
    return withTable(this.source, this.#meta.table, fn);
  }

  #select(options: FindOptions<string> | undefined): Buffer[] | undefined {
    const o = requireOptions(options, 'options', ['select']);
    if (o.select !== undefined && !Array.isArray(o.select)) {
      throw new InvalidArgumentError('options.select', 'an array of property names', o.select);
    }
    return columnsOf(this.#meta, o.select as string[] | undefined);
  }

  async #read(table: Table, keys: Buffer[], columns: Buffer[] | undefined): Promise<E[]> {
    // One key: `getRow`, the cheaper call (no list of keys to send, as the raw client would do).
    const rows =
      keys.length === 1
        ? await table
            .row(keys[0]!, { columns: columns ?? [] })
            .then((data) => (Object.keys(data).length > 0 ? [[keys[0]!, data] as const] : []))
        : await table.rows(keys, { columns: columns ?? [] });
    const wantedVersions = this.#meta.versions.filter(
      (v) => !columns || columns.some((c) => c.equals(v.column)),
    );
    const entities: E[] = [];
    for (const [key, data] of rows) {
      // Thrift1 reads return the latest version only; histories take one call per field and row.
      let history: Map<string, Cell[]> | undefined;
      if (wantedVersions.length > 0) {
        history = new Map();
        for (const v of wantedVersions) {
          const cells = await table.cells(key, v.column, { versions: v.maxVersions, includeTimestamp: true });
          if (cells.length > 0) history.set(v.columnName, cells);
        }
      }
      entities.push(entityFromRow<E>(this.#meta, key, data, history));
    }
    return entities;
  }

  #scanOptions(options: EntityScanOptions<E, string>): RowScanOptions {
    const o = requireOptions(options, 'options', SCAN_OPTIONS);
    for (const bound of ['start', 'stop', 'prefix'] as const) {
      if (bound in (options as object) && o[bound] === undefined) {
        throw new InvalidArgumentError(
          `options.${bound}`,
          'a key (an undefined bound would scan the whole table)',
          undefined,
        );
      }
    }
    if (o.prefix !== undefined && (o.start !== undefined || o.stop !== undefined)) {
      throw new InvalidArgumentError('options.prefix', 'no start or stop alongside it', o.prefix);
    }
    const scan: RowScanOptions = {
      limit: optionalInteger(o.limit, 'options.limit', 1),
      reverse: optionalBoolean(o.reverse, 'options.reverse'),
      batchSize: optionalInteger(o.batchSize, 'options.batchSize', 1),
    };
    if (o.start !== undefined) scan.rowStart = encodeKey(this.#meta, o.start, 'options.start');
    if (o.stop !== undefined) scan.rowStop = encodeKey(this.#meta, o.stop, 'options.stop');
    if (o.prefix !== undefined) {
      const prefix = encodeKeyPrefix(this.#meta, o.prefix, 'options.prefix');
      if (prefix.length === 0)
        throw new InvalidArgumentError('options.prefix', 'a non-empty prefix', o.prefix);
      scan.rowPrefix = prefix;
    }
    if (o.filter !== undefined) scan.filter = toFilterBytes(o.filter, 'options.filter');
    const columns = columnsOf(this.#meta, o.select as string[] | undefined);
    if (columns !== undefined) scan.columns = columns;
    return scan;
  }

  #iterate(scanOptions: RowScanOptions): AsyncIterator<E> {
    const map = ([key, data]: RowEntry<unknown>) =>
      entityFromRow<E>(this.#meta, key, data as RowData, undefined);
    if (this.source instanceof Connection) {
      return this.source.table(this.#meta.table).scan(scanOptions).iterate({ map });
    }
    // A scan keeps its server-side scanner on one gateway connection: lease it for the whole run.
    return new LeasedScanIterator(this.source as ConnectionPool, (lease) =>
      lease.connection
        .table(this.#meta.table)
        .scan(scanOptions)
        .iterate({ map, onEnd: () => lease.release() }),
    );
  }
}

/** A list of keys, as opposed to one composite key given as a tuple of parts. */
function isKeyList(value: readonly unknown[]): boolean {
  return value.every((item) => typeof item === 'object' && item !== null && !(item instanceof Uint8Array));
}
