import { createHash } from 'node:crypto';
import type { RegionInfo } from '../gateway/region-info';
import type { THRegionLocation } from './generated/hbase_types';

/**
 * @internal Thrift2's region locations as the regions Thrift1 reports. Thrift2 sends no region
 * name, so it is rebuilt as HBase builds it: `table,startKey,regionId[_replica]`, then `.` the MD5
 * (hex) of those bytes `.`.
 */
export function fromRegionLocation(table: Buffer, location: THRegionLocation): RegionInfo {
  const info = location.regionInfo;
  const id = info.regionId.buffer.readBigInt64BE(info.regionId.offset);
  const startKey = info.startKey ?? Buffer.alloc(0);
  const replica = info.replicaId ? `_${info.replicaId.toString(16).padStart(4, '0')}` : '';
  const base = Buffer.concat([table, Buffer.from(','), startKey, Buffer.from(`,${id}${replica}`)]);
  const encoded = createHash('md5').update(base).digest('hex');
  return {
    startKey,
    endKey: info.endKey ?? Buffer.alloc(0),
    id,
    name: Buffer.concat([base, Buffer.from(`.${encoded}.`)]),
    version: 1,
    serverName: Buffer.from(location.serverName.hostName, 'utf8'),
    port: location.serverName.port ?? 0,
  };
}
