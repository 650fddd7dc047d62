// The core cases on every gateway mode: buffered+binary, framed+compact, and HTTP mode over TLS.
import { Connection, type ConnectionOptions, type Table } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

describe.each([
  ['buffered/binary', gateways.default],
  ['framed/compact', gateways.framed],
  ['https/binary', gateways.https],
  ['http/binary', gateways.http],
] as Array<[string, () => ConnectionOptions]>)('core cases over %s', (mode, options) => {
  const prefix = uniquePrefix(`matrix_${mode.replace(/\W/g, '')}`);
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    connection = new Connection({ ...options(), tablePrefix: prefix });
    table = await connection.createTable('core', { cf: {}, meta: { maxVersions: 1 } });
  });

  afterAll(async () => {
    await dropPrefixedTables(connection);
    await connection.close();
  });

  it('talks to a real HBase', async () => {
    const clusterId = await connection.call('getClusterId', (g) => g.clusterId());
    console.log(`[${mode}] HBase cluster ${clusterId} at ${connection.host}:${connection.port}`);
    expect(clusterId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await connection.tables()).toEqual(['core']);
  });

  it('puts and reads rows, cells and versions', async () => {
    await table.put('row-1', { 'cf:a': 'old' }, { timestamp: 1000 });
    await table.put('row-1', { 'cf:a': 'new', 'meta:m': 'x' });
    expect((await table.row('row-1'))['cf:a']?.toString()).toBe('new');
    expect((await table.cells('row-1', 'cf:a')).map(String)).toEqual(['new', 'old']);
    expect((await table.rows(['row-1', 'row-missing'])).map(([key]) => key.toString())).toEqual(['row-1']);
  });

  it('scans with a prefix, a limit and in reverse', async () => {
    await table.batch({}, async (b) => {
      for (let i = 0; i < 25; i++) await b.put(`scan-${String(i).padStart(2, '0')}`, { 'cf:n': String(i) });
    });
    const keys = async (o: Parameters<Table['scan']>[0]) =>
      (await table.scan(o).toArray()).map(([key]) => key.toString());
    expect(await keys({ rowPrefix: 'scan-', batchSize: 7 })).toHaveLength(25);
    expect(await keys({ rowPrefix: 'scan-', limit: 3 })).toEqual(['scan-00', 'scan-01', 'scan-02']);
    expect(await keys({ rowPrefix: 'scan-', reverse: true, limit: 2 })).toEqual(['scan-24', 'scan-23']);
  });

  it('runs counters, append, checkAndPut and deletes', async () => {
    expect(await table.counterInc('row-c', 'cf:hits', 5)).toBe(5n);
    expect(await table.counterDec('row-c', 'cf:hits')).toBe(4n);
    expect((await table.append('row-c', { 'cf:s': 'ab' }))['cf:s']?.toString()).toBe('ab');
    expect(
      await table.checkAndPut('row-c', { column: 'cf:s', value: 'ab' }, { column: 'cf:t', value: 'ok' }),
    ).toBe(true);
    expect(
      await table.checkAndPut('row-c', { column: 'cf:s', value: 'zz' }, { column: 'cf:t', value: 'no' }),
    ).toBe(false);
    expect((await table.row('row-c'))['cf:t']?.toString()).toBe('ok');
    await table.delete('row-c');
    expect(await table.row('row-c')).toEqual({});
  });

  it('keeps binary keys and values exact and stores strings as UTF-8', async () => {
    const key = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x00]);
    const value = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0xa0, 0xa1]); // not valid UTF-8
    await table.put(key, { 'cf:bin': value, 'cf:text': 'Grüße, 世界 🌍' });
    const row = await table.row(key);
    expect(row['cf:bin']).toEqual(value);
    expect(row['cf:text']).toEqual(Buffer.from('Grüße, 世界 🌍', 'utf8'));
    const [[scannedKey]] = await table.scan({ rowStart: key, limit: 1 }).toArray();
    expect(scannedKey).toEqual(key);
    expect(await table.rows([key])).toEqual([[key, row]]);
  });

  it('keeps binary (non-UTF-8) qualifiers distinct and usable as keys', async () => {
    const qualifier = (...bytes: number[]) => Buffer.concat([Buffer.from('cf:'), Buffer.from(bytes)]);
    // 0xff and 0xfe both decode to U+FFFD with a plain UTF-8 decoder: they would collide.
    await table.put(
      'row-binary-q',
      new Map([
        [qualifier(0xff), 'a'],
        [qualifier(0xfe), 'b'],
        [qualifier(0x00, 0x80), 'c'],
      ]),
    );
    const row = await table.row('row-binary-q');
    expect(Object.keys(row).sort()).toEqual(['cf:\u0000\uDC80', 'cf:\uDCFE', 'cf:\uDCFF']);
    expect(row['cf:\uDCFF']?.toString()).toBe('a');
    const [[, scanned]] = await table
      .scan({ rowStart: 'row-binary-q', limit: 1, sortedColumns: true })
      .toArray();
    expect(Object.keys(scanned)).toEqual(['cf:\u0000\uDC80', 'cf:\uDCFE', 'cf:\uDCFF']);
    // A name read back addresses the same cell.
    await table.delete('row-binary-q', { columns: ['cf:\uDCFE'] });
    expect(Object.keys(await table.row('row-binary-q')).sort()).toEqual(['cf:\u0000\uDC80', 'cf:\uDCFF']);
    expect((await table.cells('row-binary-q', 'cf:\uDCFF')).map(String)).toEqual(['a']);
  });
});
