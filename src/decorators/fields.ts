import { fieldDecorator } from './decorator-support';
import type { FieldDecorator } from './field-decorator';
import type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  RowKeyOptions,
  VersionColumnOptions,
  VersionsOptions,
} from './metadata-store';

// Each decorator is generic in its codec's value type `T`, inferred from `options.codec`, so the
// compiler can check the field's declared type against it (see FieldDecorator).

/**
 * Marks the row-key field. For a composite key, mark each part with its position (`part: 0, 1,
 * ...`); key codecs should then be order-preserving so that range and prefix scans work. Declare
 * the key fields with {@link RowKeyFields} too, so that repositories type their keys.
 *
 * @example
 * ```ts
 * @RowKey({ part: 0, codec: utf8Key }) userId!: string;
 * @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint; // newest first
 * ```
 */
export function RowKey<T = unknown>(options: RowKeyOptions<T> = {}): FieldDecorator<T> {
  return fieldDecorator('RowKey', (property, designType) => ({
    property,
    kind: 'rowKey',
    options,
    designType,
  })) as FieldDecorator<T>;
}

/**
 * Maps a field to the cell `family:qualifier` (the qualifier defaults to the property name). The
 * field's type must fit the codec's: `@Column({ family: 'f', codec: int32 }) name?: string` does
 * not compile.
 */
export function Column<T = unknown>(options: ColumnOptions<T>): FieldDecorator<T> {
  return fieldDecorator('Column', (property, designType) => ({
    property,
    kind: 'column',
    options,
    designType,
  })) as FieldDecorator<T>;
}

/**
 * Maps a bigint field to an HBase counter cell. Counters are read by `find*` and changed only by
 * `repository.increment`, never by `save` (a put would race with concurrent increments).
 *
 * The field must be typed `bigint` (optionally with `null` or `undefined`): the compiler rejects
 * other types in both decorator modes, and the mapper rejects at run time a field whose initial
 * value, or whose `design:type` (experimentalDecorators with emitDecoratorMetadata), is not one.
 */
export function Counter(options: CounterOptions): FieldDecorator<bigint, 'counter'> {
  return fieldDecorator('Counter', (property, designType) => ({
    property,
    kind: 'counter',
    options,
    designType,
  })) as FieldDecorator<bigint, 'counter'>;
}

/**
 * Marks the entity's version, for optimistic locking: a `number` field mapped to an 8-byte integer
 * cell. `save` then writes an entity only if the row still holds the version the entity carries
 * (none, for a new entity) and stores the next one (1, 2, ...) with it, all in one atomic
 * `checkAndMutate`; when another writer got there first it rejects with `OptimisticLockError`,
 * writing nothing. Needs a Thrift2 gateway (Thrift1 has no conditional mutation of several cells).
 *
 * @example
 * ```ts
 * @VersionColumn({ family: 'meta' }) version?: number;
 * ```
 */
export function VersionColumn(options: VersionColumnOptions): FieldDecorator<number> {
  return fieldDecorator('VersionColumn', (property, designType) => ({
    property,
    kind: 'versionColumn',
    options,
    designType,
  })) as FieldDecorator<number>;
}

/**
 * Maps a field to the history of one cell: an array of `{ value, timestamp }`, newest first.
 * On save, entries with a timestamp are written at that timestamp, others at the server's time.
 */
export function Versions<T = unknown>(options: VersionsOptions<T>): FieldDecorator<T, 'versions'> {
  return fieldDecorator('Versions', (property, designType) => ({
    property,
    kind: 'versions',
    options,
    designType,
  })) as FieldDecorator<T, 'versions'>;
}

/**
 * Maps a `Map<string, T>` field to every qualifier of a family (wide rows with dynamic
 * qualifiers), or to the qualifiers that start with `prefix` (stripped from the map's keys).
 */
export function ColumnMap<T = unknown>(options: ColumnMapOptions<T>): FieldDecorator<T, 'map'> {
  return fieldDecorator('ColumnMap', (property, designType) => ({
    property,
    kind: 'columnMap',
    options,
    designType,
  })) as FieldDecorator<T, 'map'>;
}
