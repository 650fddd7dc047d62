// The `hbase-mapper:call` TracingChannel against the real gateway of the run's API: the context of
// every public method's calls (Connection, Table, Batch, scans), the events of a success and of a
// failure, attempt numbers when a call is retried, and nothing published once unsubscribed.
import { tracingChannel } from 'node:diagnostics_channel';
import { CALL_CHANNEL, type CallTraceContext, Connection, HBaseError, type Table } from '../../../src';
import { closeScratch, gatewayApi, gateways, openScratchTable, uniquePrefix } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';
import { TraceRecorder } from '../../support/trace-recorder';

const prefix = uniquePrefix('call-tracing');
const { host, port } = gateways.default();
let connection: Connection;
let table: Table;
let recorder: TraceRecorder<CallTraceContext>;

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(prefix));
});
afterAll(async () => {
  await closeScratch(connection);
});
beforeEach(() => {
  recorder = new TraceRecorder<CallTraceContext>(CALL_CHANNEL);
});
afterEach(() => {
  recorder.stop();
});

/** What every call of the suite's connection says of its gateway. */
const gateway = { host, port, api: gatewayApi, attempt: 1 };

/** The completed calls, without what varies by run (results) and on key order. */
const calls = () => recorder.completed.map(({ result: _result, ...call }) => call);

describe('Connection methods', () => {
  it('tables(), ping() and the table admin calls name their method, table and gateway', async () => {
    await connection.tables();
    await connection.ping();
    const other = await connection.createTable('admin', { cf: {} });
    await connection.isTableEnabled('admin');
    await connection.disableTable('admin');
    await connection.enableTable('admin');
    await connection.deleteTable('admin', { disable: true });
    expect(calls()).toEqual([
      { method: 'getTableNames', table: undefined, ...gateway },
      { method: 'getThriftServerType', table: undefined, ...gateway },
      { method: 'createTable', table: other.name, ...gateway },
      { method: 'isTableEnabled', table: other.name, ...gateway },
      { method: 'disableTable', table: other.name, ...gateway },
      { method: 'enableTable', table: other.name, ...gateway },
      { method: 'isTableEnabled', table: other.name, ...gateway },
      { method: 'disableTable', table: other.name, ...gateway },
      { method: 'deleteTable', table: other.name, ...gateway },
    ]);
  });

  it('a success publishes start, end, asyncStart and asyncEnd on one context, with the result', async () => {
    const names = await connection.tables();
    const [start] = recorder.events;
    expect(recorder.eventsOf(start!.object)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(start!.context.result).toBeUndefined();
    expect(start!.object.error).toBeUndefined();
    // The raw result (names as bytes): set before asyncStart.
    expect((start!.object.result as Buffer[]).length).toBeGreaterThanOrEqual(names.length);
  });
});

describe('Table methods', () => {
  it('reads and single-row writes name the table; multi-row reads count their rows', async () => {
    await table.put('r1', { 'cf:a': 'value-1', 'cf:b': 'v2' });
    await table.row('r1');
    await table.rows(['r1', 'r2', 'r3']);
    await table.cells('r1', 'cf:a');
    await table.counterInc('r1', 'cf:n', 2);
    await table.append('r1', { 'cf:b': '+' });
    await table.checkAndPut('r1', { column: 'cf:a', value: 'value-1' }, { column: 'cf:c', value: 'x' });
    await table.families();
    await table.regions();
    await table.delete('r1');
    const t = { table: table.name, ...gateway };
    expect(calls()).toEqual([
      // 2 rows' worth: 'r1' twice (2 B), 'cf:a' + 'cf:b' (8 B), 'value-1' + 'v2' (9 B).
      { method: 'mutateRows', ...t, rows: 1, cells: 2, bytes: 2 + 8 + 9 },
      { method: 'getRow', ...t },
      { method: 'getRows', ...t, rows: 3 },
      { method: 'getVer', ...t },
      { method: 'atomicIncrement', ...t },
      { method: 'append', ...t },
      { method: 'checkAndPut', ...t },
      { method: 'getColumnDescriptors', ...t },
      { method: 'getTableRegions', ...t },
      { method: 'deleteAllRow', ...t },
    ]);
  });

  it('exists() is one existsAll call on Thrift2, a one-row scan per key on Thrift1', async () => {
    await table.put('e1', { 'cf:a': '1' });
    recorder.clear();
    expect(await table.exists(['e1', 'e2'])).toEqual([true, false]);
    const methods = calls().map((c) => c.method);
    if (gatewayApi === 'thrift2')
      expect(calls()).toEqual([{ method: 'existsAll', table: table.name, ...gateway, rows: 2 }]);
    else expect(methods.filter((m) => m === 'scannerOpenWithScan')).toHaveLength(2);
    for (const call of calls()) expect(call.table).toBe(table.name);
  });

  it('a batch counts the rows, cells and bytes of each call it sends', async () => {
    await table.batch({}, async (b) => {
      await b.put('b1', { 'cf:a': '12345', 'cf:b': '1' });
      await b.put('b2', { 'cf:a': '123' });
      await b.counterInc('b1', 'cf:n', 5);
      await b.counterInc('b2', 'cf:n');
      await b.counterInc('b2', 'cf:m');
    });
    const t = { table: table.name, ...gateway };
    expect(calls()).toEqual([
      // b1: 2 + (4 + 5) + (4 + 1); b2: 2 + (4 + 3).
      { method: 'mutateRows', ...t, rows: 2, cells: 3, bytes: 16 + 9 },
      // Three cells of two rows; each: row (2) + column (4) + the 8-byte amount.
      { method: 'incrementRows', ...t, rows: 2, cells: 3, bytes: 3 * 14 },
    ]);
  });

  it('a scan numbers its batches, from 1, between opening and closing its scanner', async () => {
    await table.batch({}, async (b) => {
      for (let i = 0; i < 5; i++) await b.put(`s${i}`, { 'cf:a': String(i) });
    });
    recorder.clear();
    const rows = await table.scan({ rowPrefix: 's', batchSize: 2 }).toArray();
    expect(rows).toHaveLength(5);
    const seen = calls();
    expect(seen[0]).toEqual({ method: 'scannerOpenWithScan', table: table.name, ...gateway });
    expect(seen.at(-1)).toEqual({ method: 'scannerClose', table: table.name, ...gateway });
    const batches = seen.filter((c) => c.method === 'scannerGetList');
    // 2 + 2 + 1 rows, and an empty batch that says the scan is over.
    expect(batches.map((c) => c.scanBatch)).toEqual([1, 2, 3, 4]);
    for (const batch of batches) expect(batch).toMatchObject({ table: table.name, ...gateway });
  });
});

describe('methods built on others, and those of one API', () => {
  it('counters, and the calls only one API serves', async () => {
    await table.counterSet('c1', 'cf:n', 5);
    await table.counterGet('c1', 'cf:n');
    await table.counterDec('c1', 'cf:n');
    const t = { table: table.name, ...gateway };
    expect(calls()).toEqual([
      { method: 'getVer', ...t }, // counterSet reads the newest timestamp, then puts
      { method: 'mutateRows', ...t, rows: 1, cells: 1, bytes: 2 + 4 + 8 },
      { method: 'atomicIncrement', ...t },
      { method: 'atomicIncrement', ...t },
    ]);
    recorder.clear();
    // One after the other, so that they complete in this order.
    const outcomes: Array<PromiseSettledResult<unknown>> = [];
    for (const run of [
      () => table.checkAndMutate('c1', { column: 'cf:x', value: null }, { put: { 'cf:x': '1' } }),
      () => table.descriptor(),
      () => connection.namespaces(),
      () => connection.compactTable('t'),
    ]) {
      outcomes.push(...(await Promise.allSettled([run()])));
    }
    expect(recorder.completed.map((c) => [c.method, c.table])).toEqual([
      ['checkAndMutate', table.name],
      ['getTableDescriptor', table.name],
      ['listNamespaces', undefined],
      ['compact', table.name],
    ]);
    // The API without the call refuses it before anything is sent: a failed attempt, with that error.
    const thrift2Only = [true, true, true, false];
    for (const [i, call] of recorder.completed.entries()) {
      const outcome = outcomes[i]!;
      if (thrift2Only[i] === (gatewayApi === 'thrift2')) expect(outcome.status).toBe('fulfilled');
      else expect(call.error).toBe((outcome as PromiseRejectedResult).reason);
    }
  });
});

describe('failures and retries', () => {
  it('a failed call publishes error with the typed error it rejects with', async () => {
    const missing = connection.table('no-such-table');
    const rejection = await missing.row('r').catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(HBaseError);
    const [start] = recorder.events;
    expect(recorder.eventsOf(start!.object)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect(start!.object).toMatchObject({ method: 'getRow', table: missing.name, ...gateway });
    expect(start!.object.error).toBe(rejection);
  });

  it('each attempt of a retried call is its own operation, numbered', async () => {
    // The proxy cuts the first socket as the gateway answers the first call; the second attempt
    // goes through once the first one's error has been published.
    const proxy = await TcpProxy.start(host, port);
    proxy.mode = 'cut-on-reply';
    const forward = () => {
      proxy.mode = 'forward';
    };
    tracingChannel(CALL_CHANNEL).error.subscribe(forward);
    try {
      await using retried = new Connection({
        ...gateways.default(),
        host: '127.0.0.1',
        port: proxy.port,
        api: gatewayApi,
        tablePrefix: prefix,
        retry: { attempts: 3, backoff: 10 },
      });
      await retried.table('t').row('r1');
      const attempts = recorder.completed;
      expect(attempts.map((a) => [a.method, a.attempt, a.error === undefined])).toEqual([
        ['getRow', 1, false],
        ['getRow', 2, true],
      ]);
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({
          table: table.name,
          host: '127.0.0.1',
          port: proxy.port,
          api: gatewayApi,
        });
      }
      expect(attempts[0]!.error).toBeInstanceOf(HBaseError);
    } finally {
      tracingChannel(CALL_CHANNEL).error.unsubscribe(forward);
      await proxy.close();
    }
  });

  it("the first call of an api: 'auto' connection learns the gateway's API while it runs", async () => {
    await using fresh = new Connection(gateways.default());
    await fresh.tables();
    const [start, ...rest] = recorder.events;
    expect(start).toMatchObject({ event: 'start', context: { method: 'getTableNames', api: undefined } });
    expect(rest.at(-1)).toMatchObject({ event: 'asyncEnd', context: { api: gatewayApi, host, port } });
  });

  it('a gateway that cannot be reached fails the attempt that tried to connect', async () => {
    await using down = new Connection({ host: '127.0.0.1', port: 1, timeout: 2_000, api: gatewayApi });
    await expect(down.tables()).rejects.toBeInstanceOf(HBaseError);
    expect(recorder.completed).toEqual([
      expect.objectContaining({ method: 'getTableNames', host: '127.0.0.1', port: 1, attempt: 1 }),
    ]);
    expect(recorder.completed[0]!.error).toBeInstanceOf(HBaseError);
  });
});

describe('no subscriber', () => {
  it('publishes nothing once unsubscribed', async () => {
    recorder.stop();
    await connection.tables();
    await table.row('r1');
    expect(recorder.events).toEqual([]);
  });
});
