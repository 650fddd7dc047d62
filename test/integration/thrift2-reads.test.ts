// Thrift2 reads beyond Thrift1's: several versions of each cell, time ranges, a server-side scan
// limit, and exists/existsAll, on the real Thrift2 gateway (the Thrift1 exists is checked too).
import { Connection, InvalidArgumentError, isStale, type Table } from '../../src';
import { closeScratch, gateways, uniquePrefix } from '../support/gateway';
import { rejection } from '../support/rejection';

let connection: Connection;
let table: Table;
/** The three versions' timestamps of `cf:v` in row `r`, oldest first. */
const STAMPS = [1_000, 2_000, 3_000];

beforeAll(async () => {
  connection = new Connection({
    ...gateways.thrift2(),
    tablePrefix: uniquePrefix('t2-reads'),
  });
  table = await connection.createTable('t', { cf: { maxVersions: 5 }, other: {} });
  for (const [i, timestamp] of STAMPS.entries()) {
    await table.put('r', { 'cf:v': `v${i + 1}` }, { timestamp });
  }
  await table.put('r', { 'other:x': 'x' }, { timestamp: 2_500 });
  for (const key of ['s1', 's2', 's3', 's4', 's5']) {
    await table.put(key, { 'cf:v': `${key}-old` }, { timestamp: 1_000 });
    await table.put(key, { 'cf:v': `${key}-new` }, { timestamp: 2_000 });
  }
});

afterAll(async () => {
  await closeScratch(connection);
});

describe('row and rows with versions (Thrift2)', () => {
  it('gives each column its versions, newest first, as values or cells', async () => {
    expect(await table.row('r', { versions: 10 })).toEqual({
      'cf:v': [Buffer.from('v3'), Buffer.from('v2'), Buffer.from('v1')],
      'other:x': [Buffer.from('x')],
    });
    const two = await table.row('r', { versions: 2, columns: ['cf'], includeTimestamp: true });
    expect(two).toEqual({
      'cf:v': [
        { value: Buffer.from('v3'), timestamp: 3_000 },
        { value: Buffer.from('v2'), timestamp: 2_000 },
      ],
    });
    const exact = await table.row('r', {
      versions: 1,
      columns: ['cf:v'],
      includeTimestamp: true,
      timestampType: 'bigint',
    });
    expect(exact).toEqual({ 'cf:v': [{ value: Buffer.from('v3'), timestamp: 3_000n }] });
  });

  it('rows() reads several rows with their versions, missing rows left out', async () => {
    const entries = await table.rows(['s2', 'missing', 's1'], { versions: 3 });
    expect(entries.map(([key, data]) => [key.toString(), data['cf:v']?.map(String)])).toEqual([
      ['s2', ['s2-new', 's2-old']],
      ['s1', ['s1-new', 's1-old']],
    ]);
  });

  it('a missing row is {}; the shape without versions is unchanged', async () => {
    expect(await table.row('missing', { versions: 3 })).toEqual({});
    expect(await table.row('r', { columns: ['cf:v'] })).toEqual({ 'cf:v': Buffer.from('v3') });
  });
});

describe('time ranges (Thrift2)', () => {
  it('row() reads the newest version within [from, to)', async () => {
    expect(await table.row('r', { timeRange: { from: 1_500, to: 3_000 } })).toEqual({
      'cf:v': Buffer.from('v2'),
      'other:x': Buffer.from('x'),
    });
    expect(await table.row('r', { timeRange: { to: 2_000 }, columns: ['cf'] })).toEqual({
      'cf:v': Buffer.from('v1'),
    });
    expect(await table.row('r', { timeRange: { from: 3_000n }, columns: ['cf'] })).toEqual({
      'cf:v': Buffer.from('v3'),
    });
    expect(await table.row('r', { timeRange: { from: 4_000 } })).toEqual({});
  });

  it('with versions, every version in the range', async () => {
    expect(
      await table.row('r', { versions: 5, columns: ['cf'], timeRange: { from: 1_000, to: 3_000 } }),
    ).toEqual({
      'cf:v': [Buffer.from('v2'), Buffer.from('v1')],
    });
  });

  it('versions with timestamp: versions strictly older than it', async () => {
    expect(await table.row('r', { versions: 5, columns: ['cf'], timestamp: 3_000 })).toEqual({
      'cf:v': [Buffer.from('v2'), Buffer.from('v1')],
    });
  });
});

describe('scans with versions, time ranges and a server-side limit (Thrift2)', () => {
  it('yields each column with its versions', async () => {
    const rows = await table.scan({ rowPrefix: 's', versions: 2, includeTimestamp: true }).toArray();
    expect(rows).toHaveLength(5);
    const [key, data] = rows[0]!;
    expect(key.toString()).toBe('s1');
    expect(data['cf:v']).toEqual([
      { value: Buffer.from('s1-new'), timestamp: 2_000 },
      { value: Buffer.from('s1-old'), timestamp: 1_000 },
    ]);
  });

  it('reads the versions within a time range', async () => {
    const rows = await table.scan({ rowPrefix: 's', timeRange: { to: 2_000 } }).toArray();
    expect(rows.map(([key, data]) => [key.toString(), data['cf:v']?.toString()])).toEqual(
      ['s1', 's2', 's3', 's4', 's5'].map((key) => [key, `${key}-old`]),
    );
  });

  it('reads each family in its own time range', async () => {
    const scan = (options: object) => table.scan({ rowPrefix: 'r', ...options }).toArray();
    expect(await scan({ familyTimeRanges: { cf: { to: 2_000 } } })).toEqual([
      [Buffer.from('r'), { 'cf:v': Buffer.from('v1'), 'other:x': Buffer.from('x') }],
    ]);
    expect(await scan({ familyTimeRanges: { other: { to: 2_000 } } })).toEqual([
      [Buffer.from('r'), { 'cf:v': Buffer.from('v3') }],
    ]);
    expect(await scan({ versions: 5, familyTimeRanges: { cf: { from: 2_000 } } })).toEqual([
      [Buffer.from('r'), { 'cf:v': [Buffer.from('v3'), Buffer.from('v2')], 'other:x': [Buffer.from('x')] }],
    ]);
  });

  it('stops at the limit, also when batches are smaller than it', async () => {
    const limited = await table.scan({ rowPrefix: 's', limit: 3, batchSize: 2 }).toArray();
    expect(limited.map(([key]) => key.toString())).toEqual(['s1', 's2', 's3']);
    const reversed = await table.scan({ rowPrefix: 's', limit: 2, reverse: true }).toArray();
    expect(reversed.map(([key]) => key.toString())).toEqual(['s5', 's4']);
  });
});

describe('the server-side limit (Thrift2 TScan.limit)', () => {
  it('makes the scanner itself end after `limit` rows, however many are asked of it', async () => {
    const scan = { caching: 100, sortColumns: false, reversed: false, limit: 2, startRow: Buffer.from('s') };
    const id = await connection.call('scannerOpenWithScan', (g) => g.openScanner(table.nameBytes, scan));
    try {
      const batch = await connection.call('scannerGetList', (g) => g.scannerRows(id, 100));
      expect(batch.size).toBe(2);
    } finally {
      await connection.call('scannerClose', (g) => g.closeScanner(id));
    }
  });
});

describe('a server-side limit on a resumed scan', () => {
  it('counts from the new scanner: the rows still wanted (forwards and reversed)', async () => {
    for (const reverse of [false, true]) {
      let closes = 0;
      let onClose: (() => void) | undefined;
      const call = connection.call.bind(connection);
      const spy = jest.spyOn(connection, 'call').mockImplementation(async (method, invoke) => {
        const result = await call(method, invoke);
        if (method === 'scannerClose') {
          closes++;
          onClose?.();
        }
        return result;
      });
      try {
        const scan = table.scan({ rowPrefix: 's', limit: 4, batchSize: 1, idleTimeout: 100, reverse });
        const iterator = scan[Symbol.asyncIterator]();
        const keys: string[] = [];
        for (let i = 0; i < 2; i++) keys.push((await iterator.next()).value![0].toString());
        // Left without a pull, the scan closes its scanner; the next pull resumes on a new one.
        await new Promise<void>((resolve, reject) => {
          if (closes > 0) return resolve();
          const timer = setTimeout(() => reject(new Error('no scanner close within 15 s')), 15_000);
          onClose = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          keys.push(next.value[0].toString());
        }
        expect(keys).toEqual(reverse ? ['s5', 's4', 's3', 's2'] : ['s1', 's2', 's3', 's4']);
      } finally {
        spy.mockRestore();
      }
    }
  });
});

describe('exists (Thrift2 existsAll; Thrift1 key-only scans)', () => {
  it('answers for one row and for several, in order', async () => {
    expect(await table.exists('r')).toBe(true);
    expect(await table.exists('nope')).toBe(false);
    expect(await table.exists(['s1', 'nope', 'r'])).toEqual([true, false, true]);
    expect(await table.exists([])).toEqual([]);
  });

  it('works the same on a Thrift1 gateway', async () => {
    const prefix = uniquePrefix('t1-exists');
    const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
    try {
      const t1 = await thrift1.createTable('t', { cf: {} });
      await t1.put('here', { 'cf:a': '' });
      expect(await t1.exists('here')).toBe(true);
      expect(await t1.exists(['gone', 'here', 'here\0'])).toEqual([false, true, false]);
    } finally {
      await closeScratch(thrift1);
    }
  });
});

describe('timeline reads from region replicas (Thrift2)', () => {
  let replicated: Table;

  beforeAll(async () => {
    replicated = await connection.createTable('replicated', { cf: {} }, { regionReplication: 2 });
    await replicated.put('r', { 'cf:a': '1' });
  });

  it('creates the table with a secondary replica of its region', async () => {
    const descriptor = await replicated.descriptor();
    expect(descriptor.regionReplication).toBe(2);
    expect(descriptor.attributes.REGION_REPLICATION).toBe('2');
    expect((await table.descriptor()).regionReplication).toBe(1);
  });

  it('reads the primary by default and with replicaId 0: not stale', async () => {
    for (const options of [
      {},
      { consistency: 'strong' },
      { consistency: 'timeline', replicaId: 0 },
    ] as const) {
      const data = await replicated.row('r', options);
      expect(data).toEqual({ 'cf:a': Buffer.from('1') });
      expect(isStale(data)).toBe(false);
    }
  });

  it('a secondary replica answers stale: it has not seen the unflushed write', async () => {
    const data = await replicated.row('r', { consistency: 'timeline', replicaId: 1 });
    expect(data).toEqual({});
    expect(isStale(data)).toBe(true);
    const entries = await replicated.rows(['r', 'missing'], { consistency: 'timeline', replicaId: 1 });
    expect(entries.map(([key, row]) => [key.toString(), row, isStale(row)])).toEqual([
      ['r', {}, true],
      ['missing', {}, true],
    ]);
    expect(await replicated.scan({ consistency: 'timeline', replicaId: 1 }).toArray()).toEqual([]);
    const primary = await replicated.scan({ consistency: 'timeline', replicaId: 0 }).toArray();
    expect(primary.map(([key, row]) => [key.toString(), isStale(row)])).toEqual([['r', false]]);
  });

  it('modifyTable keeps the replication and the other table values', async () => {
    const before = await replicated.descriptor();
    await connection.modifyTable('replicated', { durability: 'syncWal' });
    const after = await replicated.descriptor();
    expect(after.regionReplication).toBe(2);
    // HBase keeps the durability among the values too.
    expect(after.attributes).toEqual({ ...before.attributes, DURABILITY: 'SYNC_WAL' });
    expect(after.durability).toBe('syncWal');
    await connection.modifyTable('replicated', { durability: 'asyncWal' });
    expect((await replicated.descriptor()).attributes.DURABILITY).toBe('ASYNC_WAL');
  });

  it('refuses a replica without timeline consistency, by name', async () => {
    await expect(replicated.row('r', { replicaId: 1 })).rejects.toMatchObject({
      argument: 'options.replicaId',
    });
    await expect(replicated.row('r', { consistency: 'eventual' as never })).rejects.toMatchObject({
      argument: 'options.consistency',
    });
  });
});

describe('bad read options', () => {
  it('are refused with InvalidArgumentError naming the option', async () => {
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => table.row('r', { versions: 0 }), 'options.versions'],
      [() => table.rows(['r'], { versions: 1.5 }), 'options.versions'],
      [() => table.row('r', { timeRange: { from: 5, to: 5 } }), 'options.timeRange.to'],
      [() => table.row('r', { timeRange: { from: -1 } }), 'options.timeRange.from'],
      [() => table.row('r', { timeRange: { to: 5 }, timestamp: 5 }), 'options.timeRange'],
      [() => table.row('r', { timeRange: { until: 5 } as never }), 'options.timeRange.until'],
      [async () => table.scan({ versions: -1 }), 'options.versions'],
      [async () => table.scan({ familyTimeRanges: { 'cf:q': { to: 5 } } }), 'options.familyTimeRanges'],
      [
        async () => table.scan({ familyTimeRanges: { cf: { from: 9, to: 5 } } }),
        'options.familyTimeRanges.cf.to',
      ],
      [async () => table.scan({ familyTimeRanges: [] as never }), 'options.familyTimeRanges'],
    ];
    for (const [call, argument] of cases) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.argument).toBe(argument);
    }
  });
});
