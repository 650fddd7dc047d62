// Region-parallel scans (`table.parallelScan`, `Repository.scan/count({ parallel })`) on a table
// pre-split into 16 regions, over a pool of two gateways of the run's API (default + second):
// every row once, key order when asked, limit/reverse/filters, break closing every scanner, a
// region split mid-scan (HBase's Java Admin) and a gateway lost mid-scan (a proxy destroyed).
import 'reflect-metadata';
import {
  CALL_CHANNEL,
  type CallTraceContext,
  Column,
  Connection,
  ConnectionPool,
  Entity,
  Filter,
  InvalidArgumentError,
  Repository,
  RowKey,
  salted,
  syncSchema,
  utf8,
  utf8Key,
} from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { createPresplitTable, presplitKey } from '../support/presplit-table';
import { splitRegion } from '../support/split-region';
import { TcpProxy } from '../support/tcp-proxy';
import { TraceRecorder } from '../support/trace-recorder';

const prefix = uniquePrefix('parallel');
const ROWS = 4000;
let writer: Connection;
let pool: ConnectionPool;
let keys: string[];

@Entity({ table: 'rows', families: { cf: {} } })
class Row {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'cf', qualifier: 'a', codec: utf8 }) a?: string;
}

@Entity({ table: 'salted', families: { cf: {} } })
class SaltedRow {
  @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
  @Column({ family: 'cf', qualifier: 'a', codec: utf8 }) a?: string;
}

const servers = () => [gateways.default(), gateways.second()].map((g) => `${g.host}:${g.port}`);
const sorted = (list: string[]) => [...list].sort();

beforeAll(async () => {
  writer = new Connection({ ...gateways.default(), tablePrefix: prefix });
  keys = await createPresplitTable(writer, prefix, 'rows', ROWS);
  pool = new ConnectionPool({ size: 8, servers: servers(), tablePrefix: prefix, timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await dropPrefixedTables(writer);
  await writer.close();
});

const table = () => pool.connection(async (c) => c.table('rows'));
const keysOf = (rows: Array<[Buffer, unknown]>) => rows.map(([key]) => key.toString());

describe('parallelScan over a pool of two gateways', () => {
  it('reads the 16 regions side by side, every row exactly once, on both gateways', async () => {
    const t = await table();
    expect((await t.regions()).length).toBeGreaterThanOrEqual(16);
    const calls = new TraceRecorder<CallTraceContext>(CALL_CHANNEL);
    try {
      const rows = await t.parallelScan({ parallel: 8, batchSize: 100 }).toArray();
      expect(sorted(keysOf(rows))).toEqual(keys);
      expect(rows.find(([k]) => k.toString() === presplitKey(7))?.[1]).toEqual({
        'cf:a': Buffer.from(presplitKey(7)),
        'cf:b': Buffer.from(presplitKey(7).slice(1)),
      });
      const opens = calls.completed.filter(
        (c) => c.method === 'scannerOpenWithScan' && c.error === undefined,
      );
      expect(opens).toHaveLength(16);
      expect(new Set(opens.map((c) => `${c.host}:${c.port}`))).toEqual(new Set(servers()));
      const closes = calls.completed.filter((c) => c.method === 'scannerClose');
      expect(closes).toHaveLength(16);
    } finally {
      calls.stop();
    }
    expect(pool.stats().leased).toBe(0);
  });

  it('keeps the scanners of parts parked with rows waiting while the scan is being read', async () => {
    // Ordered, parts 1-3 read ahead and wait while part 0 is handed out, slowly: longer than
    // idleTimeout. With scanBatching a part cannot resume, so an expired scanner would fail the
    // scan (ScanExpiredError): a parked part keeps its scanner while its consumer pulls.
    const t = await table();
    const slow = t.parallelScan({
      parallel: 4,
      ordered: true,
      batchSize: 20,
      idleTimeout: 200,
      scanBatching: 100,
    });
    const seen: string[] = [];
    for await (const [key] of slow) {
      seen.push(key.toString());
      if (seen.length % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      if (seen.length === 600) break;
    }
    expect(seen).toEqual(keys.slice(0, 600));
  }, 30_000);

  it('keeps key order when asked, forwards and reversed', async () => {
    const t = await table();
    expect(keysOf(await t.parallelScan({ parallel: 4, ordered: true, batchSize: 64 }).toArray())).toEqual(
      keys,
    );
    expect(
      keysOf(await t.parallelScan({ parallel: 4, ordered: true, reverse: true, batchSize: 64 }).toArray()),
    ).toEqual([...keys].reverse());
    const unorderedReverse = await t.parallelScan({ parallel: 4, reverse: true }).toArray();
    expect(sorted(keysOf(unorderedReverse))).toEqual(keys);
  });

  it('clips to start/stop and prefix, forwards and reversed, and applies limit, filters and columns', async () => {
    const t = await table();
    const within = keys.filter((k) => k >= presplitKey(333) && k < presplitKey(2777));
    const ranged = await t
      .parallelScan({ parallel: 5, ordered: true, rowStart: presplitKey(333), rowStop: presplitKey(2777) })
      .toArray();
    expect(keysOf(ranged)).toEqual(within);
    const reversed = await t
      .parallelScan({
        parallel: 5,
        ordered: true,
        reverse: true,
        rowStart: presplitKey(2777),
        rowStop: presplitKey(333),
      })
      .toArray();
    // Reversed: from rowStart (inclusive) down to rowStop (exclusive).
    expect(keysOf(reversed)).toEqual(
      keys.filter((k) => k > presplitKey(333) && k <= presplitKey(2777)).reverse(),
    );
    const prefixed = keys.filter((k) => k.startsWith('k0012'));
    expect(
      keysOf(await t.parallelScan({ parallel: 3, ordered: true, rowPrefix: 'k0012' }).toArray()),
    ).toEqual(prefixed);
    expect(
      keysOf(
        await t.parallelScan({ parallel: 3, ordered: true, reverse: true, rowPrefix: 'k0012' }).toArray(),
      ),
    ).toEqual([...prefixed].reverse());
    expect(keysOf(await t.parallelScan({ parallel: 6, ordered: true, limit: 10 }).toArray())).toEqual(
      keys.slice(0, 10),
    );
    const some = keysOf(await t.parallelScan({ parallel: 6, limit: 300 }).toArray());
    expect(new Set(some).size).toBe(300);
    const filtered = await t
      .parallelScan({
        parallel: 4,
        filter: Filter.row('=', Filter.regex('^k00[0-9]{2}7[05]$')),
        columns: ['cf:b'],
      })
      .toArray();
    expect(sorted(keysOf(filtered))).toEqual(keys.filter((k) => /^k00[0-9]{2}7[05]$/.test(k)));
    expect(filtered.every(([, data]) => Object.keys(data).join() === 'cf:b')).toBe(true);
  });

  it('closes every scanner and gives every lease back on break', async () => {
    const t = await table();
    const calls = new TraceRecorder<CallTraceContext>(CALL_CHANNEL);
    try {
      let seen = 0;
      for await (const _ of t.parallelScan({ parallel: 6, batchSize: 50 })) {
        if (++seen === 120) break;
      }
      const opened = calls.completed.filter(
        (c) => c.method === 'scannerOpenWithScan' && c.error === undefined,
      );
      const closed = calls.completed.filter((c) => c.method === 'scannerClose' && c.error === undefined);
      expect(opened.length).toBeGreaterThanOrEqual(2);
      expect(closed).toHaveLength(opened.length);
    } finally {
      calls.stop();
    }
    expect(pool.stats().leased).toBe(0);
  });

  it('refuses bad options before anything is sent', async () => {
    const t = await table();
    expect(() => t.parallelScan({ parallel: 0 })).toThrow(InvalidArgumentError);
    expect(() => t.parallelScan({ parallel: 2, ordered: 'yes' as never })).toThrow('options.ordered');
    expect(() => (t.parallelScan as (o?: unknown) => unknown)()).toThrow(InvalidArgumentError);
    await expect(pool.acquire({ gateway: 'nowhere:1' })).rejects.toThrow('options.gateway');
  });

  it('runs inside a pool.connection() block of a pool of one (lane 0 on the block connection)', async () => {
    const one = new ConnectionPool({ size: 1, servers: servers(), tablePrefix: prefix, timeout: 30_000 });
    try {
      const rows = await one.connection((c) =>
        c.table('rows').parallelScan({ parallel: 4, limit: 500 }).toArray(),
      );
      expect(new Set(keysOf(rows)).size).toBe(500);
    } finally {
      await one.close();
    }
  });

  it('falls back to one connection for a table of a plain Connection', async () => {
    const rows = await writer.table('rows').parallelScan({ parallel: 4, ordered: true }).toArray();
    expect(keysOf(rows)).toEqual(keys);
  });
});

describe('Repository.scan and count with parallel', () => {
  it('reads every entity once, in key order when asked, and counts', async () => {
    const repository = new Repository(Row, pool);
    const all: string[] = [];
    for await (const row of repository.scan({ parallel: 8, batchSize: 200 })) all.push(row.id);
    expect(sorted(all)).toEqual(keys);
    const ordered = await repository
      .scan({ parallel: 4, ordered: true, prefix: 'k001', limit: 50 })
      .toArray();
    expect(ordered.map((r) => r.id)).toEqual(keys.filter((k) => k.startsWith('k001')).slice(0, 50));
    expect(await repository.count({ parallel: 8 })).toBe(ROWS);
    expect((await repository.findFirst({ parallel: 8, start: presplitKey(2500) }))?.id).toBe(
      presplitKey(2500),
    );
    expect(await repository.count({ parallel: 8, start: presplitKey(100), stop: presplitKey(3100) })).toBe(
      3000,
    );
    await expect(repository.page({ size: 10, parallel: 2 } as never)).rejects.toThrow('options');
  });

  it('reads every bucket of a salted key region-parallel, merged into key order when asked', async () => {
    await syncSchema(writer, [SaltedRow]);
    const salty = new Repository(SaltedRow, pool);
    const ids = Array.from({ length: 300 }, (_, i) => presplitKey(i));
    await salty.save(ids.map((id) => Object.assign(new SaltedRow(), { id, a: id })));
    const unordered = await salty.scan({ parallel: 3 }).toArray();
    expect(sorted(unordered.map((r) => r.id))).toEqual(ids);
    const ordered = await salty.scan({ parallel: 3, ordered: true, reverse: true, limit: 25 }).toArray();
    expect(ordered.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 25));
    expect(await salty.count({ parallel: 3 })).toBe(300);
    // A pool smaller than the buckets: merged in key order, every bucket must progress, and a lane
    // parked with rows waiting keeps its lease. One lane budget for all buckets: no deadlock.
    const small = new ConnectionPool({ size: 2, servers: servers(), tablePrefix: prefix, timeout: 30_000 });
    try {
      const few = new Repository(SaltedRow, small);
      const all = await few.scan({ parallel: 2, ordered: true, batchSize: 10 }).toArray();
      expect(all.map((r) => r.id)).toEqual(ids);
      expect(small.stats().leased).toBe(0);
      const inBlock = await small.connection(() =>
        few.scan({ parallel: 2, ordered: true, batchSize: 10, reverse: true }).toArray(),
      );
      expect(inBlock.map((r) => r.id)).toEqual([...ids].reverse());
    } finally {
      await small.close();
    }
  }, 60_000);
});

describe('parallelScan through changes of the cluster', () => {
  it('reads every row once while a region splits mid-scan', async () => {
    const name = 'splitting';
    const own = await createPresplitTable(writer, prefix, name, 3000);
    const t = await pool.connection(async (c) => c.table(name));
    const before = (await t.regions()).length;
    const seen: string[] = [];
    const iterator = t.parallelScan({ parallel: 4, ordered: true, batchSize: 20 })[Symbol.asyncIterator]();
    for (let i = 0; i < 100; i++) seen.push((await iterator.next()).value![0].toString());
    // The first region is being read (and the next ones read ahead): split the second in its middle.
    const after = await splitRegion(t.name, presplitKey(281));
    expect(after).toBeGreaterThan(before);
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) seen.push(r.value[0].toString());
    expect(seen).toEqual(own);
    expect((await t.regions()).length).toBe(after);
    // Read again over the new regions: every row once.
    expect(sorted(keysOf(await t.parallelScan({ parallel: 8 }).toArray()))).toEqual(own);
  }, 240_000);

  it('resumes the parts of a gateway lost mid-scan on the other gateway, every row once', async () => {
    const [first, second] = [gateways.default(), gateways.second()];
    const proxy = await TcpProxy.start(first.host, first.port);
    const viaProxy = new ConnectionPool({
      size: 4,
      servers: [`127.0.0.1:${proxy.port}`, `${second.host}:${second.port}`],
      tablePrefix: prefix,
      timeout: 30_000,
    });
    try {
      const t = await viaProxy.connection(async (c) => c.table('rows'));
      const seen: string[] = [];
      const iterator = t.parallelScan({ parallel: 4, batchSize: 50 })[Symbol.asyncIterator]();
      for (let i = 0; i < 600; i++) seen.push((await iterator.next()).value![0].toString());
      expect(proxy.openConnections).toBeGreaterThan(0);
      await proxy.close(); // the gateway behind it is gone, as far as the client can tell
      for (let r = await iterator.next(); !r.done; r = await iterator.next())
        seen.push(r.value[0].toString());
      expect(seen).toHaveLength(ROWS);
      expect(sorted(seen)).toEqual(keys);
      expect(viaProxy.stats().leased).toBe(0);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  }, 120_000);
});
