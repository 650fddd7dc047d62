// Which API the gateway serves: asked once per socket (api: 'auto'), or declared. This version
// speaks Thrift1; a Thrift2 gateway gets a typed error and no data call. A counting proxy in front
// of the real gateways shows what was sent.
import 'reflect-metadata';
import {
  Column,
  Connection,
  type ConnectionOptions,
  ConnectionPool,
  Entity,
  NotSupportedError,
  Repository,
  RowKey,
  UnsupportedGatewayError,
  utf8,
} from '../../src';
import { gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Bytes of a call without arguments in the buffered transport and the strict binary protocol:
 * version and message type (i32), the method name (i32 length and its bytes), the sequence id
 * (i32), then the empty arguments struct (its stop byte).
 */
const callBytes = (method: string) => 4 + 4 + method.length + 4 + 1;
const DETECTION = callBytes('getThriftServerType');

/** Runs `fn` with a counting proxy in front of a gateway, closing it afterwards. */
async function withProxy<T>(port: number, fn: (proxy: TcpProxy) => Promise<T>): Promise<T> {
  const proxy = await TcpProxy.start(gateways.default().host, port);
  try {
    return await fn(proxy);
  } finally {
    await proxy.close();
  }
}

/** The error `promise` rejects with (failing the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function expectThrift2Error(error: unknown, gateway: string): void {
  expect(error).toBeInstanceOf(UnsupportedGatewayError);
  expect(error).toBeInstanceOf(NotSupportedError);
  expect(error).toMatchObject({ gateway, api: 'thrift2' });
  expect((error as Error).message).toContain(`${gateway} is a Thrift2 gateway (service THBaseService`);
  expect((error as Error).message).toContain('speaks Thrift1');
}

@Entity({ table: 'users', families: { info: {} } })
class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
}

describe('the gateway API, detected on each socket', () => {
  it.each([
    ['buffered/binary', gateways.default],
    ['framed/compact', gateways.framed],
    ['HTTP', gateways.http],
    ['HTTPS', gateways.https],
  ])('a Thrift1 gateway (%s) is detected as Thrift1 and serves calls', async (_kind, gateway) => {
    await using connection = new Connection(gateway());
    await connection.open();
    expect(connection.isOpen).toBe(true);
    expect(Array.isArray(await connection.tables())).toBe(true);
    // What the detection saw, asked again on the same channel.
    expect(await connection.call('getThriftServerType', (g) => g.serverType())).toBe(1);
  });

  it('asks once per socket, before its first call; api: thrift1 does not ask', async () => {
    await withProxy(gateways.default().port, async (proxy) => {
      const plain = callBytes('getTableNames');
      const options: ConnectionOptions = { host: '127.0.0.1', port: proxy.port, timeout: 10_000 };
      {
        await using declared = new Connection({ ...options, api: 'thrift1' });
        await declared.tables();
        // Exactly the call: no detection.
        expect(proxy.bytesFromClients).toBe(plain);
      }
      proxy.bytesFromClients = 0;
      {
        await using detected = new Connection(options);
        await detected.tables();
        expect(proxy.bytesFromClients).toBe(DETECTION + plain);
        await detected.tables();
        // Not per call: the socket's API is known.
        expect(proxy.bytesFromClients).toBe(DETECTION + 2 * plain);
      }
    });
  });

  it('concurrent first calls on a fresh socket wait for one detection', async () => {
    await withProxy(gateways.default().port, async (proxy) => {
      await using connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout: 10_000 });
      const results = await Promise.all(Array.from({ length: 5 }, () => connection.tables()));
      expect(results.every(Array.isArray)).toBe(true);
      expect(proxy.bytesFromClients).toBe(DETECTION + 5 * callBytes('getTableNames'));
      expect(proxy.openConnections).toBe(1);
    });
  });

  it('a new socket after the gateway closed the idle one is asked again', async () => {
    await withProxy(gateways.idle().port, async (proxy) => {
      await using connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout: 10_000 });
      const plain = callBytes('getTableNames');
      await connection.tables();
      expect(proxy.bytesFromClients).toBe(DETECTION + plain);
      // The idle gateway closes sockets idle for 1.5 s: wait for the close itself, bounded.
      const deadline = Date.now() + 15_000;
      while (connection.isOpen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(connection.isOpen).toBe(false);
      await connection.tables();
      expect(proxy.bytesFromClients).toBe(2 * (DETECTION + plain));
    });
  });
});

describe('a Thrift2 gateway', () => {
  it('rejects a get, a put, a scan, tables() and createTable with UnsupportedGatewayError; only the question is sent', async () => {
    await withProxy(gateways.thrift2().port, async (proxy) => {
      await using connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout: 10_000 });
      const gateway = `127.0.0.1:${proxy.port}`;
      const table = connection.table(uniquePrefix('detect'));
      const calls: Array<() => Promise<unknown>> = [
        () => table.row('r'),
        () => table.put('r', { 'cf:a': 'v' }),
        async () => {
          for await (const _row of table.scan()) return;
        },
        () => connection.tables(),
        () => connection.createTable(uniquePrefix('detect'), { cf: {} }),
      ];
      for (const [i, call] of calls.entries()) {
        expectThrift2Error(await rejection(call()), gateway);
        // Each call opened a socket, asked, and sent nothing else: a data call never reaches it.
        expect(proxy.bytesFromClients).toBe((i + 1) * DETECTION);
        expect(connection.isOpen).toBe(false);
      }
    });
  });

  it('declared with api: thrift2, rejects at once without connecting', async () => {
    await withProxy(gateways.thrift2().port, async (proxy) => {
      await using connection = new Connection({ host: '127.0.0.1', port: proxy.port, api: 'thrift2' });
      expectThrift2Error(await rejection(connection.tables()), `127.0.0.1:${proxy.port}`);
      expectThrift2Error(await rejection(connection.open()), `127.0.0.1:${proxy.port}`);
      expect(proxy.bytesFromClients).toBe(0);
      expect(proxy.openConnections).toBe(0);
    });
  });

  it('first in `servers`, is passed over for the next gateway; when all are Thrift2, its error', async () => {
    const thrift2 = `${gateways.thrift2().host}:${gateways.thrift2().port}`;
    const thrift1 = `${gateways.default().host}:${gateways.default().port}`;
    await using mixed = new Connection({ servers: [thrift2, thrift1], timeout: 30_000 });
    expect(Array.isArray(await mixed.tables())).toBe(true);
    expect(mixed.port).toBe(gateways.default().port);
    await using only = new Connection({ servers: [thrift2, thrift2], timeout: 30_000 });
    expectThrift2Error(await rejection(only.tables()), thrift2);
  });

  it('gives ConnectionPool and Repository the same error', async () => {
    const options = gateways.thrift2();
    const gateway = `${options.host}:${options.port}`;
    const pool = new ConnectionPool({ ...options, size: 2 });
    try {
      expectThrift2Error(await rejection(pool.connection((c) => c.tables())), gateway);
      const users = new Repository(User, pool);
      expectThrift2Error(await rejection(users.findOne('u1')), gateway);
      expectThrift2Error(
        await rejection(users.save(Object.assign(new User(), { id: 'u1', name: 'A' }))),
        gateway,
      );
    } finally {
      await pool.close();
    }
    await using connection = new Connection(options);
    expectThrift2Error(await rejection(new Repository(User, connection).findOne('u1')), gateway);
  });
});
