// Thrift2's schema and namespace administration on the real gateway: pre-split tables (with the
// split-key helpers), truncation, column family changes, full descriptors, namespaces; and
// durability per write.
import { Connection, evenSplitKeys, IOError, saltBucketSplitKeys, salted, utf8 } from '../../src';
import { closeScratch, gateways, uniquePrefix } from '../support/gateway';

let connection: Connection;

beforeAll(() => {
  connection = new Connection({ ...gateways.thrift2(), tablePrefix: uniquePrefix('t2-admin') });
});

afterAll(async () => {
  await closeScratch(connection);
});

describe('pre-split tables (Thrift2 createTable with split keys)', () => {
  it('creates one region per split key, from even splits', async () => {
    const table = await connection.createTable('even', { cf: {} }, { splitKeys: evenSplitKeys(4) });
    const regions = await table.regions();
    expect(regions.map((r) => r.startKey.toString('hex'))).toEqual(['', '40', '80', 'c0']);
    expect(regions.map((r) => r.endKey.toString('hex'))).toEqual(['40', '80', 'c0', '']);
  });

  it('one region per salt bucket of a salted key, each key landing in its bucket', async () => {
    const key = salted(utf8, { buckets: 6 });
    const table = await connection.createTable('salted', { cf: {} }, { splitKeys: saltBucketSplitKeys(key) });
    const regions = await table.regions();
    expect(regions).toHaveLength(6);
    for (const id of ['a', 'b', 'c', 'user-42']) {
      const row = key.encode(id);
      const region = regions.find(
        (r) =>
          Buffer.compare(r.startKey, row) <= 0 &&
          (r.endKey.length === 0 || Buffer.compare(row, r.endKey) < 0),
      );
      expect(region?.startKey[0] ?? 0).toBe(key.bucketOf(id));
    }
  });

  it('takes split keys in any order', async () => {
    const table = await connection.createTable('unordered', { cf: {} }, { splitKeys: ['m', 'c', 'x'] });
    expect((await table.regions()).map((r) => r.startKey.toString())).toEqual(['', 'c', 'm', 'x']);
  });
});

describe('truncateTable (Thrift2)', () => {
  it('empties the table, keeping its regions by default, and leaves it enabled', async () => {
    const table = await connection.createTable('trunc', { cf: {} }, { splitKeys: ['k'] });
    await table.put('a', { 'cf:x': '1' });
    await table.put('z', { 'cf:x': '2' });
    await connection.truncateTable('trunc');
    expect(await table.scan().toArray()).toEqual([]);
    expect(await connection.isTableEnabled('trunc')).toBe(true);
    expect((await table.regions()).map((r) => r.startKey.toString())).toEqual(['', 'k']);
    await table.put('b', { 'cf:x': '3' });
    await connection.truncateTable('trunc', { preserveSplits: false });
    expect(await table.exists('b')).toBe(false);
    expect(await table.regions()).toHaveLength(1);
  });
});

describe('column families and descriptors (Thrift2)', () => {
  it('adds, modifies (keeping the settings not given) and deletes a family; descriptor() reads all back', async () => {
    const table = await connection.createTable('schema', { cf: { maxVersions: 2, timeToLive: 3_600 } });
    await connection.addColumnFamily('schema', 'extra', { maxVersions: 4, compression: 'GZ' });
    let descriptor = await table.descriptor();
    expect(descriptor.name).toBe(table.name);
    expect(Object.keys(descriptor.families).sort()).toEqual(['cf', 'extra']);
    expect(descriptor.families.extra).toMatchObject({ name: 'extra', maxVersions: 4, compression: 'GZ' });
    expect(descriptor.families.cf).toMatchObject({
      maxVersions: 2,
      timeToLive: 3_600,
      blockSize: 65_536,
      keepDeletedCells: 'FALSE',
      dataBlockEncoding: 'NONE',
      configuration: {},
    });
    await connection.modifyColumnFamily('schema', 'cf', { maxVersions: 7 });
    descriptor = await table.descriptor();
    expect(descriptor.families.cf).toMatchObject({ maxVersions: 7, timeToLive: 3_600 });
    await table.put('r', { 'extra:q': 'v', 'cf:q': 'w' });
    await connection.deleteColumnFamily('schema', 'extra');
    expect(Object.keys((await table.descriptor()).families)).toEqual(['cf']);
    expect(await table.row('r')).toEqual({ 'cf:q': Buffer.from('w') });
    expect(Object.keys(await table.families())).toEqual(['cf']);
  });

  it("modifyTable changes the table's durability, every family keeping its settings", async () => {
    const table = await connection.createTable('modified', { a: { maxVersions: 4 }, b: { timeToLive: 600 } });
    expect((await table.descriptor()).durability).toBe('default');
    await connection.modifyTable('modified', { durability: 'asyncWal' });
    const descriptor = await table.descriptor();
    expect(descriptor.durability).toBe('asyncWal');
    expect(descriptor.families.a?.maxVersions).toBe(4);
    expect(descriptor.families.b?.timeToLive).toBe(600);
    await table.put('r', { 'a:x': '1' });
    expect(await table.exists('r')).toBe(true);
    await expect(connection.modifyTable('modified', { durability: 'often' as never })).rejects.toMatchObject({
      argument: 'changes.durability',
    });
  });

  it('modifyColumnFamily of a family the table lacks is refused by name', async () => {
    await connection.createTable('lacks', { cf: {} });
    await expect(connection.modifyColumnFamily('lacks', 'nope', { maxVersions: 2 })).rejects.toMatchObject({
      argument: 'family',
    });
  });
});

describe('namespaces (Thrift2)', () => {
  it('creates one with configuration, lists it, describes it, holds a table, deletes it', async () => {
    const name = `ns${Date.now().toString(36)}${process.pid}`;
    await connection.createNamespace(name, { 'hbase.namespace.quota.maxtables': '3' });
    try {
      expect(await connection.namespaces()).toEqual(expect.arrayContaining(['default', 'hbase', name]));
      expect(await connection.namespace(name)).toEqual({
        name,
        configuration: { 'hbase.namespace.quota.maxtables': '3' },
      });
      await connection.modifyNamespace(name, { 'hbase.namespace.quota.maxregions': '20' });
      expect((await connection.namespace(name)).configuration).toEqual({
        'hbase.namespace.quota.maxregions': '20',
      });
      const table = await connection.createTable(`${name}:inside`, { cf: {} });
      await table.put('r', { 'cf:a': '1' });
      expect(await table.exists('r')).toBe(true);
      await connection.deleteTable(`${name}:inside`, { disable: true });
    } finally {
      await connection.deleteNamespace(name);
    }
    expect(await connection.namespaces()).not.toContain(name);
    await expect(connection.namespace(name)).rejects.toBeInstanceOf(IOError);
  });

  it('refuses namespace names HBase would refuse, before sending', async () => {
    await expect(connection.createNamespace('bad-name')).rejects.toMatchObject({ argument: 'name' });
    await expect(connection.createNamespace('ok', { quota: 3 as never })).rejects.toMatchObject({
      argument: 'configuration.quota',
    });
  });
});

describe('durability per write (Thrift2)', () => {
  it.each(['default', 'skipWal', 'asyncWal', 'syncWal', 'fsyncWal'] as const)(
    'put, delete and batch write with durability %s',
    async (durability) => {
      const table = connection.table('durable');
      if (!(await connection.tables()).includes('durable'))
        await connection.createTable('durable', { cf: {} });
      await table.put(`p-${durability}`, { 'cf:a': '1', 'cf:b': '2' }, { durability });
      await table.delete(`p-${durability}`, { columns: ['cf:b'], durability });
      await table.batch({ durability }, async (b) => {
        await b.put(`b-${durability}`, { 'cf:a': '1' });
        await b.put(`c-${durability}`, { 'cf:a': '1' }, { durability: 'skipWal' });
      });
      expect(await table.row(`p-${durability}`)).toEqual({ 'cf:a': Buffer.from('1') });
      expect(await table.exists([`b-${durability}`, `c-${durability}`])).toEqual([true, true]);
      await table.delete(`b-${durability}`, { durability });
      expect(await table.exists(`b-${durability}`)).toBe(false);
    },
  );

  it('refuses durability together with wal, and unknown values', async () => {
    const table = connection.table('durable');
    await expect(
      table.put('r', { 'cf:a': '1' }, { durability: 'skipWal', wal: false }),
    ).rejects.toMatchObject({
      argument: 'options.durability',
    });
    await expect(table.put('r', { 'cf:a': '1' }, { durability: 'never' as never })).rejects.toMatchObject({
      argument: 'options.durability',
    });
  });
});

describe('family settings through Thrift2', () => {
  it('takes timeToLive -1 as "for ever" (as Thrift1 does), and a modify keeps the values it does not name', async () => {
    await connection.createTable('ttl-forever', { cf: { timeToLive: -1 } });
    const before = (await connection.table('ttl-forever').descriptor()).families.cf!;
    expect(before.timeToLive).toBe(2 ** 31 - 1);
    expect(before.attributes.INDEX_BLOCK_ENCODING).toBe('NONE');
    await connection.modifyColumnFamily('ttl-forever', 'cf', { maxVersions: 4 });
    const after = (await connection.table('ttl-forever').descriptor()).families.cf!;
    expect(after.maxVersions).toBe(4);
    expect(after.attributes).toMatchObject({
      INDEX_BLOCK_ENCODING: 'NONE',
      VERSIONS: '4',
      TTL: '2147483647',
    });
  });
});
