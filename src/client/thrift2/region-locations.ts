import { createHash } from 'node:crypto';
import type { RegionInfo } from '../region-info';
import type { THRegionLocation } from './generated/hbase_types';

/**
 * @internal Thrift2's region locations as the regions Thrift1 reports. Thrift2 sends no region
 * name, and HBase's gateways (2.x, `ThriftUtilities.regionLocationFromHBase`) leave the region id
 * unset too: it arrives as 0, and then the id stays 0 and the name empty (a name rebuilt from a
 * wrong id would look right and be wrong). A gateway that sends the id gets the name rebuilt as
 * HBase builds it: `table,startKey,regionId[_replica]`, then `.` the MD5 (hex) of those bytes `.`.
 */
export function fromRegionLocation(table: Buffer, location: THRegionLocation): RegionInfo {
  const info = location.regionInfo;
  const id = info.regionId.buffer.readBigInt64BE(info.regionId.offset);
  const startKey = info.startKey ?? Buffer.alloc(0);
  return {
    startKey,
    endKey: info.endKey ?? Buffer.alloc(0),
    id,
    name: id === 0n ? Buffer.alloc(0) : regionName(table, startKey, id, info.replicaId),
    version: 1,
    serverName: Buffer.from(location.serverName.hostName, 'utf8'),
    port: location.serverName.port ?? 0,
  };
}

function regionName(table: Buffer, startKey: Buffer, id: bigint, replicaId: number | undefined): Buffer {
  const replica = replicaId ? `_${replicaId.toString(16).padStart(4, '0')}` : '';
  const base = Buffer.concat([table, Buffer.from(','), startKey, Buffer.from(`,${id}${replica}`)]);
  const encoded = createHash('md5').update(base).digest('hex');
  return Buffer.concat([base, Buffer.from(`.${encoded}.`)]);
}
