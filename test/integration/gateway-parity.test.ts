// The same table through both gateways: what one API wrote, the other reads back identically, and
// both describe the table alike (families, regions). This file addresses both APIs by name, so it
// runs once (not in the integration-thrift2 project).
import { Connection, type ScanOptions } from '../../src';
import { dropPrefixedTables, thrift1Gateways, thrift2Gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('parity');
const thrift1 = new Connection({ ...thrift1Gateways.default(), tablePrefix: prefix });
const thrift2 = new Connection({ ...thrift2Gateways.default(), tablePrefix: prefix });
const FAMILIES = {
  plain: {},
  uncached: { blockCacheEnabled: false },
  tuned: {
    maxVersions: 5,
    compression: 'GZ',
    inMemory: true,
    bloomFilterType: 'ROWCOL',
    blockCacheEnabled: true,
    timeToLive: 3600,
  },
};

beforeAll(async () => {
  await thrift1.createTable('by1', FAMILIES);
  await thrift2.createTable('by2', FAMILIES);
});

afterAll(async () => {
  await dropPrefixedTables(thrift1);
  await thrift1.close();
  await thrift2.close();
});

describe('a table created through either gateway', () => {
  it('has the same families, read through either', async () => {
    const expected = await thrift1.table('by1').families();
    expect(expected.plain).toMatchObject({
      maxVersions: 3,
      bloomFilterType: 'NONE',
      // HBase's default, not the Thrift1 IDL's (false): reads of a new family are cached.
      blockCacheEnabled: true,
    });
    expect(expected.uncached?.blockCacheEnabled).toBe(false);
    for (const name of ['by1', 'by2']) {
      expect(await thrift1.table(name).families()).toEqual(expected);
      expect(await thrift2.table(name).families()).toEqual(expected);
    }
  });

  it('has the same regions, read through either; Thrift2 sends no region id nor name', async () => {
    for (const name of ['by1', 'by2']) {
      const regions = await thrift1.table(name).regions();
      expect(regions.length).toBeGreaterThanOrEqual(1);
      expect(regions[0]!.id).toBeGreaterThan(0n);
      expect(await thrift2.table(name).regions()).toEqual(
        regions.map((region) => ({ ...region, id: 0n, name: Buffer.alloc(0) })),
      );
    }
  });
});

describe.each([
  ['Thrift1', 'Thrift2', thrift1, thrift2],
  ['Thrift2', 'Thrift1', thrift2, thrift1],
] as const)('what %s writes, %s reads back the same', (writerApi, _readerApi, writer, reader) => {
  const name = writerApi === 'Thrift1' ? 'by1' : 'by2';
  const row = `written-by-${writerApi}`;

  beforeAll(async () => {
    const table = writer.table(name);
    await table.put(row, { 'plain:a': 'old', 'tuned:b': Buffer.from([0, 0xff, 1]) }, { timestamp: 1000 });
    await table.put(row, { 'plain:a': 'new' }, { timestamp: 2000 });
    await table.put(`${row}-2`, { 'plain:c': 'other row' });
    await table.counterInc(row, 'plain:n', 41);
    await table.counterInc(row, 'plain:n');
    await table.append(row, { 'plain:s': 'ab' });
    await table.append(row, { 'plain:s': 'cd' });
    await table.batch({ timestamp: 3000 }, async (batch) => {
      await batch.put(row, { 'tuned:c': 'batched' });
      await batch.delete(row, { columns: ['tuned:gone'] });
    });
  });

  it('rows, with timestamps, and a row as of a time', async () => {
    const [mine, theirs] = [writer.table(name), reader.table(name)];
    expect(await theirs.row(row, { includeTimestamp: true })).toEqual(
      await mine.row(row, { includeTimestamp: true }),
    );
    expect(await theirs.row(row, { timestamp: 2000 })).toEqual(await mine.row(row, { timestamp: 2000 }));
    expect((await theirs.row(row, { timestamp: 2000 }))['plain:a']?.toString()).toBe('old');
    const keys = [row, `${row}-2`, 'missing'];
    expect(await theirs.rows(keys, { columns: ['plain'] })).toEqual(
      await mine.rows(keys, { columns: ['plain'] }),
    );
  });

  it('versions of a cell, counters and appended values', async () => {
    const [mine, theirs] = [writer.table(name), reader.table(name)];
    const options = { versions: 5, includeTimestamp: true } as const;
    expect(await theirs.cells(row, 'plain:a', options)).toEqual(await mine.cells(row, 'plain:a', options));
    expect(await theirs.counterGet(row, 'plain:n')).toBe(42n);
    expect((await theirs.row(row, { columns: ['plain:s'] }))['plain:s']?.toString()).toBe('abcd');
  });

  it('scans, forwards and reversed, with columns and a filter', async () => {
    const [mine, theirs] = [writer.table(name), reader.table(name)];
    const scans: ScanOptions[] = [
      { rowPrefix: row, includeTimestamp: true },
      { rowPrefix: row, reverse: true },
      { rowPrefix: row, columns: ['tuned'] },
      { rowPrefix: row, filter: "ValueFilter(=, 'binary:batched')" },
    ];
    for (const options of scans) {
      expect(await theirs.scan(options).toArray()).toEqual(await mine.scan(options).toArray());
    }
  });
});
