import { Connection, type ConnectionOptions } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

// The whole chain, end to end through the generated bindings, on each gateway mode.
describe.each([
  ['buffered/binary', gateways.default],
  ['framed/compact', gateways.framed],
  ['https/binary', gateways.https],
] as Array<[string, () => ConnectionOptions]>)('smoke over %s', (mode, options) => {
  const prefix = uniquePrefix(`smoke_${mode.replace(/\W/g, '')}`);
  let connection: Connection;

  beforeAll(async () => {
    connection = new Connection({ ...options(), tablePrefix: prefix });
    await connection.open();
  });

  afterAll(async () => {
    await dropPrefixedTables(connection);
    await connection.close();
  });

  it('talks to a real HBase', async () => {
    const clusterId = await connection.call('getClusterId', (c) => c.getClusterId());
    console.log(`[${mode}] connected to HBase cluster ${clusterId} at ${connection.host}:${connection.port}`);
    expect(clusterId).toMatch(/\S/);
  });

  it('creates a table, puts, gets, scans, deletes the table', async () => {
    const table = await connection.createTable('chain', { cf: {} });
    expect(await connection.tables()).toContain('chain');

    await table.put('row-1', { 'cf:a': 'one', 'cf:b': Buffer.from([0, 255]) });
    await table.put('row-2', { 'cf:a': 'two' });

    const row = await table.row('row-1');
    expect(row['cf:a']?.toString()).toBe('one');
    expect(row['cf:b']).toEqual(Buffer.from([0, 255]));

    const scanned: string[] = [];
    for await (const [key, data] of table.scan()) scanned.push(`${key}=${data['cf:a']}`);
    expect(scanned).toEqual(['row-1=one', 'row-2=two']);

    await connection.deleteTable('chain', { disable: true });
    expect(await connection.tables()).not.toContain('chain');
  });
});
