// A family created without settings gets the same ones through either gateway, the block cache on
// (HBase's default) where the Thrift1 IDL's default would turn it off; a setting given wins.
import { toColumnDescriptor } from '../../../src/client/thrift1/column-descriptors';
import { toFamilyDescriptor } from '../../../src/client/thrift2/family-descriptors';

describe('a new family', () => {
  it('has the block cache on unless told otherwise, through either gateway', () => {
    expect(toColumnDescriptor({ name: 'cf' }).blockCacheEnabled).toBe(true);
    expect(toFamilyDescriptor({ name: 'cf' }).blockCacheEnabled).toBe(true);
    expect(toColumnDescriptor({ name: 'cf', blockCacheEnabled: false }).blockCacheEnabled).toBe(false);
    expect(toFamilyDescriptor({ name: 'cf', blockCacheEnabled: false }).blockCacheEnabled).toBe(false);
  });

  it('keeps the Thrift1 defaults otherwise: 3 versions, no bloom filter', () => {
    const thrift1 = toColumnDescriptor({ name: 'cf' });
    const thrift2 = toFamilyDescriptor({ name: 'cf' });
    expect(thrift1.name.toString()).toBe('cf:');
    expect([thrift1.maxVersions, thrift1.bloomFilterType]).toEqual([3, 'NONE']);
    expect(thrift2.maxVersions).toBe(3);
  });
});
