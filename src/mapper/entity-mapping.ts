import type { BytesLike } from '../client/bytes';
import { toBytes, toColumnBytes } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import type { Cell, RowData } from '../client/row-data';
import { optionalTimestamp } from '../client/validate';
import type { Codec } from '../codecs/codec';
import { type CodecError, isCodecError } from '../codecs/codec-error';
import { encodeArgument, rejectedByCodec } from './codec-rejection';
import { wholeFamiliesLast } from './column-selection';
import { addEmbeddedWrites, readEmbeddedValues, selectedEmbeddedColumns } from './embedded/embedded-values';
import { instantiate } from './instantiate';
import type { EntityMetadata } from './metadata/entity-metadata';

/** @internal What saving one entity writes. */
export interface EntityWrites {
  key: Buffer;
  /** What an error about the key names: the key field of the entity (`entities[2].id`). */
  keyArgument: string;
  /** Cells to put at the server's time. */
  puts: Map<Buffer, Buffer>;
  /** Cells (or, for a column map without prefix, whole families) to delete: fields set to null. */
  deletes: Buffer[];
  /** Versions with an explicit timestamp, each written at its own timestamp. */
  timed: Array<{ column: Buffer; value: Buffer; timestamp: number | bigint }>;
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
  const key = encodeKeyParts(meta, input, parts, argument);
  if (key.length === 0) {
    throw new InvalidArgumentError(
      keyArgumentOf(meta, input, argument),
      `a non-empty ${meta.name} key`,
      meta.keyParts.length === 1 ? parts[0] : input,
    );
  }
  return key;
}

/**
 * @internal What an error about the encoded key of `input` names: the key field when the key came
 * in an object with a single key field (an entity being saved: `entity.id`), else `argument`.
 */
export function keyArgumentOf(meta: EntityMetadata, input: unknown, argument: string): string {
  return meta.keyParts.length === 1 && isKeyObject(input)
    ? `${argument}.${meta.keyParts[0]!.property}`
    : argument;
}

/**
 * Encodes the key parts; a part its codec refuses is an `InvalidArgumentError` naming its field
 * (`key.userId`), or the key itself (`key`) when a single-field key was given as a bare value.
 */
function encodeKeyParts(meta: EntityMetadata, input: unknown, parts: unknown[], argument: string): Buffer {
  try {
    return meta.keyCodec.encode(meta.keyParts.length === 1 ? parts[0] : parts);
  } catch (error) {
    if (!isCodecError(error)) throw error;
    // Only on failure: find the part at fault by encoding each with its own codec.
    for (const [i, part] of meta.keyParts.entries()) {
      const named =
        meta.keyParts.length === 1 && !isKeyObject(input) ? argument : `${argument}.${part.property}`;
      encodeArgument(part.codec, parts[i], named);
    }
    throw rejectedByCodec(argument, error);
  }
}

/**
 * @internal The bytes every key with the given leading key parts starts with: leading composite
 * parts as an object (`{ userId: 'u1' }`), or for a single-part key raw bytes.
 */
export function encodeKeyPrefix(meta: EntityMetadata, prefix: unknown, argument: string): Buffer {
  if (!meta.encodeKeyPrefix) return toBytes(prefix as BytesLike, argument);
  const names = keyFieldNames(meta);
  if (!isKeyObject(prefix)) {
    throw new InvalidArgumentError(
      argument,
      `an object with leading key fields of ${meta.name} (${names})`,
      prefix,
    );
  }
  const leading: unknown[] = [];
  for (const part of meta.keyParts) {
    const value = keyFieldOf(prefix, part.property);
    if (value === undefined) break;
    leading.push(value);
  }
  const given = Object.keys(prefix).filter((k) => (prefix as Record<string, unknown>)[k] !== undefined);
  if (given.length !== leading.length || leading.length === 0) {
    throw new InvalidArgumentError(
      argument,
      `leading key fields of ${meta.name} in order (${names}), without gaps; given: ${given.join(', ') || 'none'}`,
      prefix,
    );
  }
  try {
    return meta.encodeKeyPrefix(leading);
  } catch (error) {
    if (!isCodecError(error)) throw error;
    for (const [i, value] of leading.entries()) {
      const part = meta.keyParts[i]!;
      encodeArgument(part.codec, value, `${argument}.${part.property}`);
    }
    throw rejectedByCodec(argument, error);
  }
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
  if (isKeyObject(input)) {
    const values = meta.keyParts.map((part) => keyFieldOf(input, part.property));
    const missing = meta.keyParts.filter((_, i) => values[i] === undefined || values[i] === null);
    if (missing.length > 0) {
      // Name what is missing and, since the usual cause is a misspelt field, what was given.
      const given = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      throw new InvalidArgumentError(
        `${argument}.${missing[0]!.property}`,
        `an object with ${meta.name}'s key fields (${keyFieldNames(meta)}); ` +
          `missing: ${missing.map((p) => p.property).join(', ')}; given: ${given.join(', ') || 'none'}`,
        values[meta.keyParts.indexOf(missing[0]!)],
      );
    }
    return values;
  }
  if (meta.keyParts.length > 1) {
    throw new InvalidArgumentError(
      argument,
      `an object with ${keyFieldNames(meta)} (a composite key), or a tuple of them in that order`,
      input,
    );
  }
  return [input];
}

function keyFieldNames(meta: EntityMetadata): string {
  return meta.keyParts.map((p) => p.property).join(', ');
}

/**
 * A key field of a key object: an own property, or an accessor of the entity's class. Never what
 * `Object.prototype` holds, so a key field named like one of its members (`constructor`,
 * `toString`) is not taken from there.
 */
function keyFieldOf(input: object, property: string): unknown {
  for (let o: object | null = input; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, property)) return (input as Record<string, unknown>)[property];
  }
  return undefined;
}

/**
 * Plain objects and entity instances carry key fields; Buffers, Dates, arrays, boxed primitives
 * and primitives are keys (or parts of one) themselves.
 */
function isKeyObject(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date) &&
    !(value instanceof String) &&
    !(value instanceof Number) &&
    !(value instanceof BigInt) &&
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
    keyArgument: keyArgumentOf(meta, entity, argument),
    puts: new Map(),
    deletes: [],
    timed: [],
  };
  for (const column of meta.columns) {
    const value = entity[column.property];
    if (value === undefined) continue;
    if (value === null) writes.deletes.push(column.column);
    else
      writes.puts.set(column.column, encodeArgument(column.codec, value, `${argument}.${column.property}`));
  }
  addEmbeddedWrites(meta, entity, argument, writes);
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
    // Every entry is checked here, before save() writes anything: a bad timestamp found by the
    // batch that writes it would come after the other fields were written.
    history.forEach((entry: unknown, i) => {
      const at = `${argument}.${versions.property}[${i}]`;
      if (typeof entry !== 'object' || entry === null) {
        throw new InvalidArgumentError(at, 'a { value, timestamp? } entry', entry);
      }
      const { value, timestamp } = entry as { value?: unknown; timestamp?: unknown };
      if (value === undefined || value === null) {
        throw new InvalidArgumentError(`${at}.value`, 'a value to write', value);
      }
      const bytes = encodeArgument(versions.codec, value, `${at}.value`);
      // Validated here; kept as the entity holds it (number or bigint) for toRow's callers.
      if (optionalTimestamp(timestamp, `${at}.timestamp`) === undefined)
        writes.puts.set(versions.column, bytes);
      else
        writes.timed.push({ column: versions.column, value: bytes, timestamp: timestamp as number | bigint });
    });
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
      else
        writes.puts.set(
          column,
          encodeArgument(
            map.codec,
            value,
            `${argument}.${map.property}[${JSON.stringify(String(qualifier))}]`,
          ),
        );
    }
  }
  return writes;
}

/**
 * A cell that its field's codec could not decode, reported by a lenient read (`onDecodeError`):
 * the field is left undefined and the rest of the entity is read.
 */
export interface DecodeFailure {
  /** The entity class's name. */
  entity: string;
  /** The row key. */
  key: Buffer;
  /** The field whose cell did not decode. */
  property: string;
  /** The cell's column, `family:qualifier`. */
  column: string;
  /** Why: the codec's error. */
  error: CodecError;
}

/**
 * What a read does with a cell its codec cannot decode: `'throw'` (the default) fails the read
 * with the codec's error; a function makes the read lenient: it is called with each failure,
 * the field is left undefined, and the read goes on. The row key must decode in both cases.
 */
export type DecodeErrorHandler = 'throw' | ((failure: DecodeFailure) => void);

/**
 * @internal Builds an entity from a row. The instance is created with class-transformer, so its
 * decorators (and NestJS serialization) keep working on it; mapped fields are then set from cells.
 */
export function entityFromRow<E>(
  meta: EntityMetadata,
  key: Buffer,
  data: RowData,
  history: Map<string, Cell[]> | undefined,
  onDecodeError: DecodeErrorHandler = 'throw',
): E {
  const entity = instantiate(meta.target as new () => E) as Record<string, unknown>;
  assignKeyFields(meta, entity, key);
  // Decodes one cell; in a lenient read, a codec's failure is reported and leaves `failed`.
  const failed = Symbol('failed');
  const decode = (property: string, column: string, codec: Codec<unknown>, bytes: Buffer): unknown => {
    if (onDecodeError === 'throw') return codec.decode(bytes);
    try {
      return codec.decode(bytes);
    } catch (error) {
      if (!isCodecError(error)) throw error;
      onDecodeError({ entity: meta.name, key, property, column, error });
      return failed;
    }
  };
  for (const column of meta.columns) {
    const bytes = data[column.columnName];
    if (bytes === undefined) continue;
    const value = decode(column.property, column.columnName, column.codec, bytes);
    if (value !== failed) entity[column.property] = value;
  }
  readEmbeddedValues(meta, entity, data, decode, failed);
  for (const counter of meta.counters) {
    const bytes = data[counter.columnName];
    if (bytes !== undefined && bytes.length === 8) entity[counter.property] = bytes.readBigInt64BE(0);
  }
  const version = meta.versionColumn;
  const versionBytes = version === undefined ? undefined : data[version.columnName];
  if (version !== undefined && versionBytes !== undefined && versionBytes.length === 8) {
    entity[version.property] = Number(versionBytes.readBigInt64BE(0));
  }
  for (const versions of meta.versions) {
    const cells =
      history?.get(versions.columnName) ??
      (data[versions.columnName] === undefined
        ? undefined
        : [{ value: data[versions.columnName]!, timestamp: undefined }]);
    if (!cells) continue;
    const entries: Array<{ value: unknown; timestamp: number | undefined }> = [];
    for (const cell of cells) {
      const value = decode(versions.property, versions.columnName, versions.codec, cell.value);
      if (value !== failed) entries.push({ value, timestamp: cell.timestamp });
    }
    if (entries.length > 0) entity[versions.property] = entries;
  }
  for (const map of meta.maps) {
    const values = new Map<string, unknown>();
    for (const [column, bytes] of Object.entries(data)) {
      if (!column.startsWith(map.columnPrefix)) continue;
      const value = decode(map.property, column, map.codec, bytes);
      if (value !== failed) values.set(column.slice(map.columnPrefix.length), value);
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
    ...(meta.versionColumn ? [meta.versionColumn.property] : []),
    ...meta.versions.map((c) => c.property),
    ...meta.maps.map((c) => c.property),
    ...meta.embedded.map((e) => e.property),
  ]);
  for (const property of wanted) {
    if (!known.has(property)) {
      throw new InvalidArgumentError('options.select', `mapped properties of ${meta.name}`, property);
    }
  }
  const columns: Buffer[] = [];
  const version = meta.versionColumn === undefined ? [] : [meta.versionColumn];
  for (const mapping of [...meta.columns, ...meta.counters, ...version, ...meta.versions]) {
    if (wanted.has(mapping.property)) columns.push(mapping.column);
  }
  // A column map is read as its whole family (Thrift1 columns cannot express a qualifier prefix);
  // cells outside the prefix are ignored when the row is mapped.
  for (const map of meta.maps) if (wanted.has(map.property)) columns.push(Buffer.from(map.family, 'utf8'));
  columns.push(...selectedEmbeddedColumns(meta, wanted));
  return wholeFamiliesLast(columns);
}
