import { basename } from 'node:path';
import {
  Connection,
  ConnectionClosedError,
  ConnectionPool,
  defineEntity,
  NoConnectionsAvailableError,
  Repository,
  TableNotFoundError,
  TransportError,
  utf8,
} from '../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

// Errors from the gateway are created in socket callbacks; the library appends the frames of the
// code that awaited the call. Each case below fails inside a named function of this file and
// checks that the error's stack names that function and this file.

const THIS_FILE = basename(__filename);

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** The stack names `functionName` in this file, once: nested library calls do not repeat it. */
function expectCaller(error: Error, functionName: string): void {
  expect(error.stack!.split('\n').filter((line) => line.includes(functionName))).toHaveLength(1);
  expect(error.stack).toMatch(
    new RegExp(`at (async )?${functionName} \\(.*${THIS_FILE.replace('.', '\\.')}:\\d+:\\d+\\)`),
  );
}

class Missing {
  id!: string;
  name?: string;
}
defineEntity(Missing, {
  table: 'never_created',
  families: { d: {} },
  rowKey: { id: { codec: utf8 } },
  columns: { name: { family: 'd', codec: utf8 } },
});

describe('errors from the gateway carry the caller in their stack', () => {
  const prefix = uniquePrefix('callerstack');
  const connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  const pool = new ConnectionPool({ ...gateways.default(), size: 2, tablePrefix: prefix });

  afterAll(async () => {
    await dropPrefixedTables(connection);
    await connection.close();
    await pool.close();
  });

  it('a plain call', async () => {
    async function readRowOfMissingTable() {
      return await connection.table('missing').row('x');
    }
    const error = await failure(readRowOfMissingTable());
    expect(error).toBeInstanceOf(TableNotFoundError);
    expectCaller(error, 'readRowOfMissingTable');
  });

  it('a call whose promise is returned without await, and one on a fresh connection', async () => {
    const fresh = new Connection({ ...gateways.framed(), tablePrefix: prefix });
    async function checkAndPutOnMissingTable(c: Connection) {
      return await c
        .table('missing')
        .checkAndPut('r', { column: 'd:a', value: null }, { column: 'd:a', value: '1' });
    }
    try {
      expectCaller(await failure(checkAndPutOnMissingTable(fresh)), 'checkAndPutOnMissingTable');
      expectCaller(await failure(checkAndPutOnMissingTable(connection)), 'checkAndPutOnMissingTable');
    } finally {
      await fresh.close();
    }
  });

  it('a scan iteration', async () => {
    async function scanMissingTable() {
      for await (const _ of connection.table('missing').scan({ batchSize: 5 })) {
        // no row can come
      }
    }
    const error = await failure(scanMissingTable());
    expect(error).toBeInstanceOf(TableNotFoundError);
    expectCaller(error, 'scanMissingTable');
  });

  it('a batch send, and the callback form of batch', async () => {
    async function sendBatchToMissingTable() {
      const batch = connection.table('missing').batch();
      await batch.put('r', { 'd:a': '1' });
      await batch.send();
    }
    async function batchCallbackOnMissingTable() {
      await connection.table('missing').batch({}, async (b) => {
        await b.delete('r', { columns: ['d:a'] });
      });
    }
    const sent = await failure(sendBatchToMissingTable());
    expect(sent).toBeInstanceOf(TableNotFoundError);
    expectCaller(sent, 'sendBatchToMissingTable');
    expectCaller(await failure(batchCallbackOnMissingTable()), 'batchCallbackOnMissingTable');
  });

  it('a pool call', async () => {
    async function readThroughPool() {
      return await pool.connection((c) => c.table('missing').row('x'));
    }
    const error = await failure(readThroughPool());
    expect(error).toBeInstanceOf(TableNotFoundError);
    expectCaller(error, 'readThroughPool');
  });

  it('a pool that has no connection to give in time (an error raised by a timer)', async () => {
    const small = new ConnectionPool({ ...gateways.default(), size: 1 });
    const held = await small.acquire();
    async function waitForBusyPool() {
      return await small.connection((c) => c.tables(), { timeout: 20 });
    }
    try {
      const error = await failure(waitForBusyPool());
      expect(error).toBeInstanceOf(NoConnectionsAvailableError);
      expectCaller(error, 'waitForBusyPool');
    } finally {
      await held.release();
      await small.close();
    }
  });

  it('repository calls, over a pool and over a connection', async () => {
    async function findInMissingTable(repository: Repository<Missing>) {
      return await repository.findOne('x');
    }
    async function scanMissingEntities(repository: Repository<Missing>) {
      for await (const _ of repository.scan()) {
        // no entity can come
      }
    }
    for (const source of [pool, connection]) {
      const repository = new Repository(Missing, source);
      const found = await failure(findInMissingTable(repository));
      expect(found).toBeInstanceOf(TableNotFoundError);
      expectCaller(found, 'findInMissingTable');
      const scanned = await failure(scanMissingEntities(repository));
      expect(scanned).toBeInstanceOf(TableNotFoundError);
      expectCaller(scanned, 'scanMissingEntities');
    }
  });

  it('the frames are appended to the stack of where the error was received, not instead of it', async () => {
    async function readAgain() {
      return await connection.table('missing').row('x');
    }
    const error = await failure(readAgain());
    const lines = error.stack!.split('\n');
    expect(lines[0]).toMatch(/^TableNotFoundError: /);
    const callerLine = lines.findIndex((line) => line.includes('readAgain'));
    // The frames where the reply was decoded come first, the caller's after them.
    expect(lines.slice(1, callerLine).some((line) => /thrift-channel|translate-error/.test(line))).toBe(true);
    // Exactly once: the library's nested awaits do not append the same frames again.
    expect(lines.filter((line) => line.includes('readAgain'))).toHaveLength(1);
  });
});

describe('socket failures carry the caller too', () => {
  const prefix = uniquePrefix('callerstack_sock');
  let proxy: TcpProxy;
  const admin = new Connection({ ...gateways.default(), tablePrefix: prefix });

  beforeAll(async () => {
    proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
    await admin.createTable('t', { d: {} });
    await admin.table('t').batch({}, async (b) => {
      for (let i = 0; i < 30; i++) await b.put(`row-${String(i).padStart(2, '0')}`, { 'd:a': `${i}` });
    });
  });

  afterAll(async () => {
    await proxy.close();
    await dropPrefixedTables(admin);
    await admin.close();
  });

  it('a scan that fails mid-iteration', async () => {
    const connection = new Connection({ host: '127.0.0.1', port: proxy.port, tablePrefix: prefix });
    let rows = 0;
    async function iterateUntilTheSocketDrops() {
      for await (const _ of connection.table('t').scan({ batchSize: 5 })) {
        rows++;
        if (rows === 1) proxy.cutAll();
      }
    }
    try {
      const error = await failure(iterateUntilTheSocketDrops());
      expect(error).toBeInstanceOf(TransportError);
      expect(rows).toBeGreaterThanOrEqual(1);
      expect(rows).toBeLessThan(30);
      expectCaller(error, 'iterateUntilTheSocketDrops');
    } finally {
      await connection.close();
    }
  });

  it('one socket failure shared by two calls gives each its own caller', async () => {
    // In this mode the proxy cuts a connection made now at the first reply: both calls in flight
    // fail with the one error the dropped socket gives.
    proxy.mode = 'cut-on-reply';
    // The API declared: the two reads must be the first calls on the socket (no detection before them).
    const connection = new Connection({
      host: '127.0.0.1',
      port: proxy.port,
      tablePrefix: prefix,
      api: gatewayApi,
    });
    try {
      await connection.open();
      async function firstReader() {
        return await connection.table('t').row('row-01');
      }
      async function secondReader() {
        return await connection.table('t').row('row-02');
      }
      const [first, second] = await Promise.all([failure(firstReader()), failure(secondReader())]);
      for (const error of [first, second]) expect(error).toBeInstanceOf(ConnectionClosedError);
      expectCaller(first, 'firstReader');
      expect(first.stack).not.toContain('secondReader');
      expectCaller(second, 'secondReader');
      expect(second.stack).not.toContain('firstReader');
      expect(second.message).toBe(first.message);
    } finally {
      proxy.mode = 'forward';
      await connection.close();
    }
  });
});
