import { InvalidArgumentError } from '../../client/errors';
import { optionalBoolean, requireInteger, requireOptions } from '../../client/validate';
import type { IndexFields } from '../../decorators/index-fields';
import { type DecodeErrorHandler, encodeKey, entityFromRow } from '../entity-mapping';
import { EntityScan } from '../entity-scan';
import { afterLoad } from '../lifecycle/entity-hooks';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { Repository } from '../repository';
import { requireDecodeErrorHandler } from '../row-conversion';
import { type IndexRange, type IndexValue, indexRange, type RangeBounds } from './index-bounds';
import { type CheckedEntry, checkEntries, type IndexSite, repairEntry } from './index-check';
import { entryBatches } from './index-entries';
import {
  type IndexRebuildReport,
  type IndexVerifyReport,
  rebuildIndex,
  verifyIndex,
} from './index-maintenance';
import { type IndexMetadata, indexesOf } from './index-metadata';
import { indexRowOf } from './index-writes';

/**
 * Options of {@link EntityIndex.scan}: an exact value (`equals`) or a range (`gte`/`gt` and
 * `lte`/`lt`, on an index whose codecs keep order), in index order. Values are the field's value
 * for an index of one field, or an array of leading values for an index of several.
 */
export interface IndexScanOptions<V = IndexValue> {
  /** Only entities with this value (or these leading values). Not with range bounds. */
  equals?: V;
  /** Values from this one (inclusive). */
  gte?: V;
  /** Values above this one. */
  gt?: V;
  /** Values up to this one (inclusive). */
  lte?: V;
  /** Values below this one. */
  lt?: V;
  /** Stop after this many entities (counted after stale entries are dropped). */
  limit?: number;
  /** Descending index order. */
  reverse?: boolean;
  /** Index entries read per round trip, and entities fetched per `getMultiple` (default 100). */
  batchSize?: number;
  /** What to do with a cell that does not decode (default `'throw'`), as in `findOne`. */
  onDecodeError?: DecodeErrorHandler;
}

/** Options of {@link EntityIndex.find}. */
export interface IndexFindOptions {
  /** Return at most this many entities. */
  limit?: number;
  /** What to do with a cell that does not decode (default `'throw'`), as in `findOne`. */
  onDecodeError?: DecodeErrorHandler;
}

/**
 * The indexes an entity may have under a default name (`by` and a field's name capitalized),
 * each with its field's type: what `Repository.index` types lookups with.
 */
export type DefaultIndexes<E> = {
  [F in keyof E & string as E[F] extends Function ? never : `by${Capitalize<F>}`]: NonNullable<E[F]>;
};

/** What `E` declares under {@link IndexFields}, or `never`. */
export type DeclaredIndexFields<E> = typeof IndexFields extends keyof E
  ? Exclude<E[typeof IndexFields], undefined>
  : never;

/** The tuples of leading values of an index over the fields `F` (`[plan]` or `[plan, age]`). */
export type LeadingValues<E, F> = F extends readonly [infer H, ...infer R]
  ? H extends keyof E
    ? readonly [NonNullable<E[H]>] | readonly [NonNullable<E[H]>, ...LeadingValues<E, R>]
    : never
  : never;

/**
 * The indexes `repository.index()` accepts, each with the type of its lookup values: those `E`
 * declares under {@link IndexFields}, else the default names (see {@link DefaultIndexes}).
 */
export type IndexLookups<E> = [DeclaredIndexFields<E>] extends [never]
  ? DefaultIndexes<E>
  : {
      [N in keyof DeclaredIndexFields<E>]: DeclaredIndexFields<E>[N] extends readonly unknown[]
        ? LeadingValues<E, DeclaredIndexFields<E>[N]>
        : DeclaredIndexFields<E>[N] extends keyof E
          ? NonNullable<E[DeclaredIndexFields<E>[N]]>
          : unknown;
    };

/** Any index name, unless `E` declares its indexes under {@link IndexFields}. */
export type UndeclaredIndexName<E> = [DeclaredIndexFields<E>] extends [never] ? string : never;

const SCAN_KEYS = [
  'equals',
  'gte',
  'gt',
  'lte',
  'lt',
  'limit',
  'reverse',
  'batchSize',
  'onDecodeError',
] as const;
const DEFAULT_BATCH = 100;

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
 * A secondary index of an entity (declared with `@Index`), from `repository.index(name)`. `V` is
 * the type of the values it is looked up with (see `Repository.index`).
 *
 * Every read checks each entry against its entity's current row, fetched in the same pass: an
 * entry whose entity is gone or now holds other values is never returned, and is deleted (read
 * repair) with a condition that spares an entry rewritten meanwhile. So what a read returns
 * matched the index when its row was read; see the indexes guide for what is guaranteed under
 * concurrent writers and crashes. Entities are built as `findOne` builds them (`@Versions`
 * histories included) and their `@AfterLoad` hooks run before they are handed out; the check
 * itself compares the stored cells, before any hook.
 *
 * @example
 * ```ts
 * const [ada] = await users.index('byEmail').find('ada@example.org');
 * for await (const u of users.index('byAge').scan({ gte: 18, lt: 30, limit: 50 })) console.log(u.id);
 * ```
 */
export class EntityIndex<E extends object, V = IndexValue> {
  readonly #repository: Repository<E>;
  readonly #index: IndexMetadata;
  readonly #site: IndexSite;

  /** @internal Created by `Repository.index()`. */
  constructor(repository: Repository<E>, index: IndexMetadata) {
    this.#repository = repository;
    this.#index = index;
    this.#site = { source: repository.source, table: repository.tableName, index };
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
  async find(value: V, options: IndexFindOptions = {}): Promise<E[]> {
    const o = requireOptions(options, 'options', ['limit', 'onDecodeError']);
    if (value === undefined) throw new InvalidArgumentError('value', `a value of index ${this.name}`, value);
    return this.scan({
      equals: value,
      ...(o.limit === undefined ? {} : { limit: o.limit as number }),
      onDecodeError: o.onDecodeError as DecodeErrorHandler | undefined,
    }).toArray();
  }

  /** The first entity with this value, or `undefined`. */
  async findOne(value: V, options: Omit<IndexFindOptions, 'limit'> = {}): Promise<E | undefined> {
    const o = requireOptions(options, 'options', ['onDecodeError']);
    const [first] = await this.find(value, {
      onDecodeError: o.onDecodeError as DecodeErrorHandler,
      limit: 1,
    });
    return first;
  }

  /** The entities in a range of values (or with one value), in index order, checked as they come. */
  scan(options: IndexScanOptions<V> = {}): EntityScan<E> {
    const { range, limit, reverse, batchSize, onDecodeError } = this.#scanArguments(options);
    return new EntityScan<E>(() => this.#matching(range, limit, reverse, batchSize, onDecodeError));
  }

  /** How many entities a scan with these options returns (each entry is checked, as by `scan`). */
  async count(options: Omit<IndexScanOptions<V>, 'batchSize'> = {}): Promise<number> {
    let n = 0;
    for await (const _ of this.scan(options)) n++;
    return n;
  }

  /**
   * Compares the index with the main table, changing nothing: scans the entities (counting those
   * with no entry) and the index (counting entries that do not match their entity). Works on the
   * stored cells: no entity is built, no hook runs.
   */
  verify(): Promise<IndexVerifyReport> {
    return verifyIndex(this.#site);
  }

  /**
   * Brings the index to the main table: writes the entry of every entity (with every indexed
   * field set), then removes the stale entries (with the same conditional delete as read repair).
   * For data written before the index was declared, or after `verify()` found it inconsistent.
   * Works on the stored cells, as `verify()`.
   */
  rebuild(): Promise<IndexRebuildReport> {
    return rebuildIndex(this.#site);
  }

  #scanArguments(options: IndexScanOptions<V>) {
    const o = requireOptions(options, 'options', SCAN_KEYS);
    const range = indexRange(this.#index, o as RangeBounds, 'options');
    const limit =
      o.limit === undefined
        ? Number.POSITIVE_INFINITY
        : requireInteger(o.limit, 'options.limit', 1, 2 ** 31 - 1);
    const reverse = optionalBoolean(o.reverse, 'options.reverse') ?? false;
    const batchSize =
      o.batchSize === undefined ? DEFAULT_BATCH : requireInteger(o.batchSize, 'options.batchSize', 1, 10_000);
    const onDecodeError = requireDecodeErrorHandler(o.onDecodeError);
    return { range, limit, reverse, batchSize, onDecodeError };
  }

  /** The entities of a range whose current values match their entries; stale entries repaired. */
  async *#matching(
    range: IndexRange,
    limit: number,
    reverse: boolean,
    batchSize: number,
    onDecodeError: DecodeErrorHandler,
  ): AsyncGenerator<E> {
    let returned = 0;
    for await (const entries of entryBatches(this.#site.source, this.#index, range, reverse, batchSize)) {
      const checked = await checkEntries(this.#site, entries, true);
      const entities = await this.#entitiesOf(checked, onDecodeError);
      const found: E[] = [];
      for (const [i, c] of checked.entries()) {
        const entity = entities[i];
        if (entity === undefined) await repairEntry(this.#site, c.entry);
        else if (returned + found.length < limit) found.push(entity);
      }
      await afterLoad(this.#index.meta, found);
      for (const entity of found) {
        yield entity;
        if (++returned >= limit) return;
      }
    }
  }

  /**
   * The entities of checked entries (`undefined` for a stale one), built as `findOne` builds them:
   * from the rows just read, or, for an entity with `@Versions` fields, read once more with their
   * histories (and checked again on what that read returned: a write in between makes the entry
   * stale for this read, and its repair then restores it if it matches).
   */
  async #entitiesOf(
    checked: readonly CheckedEntry[],
    onDecodeError: DecodeErrorHandler,
  ): Promise<Array<E | undefined>> {
    const meta = this.#index.meta;
    if (meta.versions.length === 0) {
      return checked.map((c) =>
        c.data === undefined
          ? undefined
          : entityFromRow<E>(meta, c.entry.mainKey, c.data, undefined, onDecodeError),
      );
    }
    const matched = checked.filter((c) => c.data !== undefined);
    const read = await this.#repository.readWithoutHooks(
      matched.map((c) => c.entry.mainKey),
      onDecodeError,
    );
    const byKey = new Map(read.map((entity) => [encodeKey(meta, entity).toString('latin1'), entity]));
    return checked.map((c) => {
      const entity = c.data === undefined ? undefined : byKey.get(c.entry.mainKey.toString('latin1'));
      return entity !== undefined && this.#matches(entity, c.entry.row, c.entry.mainKey) ? entity : undefined;
    });
  }

  /** Whether an entity's values give exactly this index row. */
  #matches(entity: E, row: Buffer, key: Buffer): boolean {
    const values = this.#index.fields.map((f) => (entity as Record<string, unknown>)[f.property]);
    if (values.some((v) => v === undefined || v === null)) return false;
    try {
      return indexRowOf(this.#index, values, key, 'entity').equals(row);
    } catch {
      // A value the codec refuses (a lenient read left a field unset or odd) matches nothing.
      return false;
    }
  }
}
