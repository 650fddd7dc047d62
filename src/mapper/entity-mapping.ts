import type { BytesLike } from '../client/bytes';
import { toBytes, toColumnBytes } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import type { Cell, RowData } from '../client/row-data';
import { instantiate } from './instantiate';
import type { EntityMetadata } from './metadata/entity-metadata';

/** @internal What saving one entity writes. */
export interface EntityWrites {
  key: Buffer;
  /** Cells to put at the server's time. */
  puts: Map<Buffer, Buffer>;
  /** Cells (or, for a column map without prefix, whole families) to delete: fields set to null. */
  deletes: Buffer[];
  /** Versions with an explicit timestamp, each written at its own timestamp. */
  timed: Array<{ column: Buffer; value: Buffer; timestamp: number }>;
}

/**
 * @internal Encodes a row key from a key value, a key object (e.g. `{ userId, at }`), a tuple of
 * composite parts, or an entity. An undefined, null or empty key is an error, never "all rows".
 */
export function encodeKey(meta: EntityMetadata, input: unknown, argument = 'key'): Buffer {
  const parts = keyPartValues(meta, input, argument);
  for (const [i, value] of parts.entries()) {
    if (value === undefined || value === null) {
      throw new InvalidArgumentError(
        `${argument}.${meta.keyParts[i]!.property}`,
        `a value for ${meta.name}'s key`,
        value,
      );
    }
  }
  const key = meta.keyCodec.encode(meta.keyParts.length === 1 ? parts[0] : parts);
  if (key.length === 0) throw new InvalidArgumentError(argument, `a non-empty ${meta.name} key`, input);
  return key;
}

/**
 * @internal The bytes every key with the given leading key parts starts with: leading composite
 * parts as an object (`{ userId: 'u1' }`), or for a single-part key raw bytes.
 */
export function encodeKeyPrefix(meta: EntityMetadata, prefix: unknown, argument: string): Buffer {
  if (!meta.encodeKeyPrefix) return toBytes(prefix as BytesLike, argument);
  if (typeof prefix !== 'object' || prefix === null) {
    throw new InvalidArgumentError(argument, `an object with leading key parts of ${meta.name}`, prefix);
  }
  const leading: unknown[] = [];
  for (const part of meta.keyParts) {
    const value = (prefix as Record<string, unknown>)[part.property];
    if (value === undefined) break;
    leading.push(value);
  }
  const given = Object.keys(prefix).filter((k) => (prefix as Record<string, unknown>)[k] !== undefined);
  if (given.length !== leading.length || leading.length === 0) {
    throw new InvalidArgumentError(
      argument,
      `leading key parts of ${meta.name} in order (${meta.keyParts.map((p) => p.property).join(', ')}), without gaps`,
      prefix,
    );
  }
  return meta.encodeKeyPrefix(leading);
}

function keyPartValues(meta: EntityMetadata, input: unknown, argument: string): unknown[] {
  if (input === undefined || input === null) {
    throw new InvalidArgumentError(argument, `a ${meta.name} key`, input);
  }
  if (meta.keyParts.length > 1 && Array.isArray(input)) {
    if (input.length !== meta.keyParts.length) {
      throw new InvalidArgumentError(argument, `${meta.keyParts.length} key parts`, input);
    }
    return input;
  }
  if (isKeyObject(input))
    return meta.keyParts.map((part) => (input as Record<string, unknown>)[part.property]);
  if (meta.keyParts.length > 1) {
    throw new InvalidArgumentError(
      argument,
      `an object with ${meta.keyParts.map((p) => p.property).join(', ')} (a composite key)`,
      input,
    );
  }
  return [input];
}

/** Plain objects and entity instances carry key fields; Buffers, Dates and primitives are keys. */
function isKeyObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date) &&
    !Array.isArray(value)
  );
}

/**
 * @internal What saving `entity` writes. The rule for missing values, the same for save and
 * update: `undefined` leaves the cell as it is, `null` deletes it. Counters are never written.
 */
export function entityWrites(
  meta: EntityMetadata,
  entity: Record<string, unknown>,
  argument: string,
): EntityWrites {
  const writes: EntityWrites = {
    key: encodeKey(meta, entity, argument),
    puts: new Map(),
    deletes: [],
    timed: [],
  };
  for (const column of meta.columns) {
    const value = entity[column.property];
    if (value === undefined) continue;
    if (value === null) writes.deletes.push(column.column);
    else writes.puts.set(column.column, column.codec.encode(value));
  }
  for (const versions of meta.versions) {
    const history = entity[versions.property];
    if (history === undefined) continue;
    if (history === null) {
      writes.deletes.push(versions.column);
      continue;
    }
    if (!Array.isArray(history)) {
      throw new InvalidArgumentError(
        `${argument}.${versions.property}`,
        'an array of { value, timestamp? }',
        history,
      );
    }
    for (const entry of history as Array<{ value: unknown; timestamp?: number }>) {
      const value = versions.codec.encode(entry?.value);
      if (entry.timestamp === undefined) writes.puts.set(versions.column, value);
      else writes.timed.push({ column: versions.column, value, timestamp: entry.timestamp });
    }
  }
  for (const map of meta.maps) {
    const values = entity[map.property];
    if (values === undefined) continue;
    if (values === null) {
      if (map.columnPrefix !== `${map.family}:`) {
        throw new InvalidArgumentError(
          `${argument}.${map.property}`,
          'a Map (null would need a read to find the prefixed qualifiers; delete them by name instead)',
          values,
        );
      }
      writes.deletes.push(Buffer.from(map.family, 'utf8'));
      continue;
    }
    const entries =
      values instanceof Map
        ? [...values.entries()]
        : isKeyObject(values)
          ? Object.entries(values)
          : undefined;
    if (!entries)
      throw new InvalidArgumentError(`${argument}.${map.property}`, 'a Map or a plain object', values);
    for (const [qualifier, value] of entries) {
      const column = toColumnBytes(`${map.columnPrefix}${String(qualifier)}`, `${argument}.${map.property}`);
      if (value === undefined) continue;
      if (value === null) writes.deletes.push(column);
      else writes.puts.set(column, map.codec.encode(value));
    }
  }
  return writes;
}

/**
 * @internal Builds an entity from a row. The instance is created with class-transformer, so its
 * decorators (and NestJS serialization) keep working on it; mapped fields are then set from cells.
 */
export function entityFromRow<E>(
  meta: EntityMetadata,
  key: Buffer,
  data: RowData,
  history: Map<string, Cell[]> | undefined,
): E {
  const entity = instantiate(meta.target as new () => E) as Record<string, unknown>;
  assignKeyFields(meta, entity, key);
  for (const column of meta.columns) {
    const bytes = data[column.columnName];
    if (bytes !== undefined) entity[column.property] = column.codec.decode(bytes);
  }
  for (const counter of meta.counters) {
    const bytes = data[counter.columnName];
    if (bytes !== undefined && bytes.length === 8) entity[counter.property] = bytes.readBigInt64BE(0);
  }
  for (const versions of meta.versions) {
    const cells = history?.get(versions.columnName);
    if (cells)
      entity[versions.property] = cells.map((c) => ({
        value: versions.codec.decode(c.value),
        timestamp: c.timestamp,
      }));
    else {
      const latest = data[versions.columnName];
      if (latest !== undefined)
        entity[versions.property] = [{ value: versions.codec.decode(latest), timestamp: undefined }];
    }
  }
  for (const map of meta.maps) {
    const values = new Map<string, unknown>();
    for (const [column, bytes] of Object.entries(data)) {
      if (column.startsWith(map.columnPrefix))
        values.set(column.slice(map.columnPrefix.length), map.codec.decode(bytes));
    }
    if (values.size > 0) entity[map.property] = values;
  }
  return entity as E;
}

/** @internal Sets the key fields of `target` from an encoded row key. */
export function assignKeyFields(meta: EntityMetadata, target: Record<string, unknown>, key: Buffer): void {
  const decoded = meta.keyCodec.decode(key);
  const parts = meta.keyParts;
  if (parts.length === 1) {
    target[parts[0]!.property] = decoded;
    return;
  }
  for (let i = 0; i < parts.length; i++) target[parts[i]!.property] = (decoded as unknown[])[i];
}

/** @internal The columns (cells and families) that hold the given properties. */
export function columnsOf(
  meta: EntityMetadata,
  properties: readonly string[] | undefined,
): Buffer[] | undefined {
  if (properties === undefined) return undefined;
  const wanted = new Set(properties);
  const known = new Set([
    ...meta.keyParts.map((p) => p.property),
    ...meta.columns.map((c) => c.property),
    ...meta.counters.map((c) => c.property),
    ...meta.versions.map((c) => c.property),
    ...meta.maps.map((c) => c.property),
  ]);
  for (const property of wanted) {
    if (!known.has(property)) {
      throw new InvalidArgumentError('options.select', `mapped properties of ${meta.name}`, property);
    }
  }
  const columns: Buffer[] = [];
  for (const mapping of [...meta.columns, ...meta.counters, ...meta.versions]) {
    if (wanted.has(mapping.property)) columns.push(mapping.column);
  }
  // A column map is read as its whole family (Thrift1 columns cannot express a qualifier prefix);
  // cells outside the prefix are ignored when the row is mapped.
  for (const map of meta.maps) if (wanted.has(map.property)) columns.push(Buffer.from(map.family, 'utf8'));
  return columns;
}
