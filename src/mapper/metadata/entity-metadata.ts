import type { ColumnFamilyOptions } from '../../client/column-family';
import type { Codec } from '../../codecs/codec';
import type { EmbeddedColumnMapping, EmbeddedMapping } from '../embedded/embedded-metadata';

/** A class that can be instantiated without arguments (entities are built empty, then filled). */
export type EntityClass<E = object> = abstract new (...args: never[]) => E;

/** @internal One part of the row key (a single-field key has one part). */
export interface KeyPartMapping {
  property: string;
  codec: Codec<unknown>;
}

/** @internal A field mapped to one cell. */
export interface ColumnMapping {
  property: string;
  family: string;
  /** `family:qualifier` as bytes, as sent to the gateway. */
  column: Buffer;
  /** `family:qualifier` as the key it has in row data returned by the client. */
  columnName: string;
  codec: Codec<unknown>;
}

/** @internal A counter field (8-byte signed big-endian integer, bigint in the entity). */
export type CounterMapping = Omit<ColumnMapping, 'codec'>;

/** @internal A field holding the history of one cell. */
export interface VersionsMapping extends ColumnMapping {
  maxVersions: number | undefined;
}

/** @internal A Map field holding every qualifier of a family (or of a qualifier prefix). */
export interface ColumnMapMapping {
  property: string;
  family: string;
  /** `family:prefix` as it starts the names of the map's columns in row data. */
  columnPrefix: string;
  codec: Codec<unknown>;
}

/** @internal Everything the mapper knows about an entity class, validated. */
export interface EntityMetadata {
  target: Function;
  name: string;
  table: string;
  families: Record<string, ColumnFamilyOptions>;
  keyParts: KeyPartMapping[];
  /** Encodes all key parts (a tuple for composite keys, the value itself for a single key). */
  keyCodec: Codec<unknown>;
  /** For composite keys: the bytes every key with the given leading parts starts with. */
  encodeKeyPrefix: ((leading: unknown[]) => Buffer) | undefined;
  columns: ColumnMapping[];
  counters: CounterMapping[];
  /** The `@VersionColumn` (an 8-byte integer cell, a number in the entity), if any. */
  versionColumn: CounterMapping | undefined;
  versions: VersionsMapping[];
  maps: ColumnMapMapping[];
  /** `@Embedded` value objects, each with its columns and nested value objects. */
  embedded: EmbeddedMapping[];
  /** Every column of every value object (nested ones included), named by path (`address.city`). */
  embeddedColumns: EmbeddedColumnMapping[];
}
