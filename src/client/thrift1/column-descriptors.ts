import type { ColumnFamilyDescriptor, FamilySpec } from '../column-family';
import { ColumnDescriptor } from './generated/Hbase_types';

/**
 * @internal A family to create as Thrift1's `ColumnDescriptor`. Unset settings take the IDL's
 * defaults, except the block cache: the IDL turns it off (HappyBase's tables have none), which
 * sends every read of the family to the file system; HBase's own default is on.
 */
export function toColumnDescriptor(spec: FamilySpec): ColumnDescriptor {
  const descriptor = new ColumnDescriptor();
  descriptor.blockCacheEnabled = true;
  // The gateway expects the family name with its trailing colon.
  descriptor.name = Buffer.from(`${spec.name}:`, 'utf8');
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'name' && value !== undefined)
      (descriptor as unknown as Record<string, unknown>)[key] = value;
  }
  return descriptor;
}

/** @internal Converts Thrift1's descriptor to our camelCase settings. */
export function fromColumnDescriptor(descriptor: ColumnDescriptor): ColumnFamilyDescriptor {
  const name = Buffer.from(descriptor.name).toString('utf8');
  return {
    name: name.endsWith(':') ? name.slice(0, -1) : name,
    maxVersions: descriptor.maxVersions!,
    compression: String(descriptor.compression),
    inMemory: descriptor.inMemory!,
    bloomFilterType: String(descriptor.bloomFilterType),
    bloomFilterVectorSize: descriptor.bloomFilterVectorSize!,
    bloomFilterNbHashes: descriptor.bloomFilterNbHashes!,
    blockCacheEnabled: descriptor.blockCacheEnabled!,
    timeToLive: descriptor.timeToLive!,
  };
}
