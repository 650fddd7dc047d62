import Int64 from 'node-int64';
import { checkReplyShape } from '../../../src/client/thrift2/reply-shapes';

const cell = {
  family: Buffer.from('cf'),
  qualifier: Buffer.from('q'),
  value: Buffer.from('v'),
  timestamp: new Int64(1),
};
const result = { row: Buffer.from('r'), columnValues: [cell] };
const location = {
  serverName: { hostName: 'localhost', port: 16020 },
  regionInfo: { regionId: new Int64(1), tableName: Buffer.from('t'), startKey: null, endKey: null },
};

describe('checkReplyShape (Thrift2)', () => {
  it('passes the results the client reads, optional fields absent or present', () => {
    expect(() => checkReplyShape('get', result)).not.toThrow();
    // A get that found no row: no row key, no cells.
    expect(() => checkReplyShape('get', { row: null, columnValues: [] })).not.toThrow();
    expect(() =>
      checkReplyShape('getScannerRows', [
        result,
        { ...result, columnValues: [{ ...cell, timestamp: null }] },
      ]),
    ).not.toThrow();
    expect(() =>
      checkReplyShape('getTableDescriptor', { tableName: {}, columns: [{ name: Buffer.from('cf') }] }),
    ).not.toThrow();
    expect(() => checkReplyShape('getTableDescriptor', { tableName: {}, columns: null })).not.toThrow();
    expect(() =>
      checkReplyShape('getTableNamesByPattern', [{ ns: null, qualifier: Buffer.from('t') }]),
    ).not.toThrow();
    expect(() => checkReplyShape('getAllRegionLocations', [location])).not.toThrow();
    expect(() => checkReplyShape('openScanner', 7)).not.toThrow();
    expect(() => checkReplyShape('existsAll', [true, false])).not.toThrow();
    expect(() => checkReplyShape('checkAndMutate', false)).not.toThrow();
    expect(() => checkReplyShape('listNamespaces', ['default', 'hbase'])).not.toThrow();
    expect(() =>
      checkReplyShape('getNamespaceDescriptor', { name: 'ns', configuration: null }),
    ).not.toThrow();
    // Methods without a result, or not checked, pass as they are.
    expect(() => checkReplyShape('mutateRow', undefined)).not.toThrow();
  });

  it.each([
    ['a result without its cell list', 'get', { row: Buffer.from('r'), columnValues: null }],
    ['a cell without its family', 'getMultiple', [{ ...result, columnValues: [{ ...cell, family: null }] }]],
    ['a cell without its value', 'getScannerRows', [{ ...result, columnValues: [{ ...cell, value: null }] }]],
    ['a family without its name', 'getTableDescriptor', { columns: [{ name: null }] }],
    ['a table name without its qualifier', 'getTableNamesByPattern', [{ ns: null, qualifier: null }]],
    ['a region without its id', 'getAllRegionLocations', [{ ...location, regionInfo: { regionId: null } }]],
    ['a region without its server', 'getAllRegionLocations', [{ ...location, serverName: null }]],
    ['a boolean as a number', 'isTableEnabled', 1],
    ['no scanner id', 'openScanner', null],
    ['an answer of existsAll that is not a boolean', 'existsAll', [true, null]],
    ['no answer to checkAndMutate', 'checkAndMutate', null],
    ['a namespace name that is not text', 'listNamespaces', [Buffer.from('ns')]],
    ['a namespace without its name', 'getNamespaceDescriptor', { configuration: {} }],
  ])('refuses %s', (_, method, reply) => {
    expect(() => checkReplyShape(method, reply)).toThrow(`the result of ${method} lacks a field`);
  });
});
