// Timestamps beyond 2^53 (reverse timestamps such as Long.MAX_VALUE - now, nanoseconds, version
// numbers written by other tools) must be written and read exactly: as bigints on input, and with
// `timestampType: 'bigint'` on reads. Read as numbers, they are refused instead of rounded.
import {
  Connection,
  type ConnectionOptions,
  InvalidArgumentError,
  type Table,
  UnsafeTimestampError,
} from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const BIG = 2n ** 53n + 1n; // the first integer a number cannot hold
const NEAR_MAX = 2n ** 63n - 2n; // Long.MAX_VALUE - 1: a reverse timestamp of the epoch's first ms
const SMALL = 1_369_168_852_994;

describe.each([
  ['buffered/binary', gateways.default()],
  ['framed/compact', gateways.framed()],
  ['http/binary', gateways.http()],
] as Array<[string, ConnectionOptions]>)('timestamps beyond 2^53 over %s', (label, options) => {
  const prefix = uniquePrefix(`bigts_${label.replace('/', '_')}`);
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    connection = new Connection({ ...options, tablePrefix: prefix });
    table = await connection.createTable('t', { cf: { maxVersions: 10 } });
    await table.put('r', { 'cf:a': 'near-max' }, { timestamp: NEAR_MAX });
    await table.put('r', { 'cf:a': 'big' }, { timestamp: BIG });
    await table.batch({ timestamp: BIG + 1n }, async (b) => {
      await b.put('r', { 'cf:b': 'batched' });
    });
    await table.put('r', { 'cf:a': 'small' }, { timestamp: SMALL });
  });

  afterAll(async () => {
    await dropPrefixedTables(connection);
    await connection.close();
  });

  it('row(), rows() and scan() return them exactly as bigints on request', async () => {
    const row = await table.row('r', { includeTimestamp: true, timestampType: 'bigint' });
    expect(row).toEqual({
      'cf:a': { value: Buffer.from('near-max'), timestamp: NEAR_MAX },
      'cf:b': { value: Buffer.from('batched'), timestamp: BIG + 1n },
    });
    const rows = await table.rows(['r'], { includeTimestamp: true, timestampType: 'bigint' });
    expect(rows).toEqual([[Buffer.from('r'), row]]);
    const scanned = [];
    for await (const entry of table.scan({ includeTimestamp: true, timestampType: 'bigint' }))
      scanned.push(entry);
    expect(scanned).toEqual([[Buffer.from('r'), row]]);
  });

  it('cells() returns every version exactly, newest first', async () => {
    const cells = await table.cells('r', 'cf:a', { includeTimestamp: true, timestampType: 'bigint' });
    expect(cells).toEqual([
      { value: Buffer.from('near-max'), timestamp: NEAR_MAX },
      { value: Buffer.from('big'), timestamp: BIG },
      { value: Buffer.from('small'), timestamp: BigInt(SMALL) },
    ]);
  });

  it('bigint read bounds are exact (exclusive upper bound)', async () => {
    const below = await table.cells('r', 'cf:a', { timestamp: BIG + 1n });
    expect(below.map(String)).toEqual(['big', 'small']);
    const at = await table.cells('r', 'cf:a', { timestamp: BIG });
    expect(at.map(String)).toEqual(['small']);
    expect(await table.row('r', { timestamp: BIG + 1n })).toEqual({ 'cf:a': Buffer.from('big') });
    expect(await table.rows(['r'], { timestamp: BIG + 2n })).toEqual([
      [Buffer.from('r'), { 'cf:a': Buffer.from('big'), 'cf:b': Buffer.from('batched') }],
    ]);
    const scanned = [];
    for await (const [, data] of table.scan({ timestamp: BIG + 1n })) scanned.push(data);
    expect(scanned).toEqual([{ 'cf:a': Buffer.from('big') }]);
  });

  it('read as numbers (the default), they are refused rather than rounded', async () => {
    for (const read of [
      () => table.row('r', { includeTimestamp: true }),
      () => table.rows(['r'], { includeTimestamp: true, timestampType: 'number' }),
      () => table.cells('r', 'cf:a', { includeTimestamp: true }),
      async () => {
        for await (const _ of table.scan({ includeTimestamp: true })) void _;
      },
    ]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeTimestampError);
      expect((error as Error).message).toMatch(/timestampType: 'bigint'/);
      expect([NEAR_MAX, BIG + 1n]).toContain((error as UnsafeTimestampError).timestamp);
    }
    // Timestamps that fit still read as numbers, and the connection was not affected.
    const cells = await table.cells('r', 'cf:a', { includeTimestamp: true, timestamp: BIG });
    expect(cells).toEqual([{ value: Buffer.from('small'), timestamp: SMALL }]);
  });

  it('deletes at a bigint timestamp are exact', async () => {
    await table.put('d', { 'cf:x': 'v1' }, { timestamp: BIG });
    await table.put('d', { 'cf:x': 'v2' }, { timestamp: BIG + 1n });
    // Deleting "at or before BIG" keeps the version at BIG + 1.
    await table.delete('d', { columns: ['cf:x'], timestamp: BIG });
    expect(await table.cells('d', 'cf:x', { includeTimestamp: true, timestampType: 'bigint' })).toEqual([
      { value: Buffer.from('v2'), timestamp: BIG + 1n },
    ]);
    await table.delete('d', { timestamp: BIG + 1n });
    expect(await table.row('d')).toEqual({});
  });

  it.each([
    ['a negative bigint', -1n],
    ['2^63', 2n ** 63n],
    ['a number beyond 2^53', 2 ** 53 + 2],
    ['a fraction', 1.5],
    ['a string', '5'],
  ])('%s is refused before sending, with the accepted range', async (_, timestamp) => {
    const error = await table
      .put('x', { 'cf:a': 'v' }, { timestamp: timestamp as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('options.timestamp');
    expect((error as Error).message).toMatch(/bigint from 0 to 2\^63 - 1/);
    expect(await table.row('x')).toEqual({});
  });
});
