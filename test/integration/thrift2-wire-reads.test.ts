import { Connection, type Table } from '../../src';
import { closeScratch, gateways, uniquePrefix } from '../support/gateway';

// Thrift2 reads (get, getMultiple, getScannerRows) are decoded from the reply's bytes by our own
// readers (src/client/thrift2/result-batch.ts). Against the real gateways, every read gives on
// Thrift2 exactly what it gives on Thrift1 for the same cells.

const prefix = uniquePrefix('thrift2reads');
let thrift1: Connection;
let thrift2: Connection;
let t1: Table;
let t2: Table;

/** Comparable text for results holding Buffers and bigints. */
const text = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

beforeAll(async () => {
  thrift1 = new Connection({ ...gateways.default(), tablePrefix: prefix });
  thrift2 = new Connection({ ...gateways.thrift2(), api: 'thrift2', tablePrefix: prefix });
  await thrift1.createTable('t', { d: { maxVersions: 3 }, e: {} });
  t1 = thrift1.table('t');
  t2 = thrift2.table('t');
  for (let i = 0; i < 30; i++) {
    const key = `k${String(i).padStart(2, '0')}`;
    await t1.put(key, { 'd:c0': Buffer.from(`v${i}`), 'd:': Buffer.alloc(0), 'e:\u00e9': Buffer.from([i]) });
  }
  await t1.put(Buffer.from([0xff, 0x00]), { [`e:${'\udcff'}`]: Buffer.from('non-UTF-8 column') });
  await t1.put('k01', { 'd:c0': Buffer.from('newer') }, { timestamp: 2 ** 45 });
});

afterAll(async () => {
  await thrift2.close();
  await closeScratch(thrift1);
});

const reads: Array<[string, (t: Table) => Promise<unknown>]> = [
  ['row', (t) => t.row('k01')],
  ['row with timestamps', (t) => t.row('k01', { includeTimestamp: true })],
  [
    'row with bigint timestamps and columns',
    (t) => t.row('k02', { columns: ['e'], includeTimestamp: true, timestampType: 'bigint' }),
  ],
  ['missing row', (t) => t.row('nope')],
  ['rows, some missing', (t) => t.rows(['k03', 'nope', 'k01', Buffer.from([0xff, 0x00]), 'k02'])],
  ['cell versions', (t) => t.cells('k01', 'd:c0', { versions: 3, includeTimestamp: true })],
  [
    'scan in small batches',
    async (t) => {
      const entries: unknown[] = [];
      for await (const entry of t.scan({ batchSize: 7, includeTimestamp: true })) entries.push(entry);
      return entries;
    },
  ],
  [
    'scan of one family',
    async (t) => {
      const entries: unknown[] = [];
      for await (const entry of t.scan({ columns: ['e'], rowPrefix: 'k1' })) entries.push(entry);
      return entries;
    },
  ],
];

it.each(reads)('%s: the same on Thrift2 as on Thrift1', async (_, read) => {
  const [expected, actual] = await Promise.all([read(t1), read(t2)]);
  expect(text(actual)).toBe(text(expected));
});

it('a scan yields every row once', async () => {
  let rows = 0;
  for await (const _ of t2.scan({ batchSize: 4 })) rows++;
  expect(rows).toBe(31);
});

it('writes encoded by our writer (put, putMultiple, deleteSingle, mutateRow) land as sent', async () => {
  const value = Buffer.from([0, 1, 2, 255]);
  await t2.put('w1', { 'd:a': value, 'e:\u00e9': Buffer.from('é') }, { timestamp: 1234 });
  await t2.batch({}, async (batch) => {
    for (let i = 0; i < 5; i++) await batch.put(`w2-${i}`, { 'd:a': Buffer.from(`${i}`) });
  });
  await t2.put('w3', { 'd:a': value, 'd:b': value });
  await t2.delete('w3', { columns: ['d:b'] });
  await t2.batch({}, async (batch) => {
    await batch.delete('w3', { columns: ['d:a'] });
    await batch.put('w3', { 'e:c': value });
  });
  expect(await t1.row('w1', { includeTimestamp: true })).toEqual({
    'd:a': { value, timestamp: 1234 },
    'e:\u00e9': { value: Buffer.from('é'), timestamp: 1234 },
  });
  expect((await t1.rows(['w2-0', 'w2-4'])).map(([key, data]) => [key.toString(), data])).toEqual([
    ['w2-0', { 'd:a': Buffer.from('0') }],
    ['w2-4', { 'd:a': Buffer.from('4') }],
  ]);
  expect(await t1.row('w3')).toEqual({ 'e:c': value });
});

it('counter increments read their new value from the reply bytes', async () => {
  expect(await t2.counterInc('c1', 'd:n')).toBe(1n);
  expect(await t2.counterInc('c1', 'd:n', 41)).toBe(42n);
  expect(await t2.counterInc('c1', 'd:n', -50)).toBe(-8n);
  expect(await t1.counterGet('c1', 'd:n')).toBe(-8n);
  // A batch's counters: one increment per row, the row's counters together.
  await t2.batch({}, async (batch) => {
    await batch.counterInc('c2', 'd:a', 5);
    await batch.counterInc('c2', 'd:b', 7);
    await batch.counterInc('c3', 'd:a', 2);
  });
  expect([await t1.counterGet('c2', 'd:a'), await t1.counterGet('c2', 'd:b')]).toEqual([5n, 7n]);
  expect(await t1.counterGet('c3', 'd:a')).toBe(2n);
});
