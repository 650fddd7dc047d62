// onProgress on the mapper's long operations, against the real HBase (both APIs): repository
// scans (one run, or the merged buckets of a salted key), counts and pages end at the exact row
// totals; syncSchema reports each table with its outcome; a throwing callback rejects the
// operation (settled, scanners closed, later tables left alone); bad options are refused before
// anything is sent.
import {
  Column,
  Connection,
  ConnectionPool,
  Entity,
  type Progress,
  Repository,
  RowKey,
  type SchemaProgress,
  salted,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
  VersionColumn,
  Versions,
} from '../../../src';
import { type BadInputCase, bad, badSync, expectRejected, uniqueCases } from '../../support/bad-input';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { settlesWithin } from '../../support/settles-within';
import { TcpProxy } from '../../support/tcp-proxy';

@Entity({ table: 'items', families: { cf: {} } })
class Item {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'cf', codec: utf8 }) name?: string;
}

@Entity({ table: 'readings', families: { r: {} } })
class Reading {
  @RowKey({ codec: salted(sortableInt64, { buckets: 4 }) }) seq!: bigint;
  @Column({ family: 'r', codec: utf8 }) note?: string;
}

const ITEMS = 130;
const READINGS = 90;

let admin: Connection;
let items: Repository<Item>;
let readings: Repository<Reading>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: uniquePrefix('progress-mapper') });
  await syncSchema(admin, [Item, Reading]);
  items = new Repository(Item, admin);
  readings = new Repository(Reading, admin);
  await items.save(
    Array.from({ length: ITEMS }, (_, i) =>
      Object.assign(new Item(), { id: `item-${String(i).padStart(3, '0')}`, name: `n${i}` }),
    ),
  );
  await readings.save(
    Array.from({ length: READINGS }, (_, i) => Object.assign(new Reading(), { seq: BigInt(i), note: 'x' })),
  );
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

/** Counts only grow, every report with more calls (new counts); one final report, the last. */
function expectMonotonicEnd(reports: readonly Progress[], operation: Progress['operation'], rows: number) {
  for (let i = 1; i < reports.length; i++) {
    expect(reports[i]!.calls).toBeGreaterThan(reports[i - 1]!.calls);
    expect(reports[i]!.rows).toBeGreaterThanOrEqual(reports[i - 1]!.rows);
    expect(reports[i]!.bytes).toBeGreaterThanOrEqual(reports[i - 1]!.bytes);
    expect(reports[i]!.calls).toBeGreaterThanOrEqual(reports[i - 1]!.calls);
  }
  expect(reports.filter((r) => r.done)).toHaveLength(1);
  expect(reports.at(-1)).toMatchObject({ operation, rows, done: true });
  expect(reports.at(-1)!.bytes).toBeGreaterThan(0);
}

describe('Repository onProgress', () => {
  it('a scan reports each batch and ends at the exact number of rows', async () => {
    const reports: Progress[] = [];
    const found = await items
      .scan({ batchSize: 25, onProgress: (p) => reports.push(p), progressInterval: 0 })
      .toArray();
    expect(found).toHaveLength(ITEMS);
    expectMonotonicEnd(reports, 'scan', ITEMS);
    // The final report counts the empty batch that ends the scan: no report of its own.
    expect(reports.map((r) => r.rows)).toEqual([25, 50, 75, 100, 125, 130, 130]);
    expect(reports.map((r) => r.calls)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a salted scan counts every bucket into one progress, ending at the exact total', async () => {
    const reports: Progress[] = [];
    const found = await readings
      .scan({ batchSize: 10, onProgress: (p) => reports.push(p), progressInterval: 0 })
      .toArray();
    expect(found.map((r) => r.seq)).toEqual(Array.from({ length: READINGS }, (_, i) => BigInt(i)));
    expectMonotonicEnd(reports, 'scan', READINGS);
    // Each of the 4 buckets reads its batches and the empty one that ends it.
    expect(reports.at(-1)!.calls).toBeGreaterThanOrEqual(READINGS / 10 + 4);
  });

  it('count reports the keys counted, plain and salted', async () => {
    const plain: Progress[] = [];
    expect(await items.count({ onProgress: (p) => plain.push(p), progressInterval: 0 })).toBe(ITEMS);
    expectMonotonicEnd(plain, 'count', ITEMS);
    const salt: Progress[] = [];
    expect(await readings.count({ start: 10n, onProgress: (p) => salt.push(p), progressInterval: 0 })).toBe(
      80,
    );
    expectMonotonicEnd(salt, 'count', 80);
  });

  it('a page reports the rows it read (one more than its size, to know there is a next page)', async () => {
    const reports: Progress[] = [];
    const page = await items.page({ size: 20, onProgress: (p) => reports.push(p), progressInterval: 0 });
    expect(page.items).toHaveLength(20);
    // One batch reaches the page's limit: the final report is its only report.
    expect(reports).toEqual([expect.objectContaining({ rows: 21, calls: 1, done: true })]);
    expectMonotonicEnd(reports, 'scan', 21);
  });

  it('a throwing callback rejects a count and a salted scan, settled, not called again', async () => {
    const boom = new Error('cancelled');
    let calls = 0;
    const failing = () => {
      calls++;
      throw boom;
    };
    expect(await settlesWithin(items.count({ onProgress: failing, progressInterval: 0 }), 10_000)).toEqual({
      status: 'rejected',
      reason: boom,
    });
    expect(calls).toBe(1);
    calls = 0;
    const scan = readings.scan({ batchSize: 5, onProgress: failing, progressInterval: 0 }).toArray();
    expect(await settlesWithin(scan, 10_000)).toEqual({ status: 'rejected', reason: boom });
    expect(calls).toBe(1);
    // The connection goes on serving.
    expect(await items.count()).toBe(ITEMS);
  });

  it('over a pool, a throwing callback leaves no connection leased', async () => {
    await using pool = new ConnectionPool({ ...gateways.default(), size: 1, tablePrefix: admin.tablePrefix });
    const pooled = new Repository(Reading, pool);
    const boom = new Error('cancelled');
    const scan = pooled
      .scan({
        batchSize: 5,
        progressInterval: 0,
        onProgress: () => {
          throw boom;
        },
      })
      .toArray();
    expect(await settlesWithin(scan, 10_000)).toEqual({ status: 'rejected', reason: boom });
    // The only connection is free again at once.
    await pool.connection(async () => undefined, { timeout: 1_000 });
    expect(await pooled.count()).toBe(READINGS);
  });
});

@Entity({ table: 'accounts', families: { a: {} } })
class Account {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'a', codec: utf8 }) owner?: string;
  @VersionColumn({ family: 'a' }) version?: number;
}

@Entity({ table: 'plans', families: { p: {} } })
class Plan {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'p', codec: utf8 }) name?: string;
  @Versions({ family: 'p', qualifier: 'h', codec: utf8 }) history?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

@Entity({ table: 'ledgers', families: { l: {} } })
class Ledger {
  @RowKey({ codec: utf8Key }) id!: string;
  @Versions({ family: 'l', qualifier: 'e', codec: utf8 }) entries?: Array<{
    value: string;
    timestamp?: number;
  }>;
  @VersionColumn({ family: 'l' }) version?: number;
}

let plans: Repository<Plan>;

beforeAll(async () => {
  await syncSchema(admin, [Plan]);
  plans = new Repository(Plan, admin);
});

describe('Repository.save onProgress', () => {
  it('reports the rows, cells and bytes sent, and its end once', async () => {
    const reports: Progress[] = [];
    const batch = Array.from({ length: 40 }, (_, i) =>
      Object.assign(new Item(), { id: `saved-${String(i).padStart(2, '0')}`, name: 'n' }),
    );
    await items.save(batch, { onProgress: (p) => reports.push(p) });
    expect(reports).toEqual([
      expect.objectContaining({ operation: 'save', rows: 40, cells: 40, calls: 1, done: true }),
    ]);
    expect(reports[0]!.bytes).toBeGreaterThan(40 * 'saved-00'.length);
  });

  it('a save split to fit the frame size reports each call, the last as its end; no parts', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: admin.tablePrefix,
      maxFrameSize: 4096,
    });
    const repository = new Repository(Item, framed);
    const reports: Progress[] = [];
    const big = Array.from({ length: 12 }, (_, i) =>
      Object.assign(new Item(), { id: `big-${i}`, name: 'z'.repeat(1000) }),
    );
    await repository.save(big, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    const calls = reports.at(-1)!.calls;
    expect(calls).toBeGreaterThan(1);
    // Every call, the last one as the final report (not the same counts twice).
    expect(reports.map((r) => r.calls)).toEqual(Array.from({ length: calls }, (_, i) => i + 1));
    expect(reports.map((r) => r.done)).toEqual([...Array(calls - 1).fill(false), true]);
    expect(reports.at(-1)).toMatchObject({ rows: 12, cells: 12 });
    // A save's calls are not known up front: no parts.
    expect(reports.some((r) => 'partsSent' in r || 'partsTotal' in r)).toBe(false);
  });

  it('versioned entities: one checked write each (Thrift2)', async () => {
    await using thrift2 = new Connection({ ...gateways.thrift2(), tablePrefix: admin.tablePrefix });
    await syncSchema(thrift2, [Account]);
    const accounts = new Repository(Account, thrift2);
    const reports: Progress[] = [];
    const list = Array.from({ length: 5 }, (_, i) =>
      Object.assign(new Account(), { id: `acc-${i}`, owner: 'o' }),
    );
    await accounts.save(list, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    expect(reports.map((r) => r.rows)).toEqual([1, 2, 3, 4, 5]);
    expect(reports.map((r) => r.done)).toEqual([false, false, false, false, true]);
    // Each write: the owner cell and the version.
    expect(reports.at(-1)).toMatchObject({ operation: 'save', calls: 5, cells: 10, done: true });
    expect(list.map((a) => a.version)).toEqual([1, 1, 1, 1, 1]);
  });

  it('a save with @Versions histories counts its batches together, ending once', async () => {
    const reports: Progress[] = [];
    const list = Array.from({ length: 3 }, (_, i) =>
      Object.assign(new Plan(), {
        id: `plan-${i}`,
        name: 'p',
        history: [
          { value: 'old', timestamp: 1_000 },
          { value: 'older', timestamp: 500 + i },
        ],
      }),
    );
    await plans.save(list, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    // The main batch (3 rows), the batch at 1000 (3 rows), one batch per other timestamp (1 row).
    expect(reports.map((r) => r.calls)).toEqual([1, 2, 3, 4, 5]);
    expect(reports.map((r) => r.rows)).toEqual([3, 6, 7, 8, 9]);
    expect(reports.map((r) => r.done)).toEqual([false, false, false, false, true]);
    expect(reports.at(-1)).toMatchObject({ operation: 'save', cells: 9 });
    expect(reports.some((r) => 'partsSent' in r || 'partsTotal' in r)).toBe(false);
  });

  it('versioned entities with histories: the last history batch ends the save (Thrift2)', async () => {
    await using thrift2 = new Connection({ ...gateways.thrift2(), tablePrefix: admin.tablePrefix });
    await syncSchema(thrift2, [Ledger]);
    const ledgers = new Repository(Ledger, thrift2);
    const reports: Progress[] = [];
    const list = Array.from({ length: 2 }, (_, i) =>
      Object.assign(new Ledger(), { id: `ledger-${i}`, entries: [{ value: 'e', timestamp: 7 }] }),
    );
    await ledgers.save(list, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    // Per entity: its checked write (the version cell), then its history's batch.
    expect(reports.map((r) => [r.calls, r.rows, r.cells, r.done])).toEqual([
      [1, 1, 1, false],
      [2, 2, 2, false],
      [3, 3, 3, false],
      [4, 4, 4, true],
    ]);
  });

  it('a throwing callback rejects the save after the call it reported', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: admin.tablePrefix,
      maxFrameSize: 4096,
    });
    const repository = new Repository(Item, framed);
    const boom = new Error('stop saving');
    let saved = 0;
    const big = Array.from({ length: 12 }, (_, i) =>
      Object.assign(new Item(), { id: `halt-${String(i).padStart(2, '0')}`, name: 'q'.repeat(1000) }),
    );
    const save = repository.save(big, {
      progressInterval: 0,
      onProgress: (p) => {
        saved = p.rows;
        throw boom;
      },
    });
    expect(await settlesWithin(save, 10_000)).toEqual({ status: 'rejected', reason: boom });
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(12);
    expect(await repository.count({ prefix: 'halt-' })).toBe(saved);
  });
});

describe('Repository.delete onProgress', () => {
  it('reports the rows deleted by each call of its batch, ending once', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: admin.tablePrefix,
      maxFrameSize: 4096,
    });
    const repository = new Repository(Item, framed);
    const ids = Array.from({ length: 300 }, (_, i) => `gone-${String(i).padStart(3, '0')}`);
    await repository.save(ids.map((id) => Object.assign(new Item(), { id, name: 'g' })));
    const reports: Progress[] = [];
    await repository.delete(ids, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    const calls = reports.at(-1)!.calls;
    // 300 row deletes do not fit one 4 KB frame.
    expect(calls).toBeGreaterThan(1);
    expect(reports.map((r) => r.calls)).toEqual(Array.from({ length: calls }, (_, i) => i + 1));
    expect(reports.map((r) => r.done)).toEqual([...Array(calls - 1).fill(false), true]);
    // One family: one delete mutation per row.
    expect(reports.at(-1)).toMatchObject({ operation: 'delete', rows: 300, cells: 300 });
    expect(reports.at(-1)!.bytes).toBeGreaterThan(300 * 'gone-000'.length);
    expect(await repository.count({ prefix: 'gone-' })).toBe(0);
  });

  it('one key, and no key: one final report each', async () => {
    const reports: Progress[] = [];
    await items.save(Object.assign(new Item(), { id: 'gone-one', name: 'g' }));
    await items.delete('gone-one', { onProgress: (p) => reports.push(p) });
    await items.delete([], { onProgress: (p) => reports.push(p) });
    expect(reports).toEqual([
      expect.objectContaining({ operation: 'delete', rows: 1, calls: 1, done: true }),
      expect.objectContaining({ operation: 'delete', rows: 0, calls: 0, done: true }),
    ]);
    expect(await items.findOne('gone-one')).toBeUndefined();
  });
});

@Entity({ table: 'first', families: { a: {} } })
class First {
  @RowKey({ codec: utf8Key }) id!: string;
}

@Entity({ table: 'second', families: { b: {} } })
class Second {
  @RowKey({ codec: utf8Key }) id!: string;
}

@Entity({ table: 'second', families: { b: {}, extra: {} } })
class SecondWithExtra {
  @RowKey({ codec: utf8Key }) id!: string;
}

describe('syncSchema onProgress', () => {
  let schema: Connection;

  beforeAll(() => {
    schema = new Connection({ ...gateways.default(), tablePrefix: uniquePrefix('progress-schema') });
  });

  afterAll(async () => {
    await dropPrefixedTables(schema);
    await schema.close();
  });

  it('a throwing callback stops after the table it reported: the next is left for another sync', async () => {
    const boom = new Error('not now');
    const reports: SchemaProgress[] = [];
    const sync = syncSchema(schema, [First, Second], {
      onProgress: (p) => {
        reports.push(p);
        throw boom;
      },
    });
    expect(await settlesWithin(sync, 60_000)).toEqual({ status: 'rejected', reason: boom });
    expect(reports).toEqual([expect.objectContaining({ table: 'first', outcome: 'created', tablesDone: 1 })]);
    expect(await schema.tables()).toEqual(['first']);
  });

  it('reports every table with its outcome, tables done and total', async () => {
    const reports: SchemaProgress[] = [];
    const report = await syncSchema(schema, [First, Second], { onProgress: (p) => reports.push(p) });
    expect(report.created).toEqual(['second']);
    expect(
      reports.map(({ table, outcome, tablesDone, tablesTotal }) => ({
        table,
        outcome,
        tablesDone,
        tablesTotal,
      })),
    ).toEqual([
      { table: 'first', outcome: 'unchanged', tablesDone: 1, tablesTotal: 2 },
      { table: 'second', outcome: 'created', tablesDone: 2, tablesTotal: 2 },
    ]);
    expect(reports[1]!.elapsedMs).toBeGreaterThanOrEqual(reports[0]!.elapsedMs);
    expect(Object.isFrozen(reports[0])).toBe(true);
  });

  it('says which tables alter would change (dryRun: on either API)', async () => {
    const reports: SchemaProgress[] = [];
    await syncSchema(schema, [First, SecondWithExtra], {
      dryRun: true,
      alter: true,
      onProgress: (p) => reports.push(p),
    });
    expect(reports.map((r) => [r.table, r.outcome])).toEqual([
      ['first', 'unchanged'],
      ['second', 'altered'],
    ]);
    // Without alter, a table that differs is left unchanged (its differences are in the report).
    const plain: SchemaProgress[] = [];
    const report = await syncSchema(schema, [SecondWithExtra], { onProgress: (p) => plain.push(p) });
    expect(plain.map((r) => r.outcome)).toEqual(['unchanged']);
    expect(report.differences).toEqual([
      expect.objectContaining({ family: 'extra', problem: 'missing family' }),
    ]);
  });
});

describe('progress options of the mapper', () => {
  let proxy: TcpProxy;
  let proxied: Connection;
  let repository: Repository<Item>;

  beforeAll(async () => {
    proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
    proxied = new Connection({
      ...gateways.default(),
      host: '127.0.0.1',
      port: proxy.port,
      tablePrefix: 'unused',
    });
    repository = new Repository(Item, proxied);
  });

  afterAll(async () => {
    await proxied.close();
    await proxy.close();
  });

  const cases: BadInputCase[] = uniqueCases([
    badSync('Repository.scan: onProgress not a function', 'options.onProgress', () =>
      repository.scan({ onProgress: true as never }),
    ),
    badSync('Repository.scan: progressInterval without onProgress', 'options.progressInterval', () =>
      repository.scan({ progressInterval: 5 }),
    ),
    bad('Repository.count: onProgress not a function', 'options.onProgress', () =>
      repository.count({ onProgress: 'yes' as never }),
    ),
    bad('Repository.count: negative progressInterval', 'options.progressInterval', () =>
      repository.count({ onProgress: () => undefined, progressInterval: -5 }),
    ),
    bad('Repository.page: onProgress not a function', 'options.onProgress', () =>
      repository.page({ size: 5, onProgress: [] as never }),
    ),
    bad('Repository.save: onProgress not a function', 'options.onProgress', () =>
      repository.save(Object.assign(new Item(), { id: 'x' }), { onProgress: 1 as never }),
    ),
    bad('Repository.save: unknown option', 'options.batchSize', () =>
      repository.save(Object.assign(new Item(), { id: 'x' }), { batchSize: 10 } as never),
    ),
    bad('Repository.delete: onProgress not a function', 'options.onProgress', () =>
      repository.delete(['x', 'y'], { onProgress: 'log' as never }),
    ),
    bad('Repository.delete: progressInterval without onProgress', 'options.progressInterval', () =>
      repository.delete('x', { progressInterval: 5 }),
    ),
    bad('syncSchema: onProgress not a function', 'options.onProgress', () =>
      syncSchema(proxied, [Item], { onProgress: 'log' as never }),
    ),
  ]);

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await expectRejected(c, () => proxy.bytesFromClients);
  });
});
