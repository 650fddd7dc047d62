import type { FullColumnFamilyDescriptor } from '../column-family';
import type { TableDescriptor } from '../table-descriptor';
import { fromTDurability, toTDurability } from './durability';
import { enumName, enumValue, fromFamilyDescriptor, toFamilyDescriptor } from './family-descriptors';
import {
  TColumnFamilyDescriptor,
  TDataBlockEncoding,
  TKeepDeletedCells,
  TTableDescriptor,
} from './generated/hbase_types';
import { fromTableName, toTableName } from './table-name';

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
    attributes: fromBinaryMap(descriptor.attributes),
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
    // HBase applies these first and the typed settings above over them.
    attributes: Object.keys(family.attributes).length === 0 ? undefined : toBinaryMap(family.attributes),
  });
}

/** HBase's table value holding the number of replicas of each region. */
const REGION_REPLICATION = 'REGION_REPLICATION';

/** @internal The table attributes that ask for `count` replicas of each region. */
export function replicationAttributes(count: number): Record<string, Buffer> {
  return { [REGION_REPLICATION]: Buffer.from(String(count)) };
}

/**
 * Table values as the generated encoder writes a `map<binary, binary>`: keys are object keys,
 * written as latin1 (one byte per character), so each key is its UTF-8 bytes spelled in latin1;
 * values go as bytes.
 */
function toBinaryMap(values: Record<string, string>): Record<string, Buffer> {
  const map: Record<string, Buffer> = {};
  for (const [key, value] of Object.entries(values)) {
    map[Buffer.from(key, 'utf8').toString('latin1')] = Buffer.from(value, 'utf8');
  }
  return map;
}

/** A `map<binary, binary>` as the generated decoder gives it (keyed by the keys' UTF-8 text), as text. */
function fromBinaryMap(map: Record<string, unknown> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    values[key] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return values;
}

/**
 * @internal A whole table descriptor as Thrift2's (for `modifyTable`, which replaces it): its
 * families in full, and every table value read back (file tracker, replication...) sent back.
 */
export function toTTableDescriptor(table: Buffer, descriptor: TableDescriptor): TTableDescriptor {
  // The typed fields decide: their values among the attributes could say otherwise.
  const { DURABILITY: _durability, ...attributes } = descriptor.attributes;
  return new TTableDescriptor({
    tableName: toTableName(table),
    columns: Object.values(descriptor.families).map(toFullFamilyDescriptor),
    attributes: { ...toBinaryMap(attributes), ...replicationAttributes(descriptor.regionReplication) },
    durability: toTDurability(descriptor.durability, true),
  });
}

/** @internal Thrift2's table descriptor as ours. */
export function fromTableDescriptor(descriptor: TTableDescriptor): TableDescriptor {
  const families: Record<string, FullColumnFamilyDescriptor> = {};
  for (const column of descriptor.columns ?? []) {
    const family = fromFullFamilyDescriptor(column);
    families[family.name] = family;
  }
  const attributes = fromBinaryMap(descriptor.attributes);
  const replication = Number(attributes[REGION_REPLICATION] ?? 1);
  return {
    name: fromTableName(descriptor.tableName).toString('utf8'),
    families,
    durability: fromTDurability(descriptor.durability),
    regionReplication: Number.isInteger(replication) && replication >= 1 ? replication : 1,
    attributes,
  };
}
