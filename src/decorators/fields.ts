import { type FieldDecorator, fieldDecorator } from './decorator-support';
import type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  RowKeyOptions,
  VersionsOptions,
} from './metadata-store';

/**
 * Marks the row-key field. For a composite key, mark each part with its position (`part: 0, 1,
 * ...`); key codecs should then be order-preserving so that range and prefix scans work.
 *
 * @example
 * ```ts
 * @RowKey({ part: 0, codec: utf8Key }) userId!: string;
 * @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint; // newest first
 * ```
 */
export function RowKey(options: RowKeyOptions = {}): FieldDecorator {
  return fieldDecorator('RowKey', (property, designType) => ({
    property,
    kind: 'rowKey',
    options,
    designType,
  }));
}

/** Maps a field to the cell `family:qualifier` (the qualifier defaults to the property name). */
export function Column(options: ColumnOptions): FieldDecorator {
  return fieldDecorator('Column', (property, designType) => ({
    property,
    kind: 'column',
    options,
    designType,
  }));
}

/**
 * Maps a bigint field to an HBase counter cell. Counters are read by `find*` and changed only by
 * `repository.increment`, never by `save` (a put would race with concurrent increments).
 */
export function Counter(options: CounterOptions): FieldDecorator {
  return fieldDecorator('Counter', (property, designType) => ({
    property,
    kind: 'counter',
    options,
    designType,
  }));
}

/**
 * Maps a field to the history of one cell: an array of `{ value, timestamp }`, newest first.
 * On save, entries with a timestamp are written at that timestamp, others at the server's time.
 */
export function Versions(options: VersionsOptions): FieldDecorator {
  return fieldDecorator('Versions', (property, designType) => ({
    property,
    kind: 'versions',
    options,
    designType,
  }));
}

/**
 * Maps a `Map<string, T>` field to every qualifier of a family (wide rows with dynamic
 * qualifiers), or to the qualifiers that start with `prefix` (stripped from the map's keys).
 */
export function ColumnMap(options: ColumnMapOptions): FieldDecorator {
  return fieldDecorator('ColumnMap', (property, designType) => ({
    property,
    kind: 'columnMap',
    options,
    designType,
  }));
}
