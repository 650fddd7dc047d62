// Every Thrift2-only feature, asked of a Thrift1 gateway: NotSupportedError naming the feature and
// the gateway it needs, with nothing but the connection's API question sent (a counting proxy in
// front of the real gateway shows it), and the connection still usable afterwards.
import { Connection, NotSupportedError, type Table } from '../../src';
import { closeScratch, dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

/** Bytes of `getThriftServerType` (no arguments) in the buffered transport and strict binary protocol. */
const DETECTION = 4 + 4 + 'getThriftServerType'.length + 4 + 1;

let proxy: TcpProxy;
let admin: Connection;
let prefix: string;

beforeAll(async () => {
  prefix = uniquePrefix('t1-only');
  admin = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
  await admin.createTable('t', { cf: {} });
  proxy = await TcpProxy.start(gateways.thrift1().host, gateways.thrift1().port);
});

afterAll(async () => {
  await proxy.close();
  await closeScratch(admin);
});

const features: Array<[string, (connection: Connection, table: Table) => Promise<unknown>]> = [
  [
    'checkAndMutate',
    (_c, t) => t.checkAndMutate('r', { column: 'cf:a', value: null }, { put: { 'cf:a': '1' } }),
  ],
  ['versions', (_c, t) => t.row('r', { versions: 2 })],
  ['versions', (_c, t) => t.rows(['r'], { versions: 2 })],
  ['versions', (_c, t) => t.row('r', { versions: 2, timestamp: 5 })],
  ['timeRange', (_c, t) => t.row('r', { timeRange: { from: 1 } })],
  ['scan({ versions })', (_c, t) => t.scan({ versions: 3 }).toArray()],
  ['scan({ timeRange })', (_c, t) => t.scan({ timeRange: { to: 5 } }).toArray()],
  ['consistency', (_c, t) => t.row('r', { consistency: 'timeline' })],
  ['scan({ familyTimeRanges })', (_c, t) => t.scan({ familyTimeRanges: { cf: { from: 1 } } }).toArray()],
  ['scan({ consistency })', (_c, t) => t.scan({ consistency: 'timeline', replicaId: 1 }).toArray()],
  [
    'createTable({ regionReplication })',
    (c) => c.createTable('replicas', { cf: {} }, { regionReplication: 2 }),
  ],
  ["durability 'asyncWal'", (_c, t) => t.put('r', { 'cf:a': '1' }, { durability: 'asyncWal' })],
  ["durability 'fsyncWal'", (_c, t) => t.delete('r', { columns: ['cf:a'], durability: 'fsyncWal' })],
  ["options.durability 'default'", (_c, t) => t.delete('r', { durability: 'default' })],
  [
    "durability 'asyncWal'",
    (_c, t) => t.batch({}, (b) => b.put('r', { 'cf:a': '1' }, { durability: 'asyncWal' })),
  ],
  ['createTable({ splitKeys })', (c) => c.createTable('split', { cf: {} }, { splitKeys: ['m'] })],
  ['truncateTable', (c) => c.truncateTable('t')],
  ['addColumnFamily', (c) => c.addColumnFamily('t', 'extra')],
  ['modifyColumnFamily', (c) => c.modifyColumnFamily('t', 'cf', { maxVersions: 2 })],
  ['deleteColumnFamily', (c) => c.deleteColumnFamily('t', 'cf')],
  ['descriptor', (_c, t) => t.descriptor()],
  ['modifyTable', (c) => c.modifyTable('t', { durability: 'asyncWal' })],
  ['createNamespace', (c) => c.createNamespace('never')],
  ['modifyNamespace', (c) => c.modifyNamespace('never', {})],
  ['deleteNamespace', (c) => c.deleteNamespace('never')],
  ['namespaces', (c) => c.namespaces()],
  ['namespace', (c) => c.namespace('default')],
];

describe('Thrift2-only features on a Thrift1 gateway', () => {
  it.each(features)('%s: NotSupportedError, only the API question sent', async (feature, call) => {
    proxy.bytesFromClients = 0;
    await using connection = new Connection({
      host: '127.0.0.1',
      port: proxy.port,
      timeout: 10_000,
      tablePrefix: prefix,
    });
    const error = await call(connection, connection.table('t')).then(
      () => {
        throw new Error('expected NotSupportedError');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as NotSupportedError).feature).toBe(feature);
    expect((error as Error).message).toContain(`${feature} needs a Thrift2 gateway`);
    expect(proxy.bytesFromClients).toBe(DETECTION);
    // The connection is fine: the next call works.
    expect(await connection.table('t').row('r')).toEqual({});
  });

  it("accepts the durabilities Thrift1's WAL flag can say: skipWal and syncWal", async () => {
    const table = admin.table('t');
    await table.put('w', { 'cf:a': '1' }, { durability: 'skipWal' });
    await table.put('w', { 'cf:b': '2' }, { durability: 'syncWal' });
    await table.batch({ durability: 'skipWal' }, (b) => b.put('w', { 'cf:c': '3' }));
    expect(Object.keys(await table.row('w')).sort()).toEqual(['cf:a', 'cf:b', 'cf:c']);
    await table.delete('w', { durability: 'syncWal' });
    expect(await table.exists('w')).toBe(false);
  });
});

it("reads with consistency: 'strong' (what every read is) on a Thrift1 gateway too", async () => {
  const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: uniquePrefix('strong-reads') });
  try {
    const table = await thrift1.createTable('t', { cf: {} });
    await table.put('r', { 'cf:a': '1' });
    expect(await table.row('r', { consistency: 'strong' })).toEqual({ 'cf:a': Buffer.from('1') });
    expect(await table.scan({ consistency: 'strong' }).toArray()).toHaveLength(1);
  } finally {
    await dropPrefixedTables(thrift1);
    await thrift1.close();
  }
});
