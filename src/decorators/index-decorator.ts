import { isStandardContext } from './decorator-support';

/** Options of `@Index` on a field. */
export interface IndexOptions {
  /**
   * The index's name, used by `repository.index(name)` and in its table's name
   * (`<table>.idx.<name>`): letters, digits, `_` and `-`. Default: `by` and the field's name
   * capitalized (`email` gives `byEmail`).
   */
  name?: string;
}

/** Options of `@Index` on a class: an index over several fields (a composite index key). */
export interface CompositeIndexOptions {
  /** The index's name (required: there is no single field to name it after). */
  name: string;
  /**
   * The indexed fields, in the order of the index key: entries sort by the first field, then the
   * second…; a lookup or range gives leading fields. Each must be a `@Column` field.
   */
  fields: readonly string[];
}

/** @internal One index as declared, before validation. */
export interface DeclaredIndex {
  name: string | undefined;
  fields: readonly string[];
  /** Where it was declared, for messages: the field, or the class. */
  on: 'field' | 'class';
}

/** Parks the indexes of standard (TC39) field decorators in `context.metadata`. */
const PENDING_INDEXES = Symbol.for('hbase-mapper.pending-indexes');

/**
 * Shared through `globalThis` (like the metadata store), so two copies of this library in one
 * process see the same declarations.
 */
const STORE_KEY = Symbol.for('hbase-mapper.index-store');
const globalRecord = globalThis as unknown as Record<symbol, WeakMap<Function, DeclaredIndex[]> | undefined>;
globalRecord[STORE_KEY] ??= new WeakMap();
const store: WeakMap<Function, DeclaredIndex[]> = globalRecord[STORE_KEY];

function record(target: Function, index: DeclaredIndex): void {
  const list = store.get(target) ?? [];
  list.push(index);
  store.set(target, list);
}

/**
 * Declares a secondary index, kept in an index table of its own that `syncSchema` creates and
 * that saves keep up to date in the same call (see the indexes guide for what is guaranteed).
 *
 * - On a `@Column` field: an index of that field's value (`@Index() email?: string`, read with
 *   `repository.index('byEmail')`).
 * - On the class, with `name` and `fields`: an index over several fields, ordered by them in turn
 *   (a lookup or a range may give only the leading ones).
 *
 * Fields whose codec preserves order (`utf8Key`, `sortableInt64`, `date`…) can also be read by
 * range; others only by exact value. Works with both TypeScript decorator modes.
 *
 * @example
 * ```ts
 * @Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
 * @Entity({ table: 'users', families: { info: {} } })
 * class User {
 *   @RowKey({ codec: utf8 }) id!: string;
 *   @Index() @Column({ family: 'info', codec: utf8Key }) email?: string;
 *   @Column({ family: 'info', codec: utf8Key }) plan?: string;
 *   @Column({ family: 'info', codec: sortableInt32 }) age?: number;
 * }
 * ```
 */
export function Index(options?: IndexOptions): (target: unknown, context?: unknown) => void;
export function Index(options: CompositeIndexOptions): (target: Function, context?: unknown) => void;
export function Index(options: IndexOptions | CompositeIndexOptions = {}) {
  return (target: unknown, context?: unknown): void => {
    const name = (options as { name?: unknown }).name as string | undefined;
    const fields = (options as { fields?: unknown }).fields;
    const onClass =
      typeof target === 'function' &&
      (context === undefined || (isStandardContext(context) && context.kind === 'class'));
    if (onClass) {
      if (!Array.isArray(fields)) {
        throw new TypeError('@Index on a class needs { name, fields: [...] } (the indexed fields)');
      }
      record(target as Function, { name, fields: [...(fields as string[])], on: 'class' });
      return;
    }
    if (fields !== undefined) {
      throw new TypeError('@Index on a field indexes that field: give `fields` only on the class');
    }
    if (isStandardContext(context)) {
      if (context.kind !== 'field' && context.kind !== 'accessor') {
        throw new TypeError(`@Index applies to class fields or classes, not to a ${context.kind}`);
      }
      if (context.static || typeof context.name !== 'string' || !context.metadata) {
        throw new TypeError('@Index applies to named instance fields');
      }
      const metadata = context.metadata;
      if (!Object.hasOwn(metadata, PENDING_INDEXES)) metadata[PENDING_INDEXES] = [];
      (metadata[PENDING_INDEXES] as DeclaredIndex[]).push({ name, fields: [context.name], on: 'field' });
      return;
    }
    if (typeof context !== 'string' || typeof target !== 'object' || target === null) {
      throw new TypeError('@Index applies to named instance fields or classes');
    }
    record((target as { constructor: Function }).constructor, { name, fields: [context], on: 'field' });
  };
}

/** @internal The indexes a class and its ancestors declared. */
export function declaredIndexesOf(target: Function): DeclaredIndex[] {
  const found: DeclaredIndex[] = [];
  const metadataKey = (Symbol as { metadata?: symbol }).metadata;
  for (let c: Function | null = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    found.push(...(store.get(c) ?? []));
    const metadata = metadataKey ? (c as unknown as Record<symbol, unknown>)[metadataKey] : undefined;
    if (typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, PENDING_INDEXES)) {
      found.push(...((metadata as Record<symbol, DeclaredIndex[]>)[PENDING_INDEXES] ?? []));
    }
  }
  return found;
}
