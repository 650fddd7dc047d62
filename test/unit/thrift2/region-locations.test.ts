import Int64 from 'node-int64';
import {
  THRegionInfo,
  THRegionLocation,
  TServerName,
} from '../../../src/client/thrift2/generated/hbase_types';
import { fromRegionLocation } from '../../../src/client/thrift2/region-locations';

const location = (regionId: number) =>
  new THRegionLocation({
    serverName: new TServerName({ hostName: 'rs1', port: 16020 }),
    regionInfo: new THRegionInfo({ regionId: new Int64(regionId), tableName: Buffer.from('rprobe_t') }),
  });

describe('fromRegionLocation', () => {
  it('rebuilds the region name HBase gives the region when the gateway sends its id', () => {
    // Name and id as a Thrift1 gateway reported them for the same region.
    const region = fromRegionLocation(Buffer.from('rprobe_t'), location(1796030723246));
    expect(region.id).toBe(1796030723246n);
    expect(region.name.toString()).toBe('rprobe_t,,1796030723246.f6c9789b009756200170c9155c0b0f0e.');
    expect(region).toMatchObject({ serverName: Buffer.from('rs1'), port: 16020, startKey: Buffer.alloc(0) });
  });

  it('leaves the name empty when the id is unset (what HBase 2 gateways send)', () => {
    const region = fromRegionLocation(Buffer.from('rprobe_t'), location(0));
    expect(region.id).toBe(0n);
    expect(region.name).toEqual(Buffer.alloc(0));
  });
});
