import type { ColumnFamilyDescriptor, FamilySpec } from '../column-family';
import { InvalidArgumentError } from '../errors';
import { TBloomFilterType, TColumnFamilyDescriptor, TCompressionAlgorithm } from './generated/hbase_types';

/** A generated Thrift enum: names to numbers, and numbers (as strings) back to names. */
type ThriftEnum = object;

/** @internal The name of a value of a Thrift enum (`fallback` when the value is absent). */
export function enumName(values: ThriftEnum, value: number | undefined, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const name = (values as Record<string, unknown>)[String(value)];
  return typeof name === 'string' ? name : String(value);
}

/** @internal The value of a name of a Thrift enum, any case; else `InvalidArgumentError` listing the names. */
export function enumValue(values: ThriftEnum, name: string, argument: string): number {
  const entries = values as Record<string, unknown>;
  const value = entries[name.toUpperCase()];
  if (typeof value === 'number') return value;
  const names = Object.keys(entries).filter((key) => typeof entries[key] === 'number');
  throw new InvalidArgumentError(argument, `one of ${names.join(', ')}`, name);
}

/**
 * The settings a new family gets when they are not given, the same through either gateway (see
 * Thrift1's `toColumnDescriptor`): 3 versions and no bloom filter as a Thrift1 gateway (and
 * HappyBase) gives, where HBase's own defaults differ (1 version, ROW); the block cache on, as
 * HBase has it, where the Thrift1 IDL's default would turn it off.
 */
const CREATE_DEFAULTS = { maxVersions: 3, bloomFilterType: 'NONE', blockCacheEnabled: true } as const;

/**
 * @internal A family to create as Thrift2's descriptor. Thrift2 takes compression and bloom filter
 * types as enums (unknown names are refused here, before anything is sent); it has no bloom filter
 * vector size or hash count (HBase ignores both since 0.96).
 */
export function toFamilyDescriptor(spec: FamilySpec): TColumnFamilyDescriptor {
  const argument = `families.${spec.name}`;
  return new TColumnFamilyDescriptor({
    name: Buffer.from(spec.name, 'utf8'),
    maxVersions: spec.maxVersions ?? CREATE_DEFAULTS.maxVersions,
    compressionType:
      spec.compression === undefined
        ? undefined
        : enumValue(TCompressionAlgorithm, spec.compression, `${argument}.compression`),
    inMemory: spec.inMemory,
    bloomnFilterType: enumValue(
      TBloomFilterType,
      spec.bloomFilterType ?? CREATE_DEFAULTS.bloomFilterType,
      `${argument}.bloomFilterType`,
    ),
    blockCacheEnabled: spec.blockCacheEnabled ?? CREATE_DEFAULTS.blockCacheEnabled,
    timeToLive: spec.timeToLive === undefined ? undefined : foreverIfNotPositive(spec.timeToLive),
  });
}

/**
 * HBase's "for ever" for a family's time to live. Thrift1 turns a TTL of 0 or less (`-1`, as our
 * options allow) into it; Thrift2 passes the value on, and HBase refuses a TTL that is not positive.
 */
const FOREVER = 2 ** 31 - 1;

function foreverIfNotPositive(timeToLive: number): number {
  return timeToLive <= 0 ? FOREVER : timeToLive;
}

/** @internal Thrift2's descriptor as our settings, named as Thrift1 reports them. */
export function fromFamilyDescriptor(descriptor: TColumnFamilyDescriptor): ColumnFamilyDescriptor {
  return {
    name: Buffer.from(descriptor.name).toString('utf8'),
    maxVersions: descriptor.maxVersions ?? 1,
    compression: enumName(TCompressionAlgorithm, descriptor.compressionType, 'NONE'),
    inMemory: descriptor.inMemory ?? false,
    bloomFilterType: enumName(TBloomFilterType, descriptor.bloomnFilterType, 'NONE'),
    bloomFilterVectorSize: 0,
    bloomFilterNbHashes: 0,
    blockCacheEnabled: descriptor.blockCacheEnabled ?? true,
    timeToLive: descriptor.timeToLive ?? 2 ** 31 - 1,
  };
}
