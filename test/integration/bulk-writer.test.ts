// The bulk writer against the real gateway, on a table pre-split into 16 regions (created through
// the Thrift2 gateway, the only one with split keys), over a pool of the run's API spanning two
// gateways: a 100k-row load verified row by row, the bound on buffered bytes, a connection cut
// mid-load and the re-run that completes the data, a region split mid-load, a row's delete and
// puts in order, bad input.
import {
  type BulkMutation,
  BulkWriteError,
  BulkWriterClosedError,
  bulkWriter,
  CALL_CHANNEL,
  type CallTraceContext,
  Connection,
  ConnectionPool,
  type IndexRange,
  InvalidArgumentError,
  type Progress,
} from '../../src';
import { gateways, uniquePrefix } from '../support/gateway';
import { splitRegion } from '../support/split-region';
import { TcpProxy } from '../support/tcp-proxy';
import { TraceRecorder } from '../support/trace-recorder';

const prefix = uniquePrefix('bulk');
const ROWS = 100_000;
const REGIONS = 16;
const TS = 1_700_000_000_000;

let admin: Connection;
let pool: ConnectionPool;

/** Row keys `r0000000`…: the split keys divide them evenly. */
const key = (i: number) => `r${String(i).padStart(7, '0')}`;
const value = (i: number) => `v${i}-${'x'.repeat(i % 50)}`;

/** A table of one family keeping 3 versions (so a duplicate version would show), in 16 regions. */
async function createSplitTable(name: string, rows: number): Promise<void> {
  const splitKeys = Array.from({ length: REGIONS - 1 }, (_, j) =>
    key(Math.round(((j + 1) * rows) / REGIONS)),
  );
  await admin.createTable(name, { cf: { maxVersions: 3 } }, { splitKeys });
}

function* puts(from: number, to: number): Generator<BulkMutation> {
  for (let i = from; i < to; i++) yield { row: key(i), data: { 'cf:v': value(i) } };
}

/** Every row of the table, compared with what `puts(0, rows)` writes. */
async function expectAllRows(name: string, rows: number): Promise<void> {
  const table = admin.table(name);
  let i = 0;
  for await (const [row, data] of table.scan({ batchSize: 5000 })) {
    expect(row.toString()).toBe(key(i));
    expect(data['cf:v']?.toString()).toBe(value(i));
    i++;
  }
  expect(i).toBe(rows);
}

/** A progress callback that cuts every socket of `proxy` once, when `rows` rows are written. */
function cutOnceAfter(
  proxy: TcpProxy,
  rows: number,
): { cut: boolean; onProgress: (p: { rows: number }) => void } {
  const cutter = {
    cut: false,
    onProgress: (p: { rows: number }) => {
      if (cutter.cut || p.rows < rows) return;
      cutter.cut = true;
      proxy.cutAll();
    },
  };
  return cutter;
}

/** A connection to the default gateway through a proxy a test can cut; `await using` closes both. */
async function proxiedConnection(): Promise<{ proxy: TcpProxy; connection: Connection } & AsyncDisposable> {
  const { host, port, timeout } = gateways.default();
  const proxy = await TcpProxy.start(host, port);
  const connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout, tablePrefix: prefix });
  return {
    proxy,
    connection,
    async [Symbol.asyncDispose]() {
      await connection.close();
      await proxy.close();
    },
  };
}

beforeAll(async () => {
  // Thrift1's createTable takes no split keys: the table is made through the Thrift2 gateway.
  admin = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
  const { host, port, timeout } = gateways.default();
  const second = gateways.second();
  pool = new ConnectionPool({
    size: 4,
    servers: [
      { host, port },
      { host: second.host, port: second.port },
    ],
    timeout,
    tablePrefix: prefix,
  });
});

afterAll(async () => {
  await pool.close();
  for (const name of await admin.tables()) await admin.deleteTable(name, { disable: true });
  await admin.close();
});

describe('a 100k-row load on 16 regions', () => {
  it('writes every row once, grouped by region, and says so in its progress', async () => {
    await createSplitTable('load', ROWS);
    const reports: Progress[] = [];
    const writer = bulkWriter(pool, 'load', { timestamp: TS, onProgress: (p) => reports.push(p) });
    async function* source() {
      yield* puts(0, ROWS);
    }
    await expect(writer.writeAll(source())).resolves.toBe(ROWS);
    await writer.close();
    const stats = writer.stats();
    expect(stats).toMatchObject({ accepted: ROWS, written: ROWS, bufferedBytes: 0, inFlightBytes: 0 });
    expect(stats.regions).toBe(REGIONS);
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ operation: 'bulk', rows: ROWS, cells: ROWS, done: true });
    expect(last.calls).toBe(stats.batches);
    expect(reports.filter((p) => p.done)).toHaveLength(1);
    await expectAllRows('load', ROWS);
    // One version per cell: nothing was written twice.
    const table = admin.table('load');
    for (const i of [0, 1, 6250, 31_337, 99_999]) {
      expect(await table.cells(key(i), 'cf:v', { includeTimestamp: true })).toEqual([
        { value: Buffer.from(value(i)), timestamp: TS },
      ]);
    }
  }, 240_000);
});

describe('back-pressure', () => {
  it('keeps the bytes buffered and in flight under maxBufferedBytes, pausing the producer', async () => {
    await createSplitTable('pressure', 20_000);
    const maxBufferedBytes = 64 * 1024;
    let pulled = 0;
    let worst = 0;
    let mostAhead = 0;
    const writer = bulkWriter(pool, 'pressure', {
      maxBufferedBytes,
      batchBytes: 8 * 1024,
      progressInterval: 0,
      onProgress: () => {
        const s = writer.stats();
        worst = Math.max(worst, s.bufferedBytes + s.inFlightBytes);
      },
    });
    async function* source() {
      for (const item of puts(0, 20_000)) {
        const s = writer.stats();
        worst = Math.max(worst, s.bufferedBytes + s.inFlightBytes);
        mostAhead = Math.max(mostAhead, pulled - s.written);
        pulled++;
        yield item;
      }
    }
    await writer.writeAll(source());
    await writer.close();
    expect(worst).toBeLessThanOrEqual(maxBufferedBytes);
    expect(writer.stats().peakBytes).toBeLessThanOrEqual(maxBufferedBytes);
    expect(writer.stats().peakBytes).toBeGreaterThan(maxBufferedBytes / 2);
    // A mutation here is at least 64 + 9 bytes: the producer never ran further ahead than that allows.
    expect(mostAhead).toBeLessThanOrEqual(Math.ceil(maxBufferedBytes / 73) + 1);
    await expectAllRows('pressure', 20_000);
  }, 120_000);

  it('put() waits for room, and resolves in order', async () => {
    await createSplitTable('puts', 2000);
    const writer = bulkWriter(pool, 'puts', { maxBufferedBytes: 4096, batchRows: 10 });
    const order: number[] = [];
    // Not awaited one by one: the promises must still resolve in the order given.
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        writer.put(key(i), { 'cf:v': value(i) }).then(() => order.push(i)),
      ),
    );
    await writer.close();
    expect(order).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(writer.stats().peakBytes).toBeLessThanOrEqual(4096);
    await expectAllRows('puts', 2000);
  }, 120_000);
});

describe('a connection cut mid-load', () => {
  it('tells which rows are known written; a re-run of the rest completes the data without duplicates', async () => {
    const rows = 30_000;
    await createSplitTable('cut', rows);
    await using proxied = await proxiedConnection();
    const { proxy, connection } = proxied;
    const items = [...puts(0, rows)].map((item) => ({ ...item, timestamp: TS }));
    let cut = false;
    const writer = bulkWriter(connection, 'cut', {
      parallel: 4,
      batchRows: 500,
      retry: false,
      progressInterval: 0,
      onProgress: (p) => {
        if (!cut && p.rows >= 10_000) {
          // Requests still reach the gateway, the replies are lost: batches of unknown outcome.
          cut = true;
          proxy.mode = 'cut-on-reply';
          proxy.cutAll();
        }
      },
    });
    const failure = await writer.writeAll(items).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BulkWriteError);
    const error = failure as BulkWriteError;
    // Counts only: no row key in the message.
    expect(error.message).not.toMatch(/r\d{7}/);
    expect(error.written + error.unknown + error.unsent).toBe(error.accepted);
    expect(error.written).toBeGreaterThanOrEqual(10_000);
    expect(error.unknown).toBeGreaterThan(0);
    expect(size(error.knownWritten)).toBe(error.written);
    expect(size(error.notKnownWritten)).toBe(error.unknown + error.unsent);
    // Every promise settles, with the same error.
    await expect(writer.flush()).rejects.toBe(error);
    await expect(writer.close()).rejects.toBe(error);
    await expect(writer.put('r', { 'cf:v': 'x' })).rejects.toBe(error);

    // The known-written rows are there.
    const table = admin.table('cut');
    for (const { start, end } of error.knownWritten) {
      for (const i of [start, end - 1]) expect((await table.row(key(i)))['cf:v']?.toString()).toBe(value(i));
    }
    // The rest (and whatever was never read from `items`), on a fresh writer.
    const rerun = bulkWriter(pool, 'cut', { batchRows: 500 });
    const again = error.notKnownWritten.flatMap(({ start, end }) => items.slice(start, end));
    await rerun.writeAll([...again, ...items.slice(error.accepted)]);
    await rerun.close();
    await expectAllRows('cut', rows);
    // The unknown batches were (maybe) applied twice, at the same timestamp: one version each.
    for (const { start, end } of error.unknownRanges) {
      for (const i of [start, end - 1]) {
        expect(await table.cells(key(i), 'cf:v', { includeTimestamp: true })).toHaveLength(1);
      }
    }
  }, 180_000);
});

describe('a region split during a load', () => {
  it('writes every row exactly once, and its counts say so', async () => {
    const rows = 60_000;
    await createSplitTable('split', rows);
    const fullName = admin.table('split').name;
    const before = (await admin.table('split').regions()).length;
    // Rows go out in a scattered order (7919 is prime to 60000), so that every region, the one
    // split too, is written to all along the load.
    const put = (n: number): BulkMutation => {
      const i = (n * 7919) % rows;
      return { row: key(i), data: { 'cf:v': value(i) } };
    };
    const reports: Progress[] = [];
    const writer = bulkWriter(pool, 'split', {
      batchRows: 200,
      progressInterval: 0,
      onProgress: (p) => reports.push(p),
    });
    let splitDone = false;
    let writtenAtSplitStart = 0;
    let writtenAtSplitEnd = 0;
    let regionsAfter = 0;
    let loadOutlastedSplit = false;
    async function* source(): AsyncGenerator<BulkMutation> {
      let n = 0;
      for (; n < rows / 10; n++) yield put(n);
      // The region holding rows 30000..33749 has rows on both sides of its split key now.
      await writer.flush();
      writtenAtSplitStart = writer.stats().written;
      const splitting = splitRegion(fullName, key(31_875)).then((count) => {
        regionsAfter = count;
        writtenAtSplitEnd = writer.stats().written;
        splitDone = true;
      });
      // While HBase splits (the JVM starting, the region closing, its daughters opening: 10-15 s
      // here), the load goes on in steps of 2 rows, each flushed, so that batches reach every
      // region all along (~10,000-17,000 rows here). Bounded: at most 80% of the rows.
      while (!splitDone && n < (rows * 9) / 10) {
        for (const end = n + 2; n < end; n++) yield put(n);
        await writer.flush();
      }
      loadOutlastedSplit = splitDone;
      await splitting;
      // The rest (at least 10%) after the split, grouped by the writer's old map (a batch may span
      // both daughters).
      for (; n < rows; n++) yield put(n);
    }
    await expect(writer.writeAll(source())).resolves.toBe(rows);
    await writer.close();
    expect(regionsAfter).toBeGreaterThan(before);
    // Batches were written while the split ran, from its start to its end, and after it.
    expect(loadOutlastedSplit).toBe(true);
    expect(writtenAtSplitEnd).toBeGreaterThan(writtenAtSplitStart);
    expect(writtenAtSplitEnd).toBeLessThan(rows);
    // Honest counts: everything accepted was written, nothing retried (server-time puts are never
    // retried: the gateway's HBase client found the daughters), nothing left held.
    expect(writer.stats()).toMatchObject({
      accepted: rows,
      written: rows,
      retries: 0,
      bufferedBytes: 0,
      inFlightBytes: 0,
      inFlightBatches: 0,
      // Its map is the one fetched at the start: no batch failed, so none was fetched again (the
      // map only groups mutations; the gateway routes each one).
      regions: REGIONS,
    });
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ rows, cells: rows, done: true, calls: writer.stats().batches });
    // Every row once, with its value, in one version: at the server's time a row written twice
    // would show two (the family keeps 3).
    let i = 0;
    for await (const [row, data] of admin.table('split').scan({ versions: 3, batchSize: 5000 })) {
      expect(row.toString()).toBe(key(i));
      expect(data['cf:v']?.map(String)).toEqual([value(i)]);
      i++;
    }
    expect(i).toBe(rows);
  }, 300_000);
});

describe('retries', () => {
  it('retries the batches cut mid-load when they carry timestamps, on a new socket, and completes', async () => {
    const rows = 20_000;
    await createSplitTable('retried', rows);
    await using proxied = await proxiedConnection();
    const { proxy, connection } = proxied;
    const calls = new TraceRecorder<CallTraceContext>(CALL_CHANNEL);
    try {
      // The batches in flight fail; the next attempts reconnect.
      const cutter = cutOnceAfter(proxy, 5000);
      const writer = bulkWriter(connection, 'retried', {
        timestamp: TS,
        batchRows: 500,
        retry: { attempts: 5, backoff: 10 },
        progressInterval: 0,
        onProgress: cutter.onProgress,
      });
      await writer.writeAll(puts(0, rows));
      await writer.close();
      expect(cutter.cut).toBe(true);
      expect(writer.stats()).toMatchObject({ accepted: rows, written: rows });
      expect(writer.stats().retries).toBeGreaterThan(0);
      // The region map was fetched at the start and again after the failed batches.
      const regionFetches = calls.completed.filter((c) => c.method === 'getTableRegions');
      expect(regionFetches.length).toBeGreaterThanOrEqual(2);
      await expectAllRows('retried', rows);
      const table = admin.table('retried');
      for (const i of [0, 5000, 12_345, rows - 1]) {
        expect(await table.cells(key(i), 'cf:v', { includeTimestamp: true })).toHaveLength(1);
      }
    } finally {
      calls.stop();
    }
  }, 120_000);

  it('never retries a batch at server time: it fails, its rows unknown', async () => {
    await createSplitTable('unretried', 20_000);
    await using proxied = await proxiedConnection();
    const { proxy, connection } = proxied;
    const writer = bulkWriter(connection, 'unretried', {
      batchRows: 500,
      retry: { attempts: 5, backoff: 10 },
      progressInterval: 0,
      onProgress: cutOnceAfter(proxy, 5000).onProgress,
    });
    const error = await writer.writeAll(puts(0, 20_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkWriteError);
    expect((error as BulkWriteError).unknown).toBeGreaterThan(0);
    expect(writer.stats().retries).toBe(0);
  }, 120_000);
});

describe('ordering of a row within one writer', () => {
  it.each([
    ['in one batch', 1000],
    ['each in its own batch', 1],
  ])(
    'applies delete and puts of the same row in order (%s)',
    async (_, batchRows) => {
      const name = `order${batchRows}`;
      await createSplitTable(name, 100);
      const writer = bulkWriter(pool, name, { batchRows });
      for (let i = 0; i < 100; i++) {
        await writer.put(key(i), { 'cf:a': 'first', 'cf:b': 'first' });
        await writer.delete(key(i));
        await writer.put(key(i), { 'cf:a': 'second' });
        await writer.delete(key(i), { columns: ['cf:c'] });
        if (i % 2 === 0) await writer.delete(key(i), { columns: ['cf:a'] });
      }
      await writer.close();
      const table = admin.table(name);
      const rows = await table.rows(Array.from({ length: 100 }, (_, i) => key(i)));
      expect(rows).toHaveLength(50);
      for (const [row, data] of rows) {
        expect(Number(row.toString().slice(1)) % 2).toBe(1);
        expect(Object.fromEntries(Object.entries(data).map(([c, v]) => [c, v.toString()]))).toEqual({
          'cf:a': 'second',
        });
      }
    },
    60_000,
  );
});

describe('mutations made before the region map arrives', () => {
  /** The rows of a table, as strings. */
  async function rowsOf(name: string): Promise<string[]> {
    const rows: string[] = [];
    for await (const [row] of admin.table(name).scan()) rows.push(row.toString());
    return rows;
  }

  it('are pending: flush() right after an un-awaited first put sends it', async () => {
    await createSplitTable('early1', 100);
    const writer = bulkWriter(pool, 'early1');
    const put = writer.put('a', { 'cf:v': 'x' });
    await writer.flush();
    expect(writer.stats().written).toBe(1);
    expect(await rowsOf('early1')).toEqual(['a']);
    await put;
    await writer.close();
  }, 60_000);

  it('close() right after un-awaited puts writes them all', async () => {
    await createSplitTable('early2', 100);
    const writer = bulkWriter(pool, 'early2');
    const puts = [writer.put('a', { 'cf:v': 'x' }), writer.put('b', { 'cf:v': 'y' }), writer.delete('c')];
    await writer.close();
    await Promise.all(puts);
    expect(writer.stats()).toMatchObject({ accepted: 3, written: 3 });
    expect(await rowsOf('early2')).toEqual(['a', 'b']);
  }, 60_000);

  it('are held to maxBufferedBytes from the first put, in order', async () => {
    await createSplitTable('early3', 200);
    const writer = bulkWriter(pool, 'early3', { maxBufferedBytes: 2048, batchRows: 5 });
    const order: number[] = [];
    const all = Array.from({ length: 200 }, (_, i) =>
      writer.put(key(i), { 'cf:v': value(i) }).then(() => order.push(i)),
    );
    // Nothing is buffered before the map arrives, and nothing beyond the bound after.
    expect(writer.stats().bufferedBytes).toBe(0);
    await Promise.all(all);
    await writer.close();
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(writer.stats().peakBytes).toBeLessThanOrEqual(2048);
    await expectAllRows('early3', 200);
  }, 60_000);

  it("are checked against the table's row key limit once it is known", async () => {
    await createSplitTable('early4', 100);
    const writer = bulkWriter(pool, 'early4');
    const tooLong = writer.put('k'.repeat(32_760), { 'cf:v': 'x' });
    const fine = writer.put('a', { 'cf:v': 'x' });
    await expect(tooLong).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'row' });
    await fine;
    await writer.close();
    expect(await rowsOf('early4')).toEqual(['a']);
  }, 60_000);
});

describe('inside a pool.connection() block', () => {
  it("writes on the block's connection when the block holds the last lease, parallel or not", async () => {
    await createSplitTable('scoped', 400);
    const { host, port, timeout } = gateways.default();
    const one = new ConnectionPool({ size: 1, host, port, timeout, tablePrefix: prefix });
    try {
      const load = one.connection(async () => {
        const writer = bulkWriter(one, 'scoped', { parallel: 4, batchRows: 20 });
        await writer.writeAll(puts(0, 400));
        await writer.close();
        return writer.stats();
      });
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<'stuck'>((resolve) => {
        timer = setTimeout(() => resolve('stuck'), 20_000);
      });
      const outcome = await Promise.race([load, stuck]).finally(() => clearTimeout(timer));
      expect(outcome).toMatchObject({ written: 400 });
      await expectAllRows('scoped', 400);
    } finally {
      await one.close();
    }
  }, 60_000);
});

describe('bad input, refused before anything is sent', () => {
  it('names the argument, and the writer goes on', async () => {
    await createSplitTable('bad', 100);
    expect(() => bulkWriter(pool, '')).toThrow(expect.objectContaining({ argument: 'table' }));
    expect(() => bulkWriter({} as ConnectionPool, 'bad')).toThrow(
      expect.objectContaining({ argument: 'source' }),
    );
    for (const [options, argument] of [
      [{ parallel: 0 }, 'options.parallel'],
      [{ batchRows: 1.5 }, 'options.batchRows'],
      [{ batchBytes: 1024, maxBufferedBytes: 100 }, 'options.maxBufferedBytes'],
      [{ timestamp: -1 }, 'options.timestamp'],
      [{ retry: { attempts: 0 } }, 'options.retry.attempts'],
      [{ wal: false, durability: 'skipWal' }, 'options.durability'],
      [{ progressInterval: 5 }, 'options.progressInterval'],
      [{ colour: 'red' }, 'options.colour'],
    ] as const) {
      expect(() => bulkWriter(pool, 'bad', options as never)).toThrow(
        expect.objectContaining({ name: 'InvalidArgumentError', argument }),
      );
    }
    const writer = bulkWriter(pool, 'bad');
    const refused = async (promise: Promise<unknown>, argument: string) => {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    };
    await refused(writer.put('', { 'cf:v': 'x' }), 'row');
    await refused(writer.put('a', 5 as never), 'data');
    await refused(writer.put('a', { nofamily: 'x' }), 'data column');
    await refused(writer.put('a', { 'cf:v': 'x' }, { timestamp: 'now' as never }), 'options.timestamp');
    await refused(writer.delete('a', { columns: 'cf' as never }), 'options.columns');
    await refused(writer.writeAll(5 as never), 'items');
    await refused(writer.writeAll([{ row: 'a', data: { 'cf:v': 'x' } }, { row: 'b' } as never]), 'items[1]');
    await refused(writer.writeAll([{ row: 'a', delete: 'yes' as never }]), 'items[0].delete');
    await refused(writer.writeAll([{ row: 'a', delete: [5 as never] }]), 'items[0].delete[0]');
    await refused(writer.writeAll([{ row: 'a', data: {}, timestamp: -1 }]), 'items[0].timestamp');
    // Only the first item of the last-but-one writeAll was valid, and it was accepted.
    expect(writer.stats().accepted).toBe(1);
    await writer.close();
    const scanned: string[] = [];
    for await (const [row] of admin.table('bad').scan()) scanned.push(row.toString());
    expect(scanned).toEqual(['a']);
    await expect(writer.put('b', { 'cf:v': 'x' })).rejects.toBeInstanceOf(BulkWriterClosedError);
    await expect(writer.writeAll([{ row: 'b', delete: true }])).rejects.toBeInstanceOf(BulkWriterClosedError);
  }, 60_000);
});

function size(ranges: readonly IndexRange[]): number {
  return ranges.reduce((n, r) => n + r.end - r.start, 0);
}
