import type { FullColumnFamilyDescriptor } from '../column-family';
import type { TableDescriptor } from '../table-descriptor';
import { fromTDurability } from './durability';
import { enumName, enumValue, fromFamilyDescriptor, toFamilyDescriptor } from './family-descriptors';
import {
  TColumnFamilyDescriptor,
  TDataBlockEncoding,
  TKeepDeletedCells,
  type TTableDescriptor,
} from './generated/hbase_types';
import { fromTableName } from './table-name';

/** @internal Thrift2's full family descriptor as ours, every setting present. */
export function fromFullFamilyDescriptor(descriptor: TColumnFamilyDescriptor): FullColumnFamilyDescriptor {
  const configuration: Record<string, string> = {};
  for (const [key, value] of Object.entries(descriptor.configuration ?? {}))
    configuration[key] = String(value);
  return {
    ...fromFamilyDescriptor(descriptor),
    minVersions: descriptor.minVersions ?? 0,
    blockSize: descriptor.blockSize ?? 65_536,
    keepDeletedCells: enumName(TKeepDeletedCells, descriptor.keepDeletedCells, 'FALSE'),
    dataBlockEncoding: enumName(TDataBlockEncoding, descriptor.dataBlockEncoding, 'NONE'),
    scope: descriptor.scope ?? 0,
    dfsReplication: descriptor.dfsReplication ?? 0,
    cacheBloomsOnWrite: descriptor.cacheBloomsOnWrite ?? false,
    cacheDataOnWrite: descriptor.cacheDataOnWrite ?? false,
    cacheIndexesOnWrite: descriptor.cacheIndexesOnWrite ?? false,
    compressTags: descriptor.compressTags ?? true,
    evictBlocksOnClose: descriptor.evictBlocksOnClose ?? false,
    configuration,
  };
}

/**
 * @internal A full family descriptor as Thrift2's, every setting sent: HBase replaces a family's
 * descriptor by the one given, so a setting left out would fall back to its default.
 */
export function toFullFamilyDescriptor(family: FullColumnFamilyDescriptor): TColumnFamilyDescriptor {
  const base = toFamilyDescriptor(family);
  const argument = `family ${family.name}`;
  return new TColumnFamilyDescriptor({
    ...base,
    minVersions: family.minVersions,
    blockSize: family.blockSize,
    keepDeletedCells: enumValue(TKeepDeletedCells, family.keepDeletedCells, `${argument}.keepDeletedCells`),
    dataBlockEncoding: enumValue(
      TDataBlockEncoding,
      family.dataBlockEncoding,
      `${argument}.dataBlockEncoding`,
    ),
    scope: family.scope,
    // 0 is "the file system's default", which HBase refuses to set explicitly.
    dfsReplication: family.dfsReplication > 0 ? family.dfsReplication : undefined,
    cacheBloomsOnWrite: family.cacheBloomsOnWrite,
    cacheDataOnWrite: family.cacheDataOnWrite,
    cacheIndexesOnWrite: family.cacheIndexesOnWrite,
    compressTags: family.compressTags,
    evictBlocksOnClose: family.evictBlocksOnClose,
    configuration: Object.keys(family.configuration).length === 0 ? undefined : { ...family.configuration },
  });
}

/** @internal Thrift2's table descriptor as ours. */
export function fromTableDescriptor(descriptor: TTableDescriptor): TableDescriptor {
  const families: Record<string, FullColumnFamilyDescriptor> = {};
  for (const column of descriptor.columns ?? []) {
    const family = fromFullFamilyDescriptor(column);
    families[family.name] = family;
  }
  return {
    name: fromTableName(descriptor.tableName).toString('utf8'),
    families,
    durability: fromTDurability(descriptor.durability),
  };
}
