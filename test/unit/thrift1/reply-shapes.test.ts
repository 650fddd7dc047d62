import Int64 from 'node-int64';
import { checkReplyShape } from '../../../src/client/thrift1/reply-shapes';

const descriptor = {
  name: Buffer.from('cf:'),
  maxVersions: 3,
  compression: 'NONE',
  inMemory: false,
  bloomFilterType: 'NONE',
  bloomFilterVectorSize: 0,
  bloomFilterNbHashes: 0,
  blockCacheEnabled: true,
  timeToLive: -1,
};

describe('checkReplyShape', () => {
  it('passes the results the client reads', () => {
    expect(() => checkReplyShape('getColumnDescriptors', { 'cf:': descriptor })).not.toThrow();
    expect(() => checkReplyShape('getTableNames', [Buffer.from('t')])).not.toThrow();
    expect(() =>
      checkReplyShape('getVer', [{ value: Buffer.from('v'), timestamp: new Int64(1) }]),
    ).not.toThrow();
    expect(() => checkReplyShape('isTableEnabled', true)).not.toThrow();
    expect(() => checkReplyShape('atomicIncrement', 5n)).not.toThrow();
    // Methods without a result, or not called by the client, are not checked.
    expect(() => checkReplyShape('mutateRows', undefined)).not.toThrow();
  });

  it.each([
    ['a descriptor without its name', 'getColumnDescriptors', { 'cf:': { ...descriptor, name: null } }],
    [
      'a descriptor with a string count',
      'getColumnDescriptors',
      { 'cf:': { ...descriptor, maxVersions: '3' } },
    ],
    ['a table name that is not bytes', 'getTableNames', [null]],
    ['a cell without a timestamp', 'getVer', [{ value: Buffer.from('v'), timestamp: null }]],
    ['a region without its server', 'getTableRegions', [{ startKey: Buffer.alloc(0) }]],
    ['a boolean as a number', 'checkAndPut', 1],
    ['no scanner id', 'scannerOpenWithScan', null],
  ])('refuses %s', (_, method, result) => {
    expect(() => checkReplyShape(method, result)).toThrow(`the result of ${method} lacks a field`);
  });
});
