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
