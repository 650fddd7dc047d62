// Which API the gateway serves: asked once per socket (api: 'auto', the default), or declared (no
// question). Both APIs are served by the same public classes; one connection speaks one API, so a
// `servers` member that serves the other one is refused. A counting proxy in front of the real
// gateways shows what was sent. This file addresses Thrift1 and Thrift2 gateways by name, so it
// runs once (not in the integration-thrift2 project).
import 'reflect-metadata';
import {
  Column,
  Connection,
  ConnectionFailedError,
  type ConnectionOptions,
  ConnectionPool,
  Entity,
  Repository,
  RowKey,
  utf8,
} from '../../src';
import {
  dropPrefixedTables,
  type GatewayOptions,
  gateways,
  thrift1Gateways,
  thrift2Gateways,
  uniquePrefix,
} from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Bytes of a call without arguments in the buffered transport and the strict binary protocol:
 * version and message type (i32), the method name (i32 length and its bytes), the sequence id
 * (i32), then the empty arguments struct (its stop byte).
 */
const callBytes = (method: string) => 4 + 4 + method.length + 4 + 1;
const DETECTION = callBytes('getThriftServerType');

const thrift1 = thrift1Gateways.default();
const thrift2 = thrift2Gateways.default();

/** Runs `fn` with a counting proxy in front of a gateway, closing it afterwards. */
async function withProxy<T>(gateway: GatewayOptions, fn: (proxy: TcpProxy) => Promise<T>): Promise<T> {
  const proxy = await TcpProxy.start(gateway.host, gateway.port);
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

@Entity({ table: 'users', families: { info: {} } })
class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
}

const user = (id: string, name: string) => Object.assign(new User(), { id, name });

describe.each([
  ['Thrift1', 1, thrift1Gateways],
  ['Thrift2', 2, thrift2Gateways],
] as const)('a %s gateway', (api, serverType, variants) => {
  it.each(['default', 'framed', 'http', 'https'] as const)(
    'is detected over the %s transport and serves calls',
    async (variant) => {
      await using connection = new Connection(variants[variant]());
      await connection.open();
      expect(connection.isOpen).toBe(true);
      expect(Array.isArray(await connection.tables())).toBe(true);
      // What the detection saw, asked again on the same channel.
      expect(await connection.call('getThriftServerType', (g) => g.serverType())).toBe(serverType);
    },
  );

  it(`declared (api: '${api.toLowerCase()}'), is not asked; undeclared, is asked once per socket`, async () => {
    const options = variants.default();
    const declaredApi = api === 'Thrift1' ? 'thrift1' : 'thrift2';
    await withProxy(options, async (proxy) => {
      const through: ConnectionOptions = { host: '127.0.0.1', port: proxy.port, timeout: 10_000 };
      let plain: number;
      {
        await using declared = new Connection({ ...through, api: declaredApi });
        await declared.tables();
        plain = proxy.bytesFromClients;
        await declared.tables();
        expect(proxy.bytesFromClients).toBe(2 * plain);
      }
      proxy.bytesFromClients = 0;
      {
        await using detected = new Connection(through);
        await detected.tables();
        // The question, then exactly what the declared connection sent.
        expect(proxy.bytesFromClients).toBe(DETECTION + plain);
        await detected.tables();
        // Not per call: the socket's API is known.
        expect(proxy.bytesFromClients).toBe(DETECTION + 2 * plain);
      }
    });
  });

  it('Connection, Table, Batch, ConnectionPool and Repository work with nothing but host and port', async () => {
    const prefix = uniquePrefix(`detect-${api}`);
    const address = { host: variants.default().host, port: variants.default().port };
    await using connection = new Connection({ ...address, tablePrefix: prefix });
    try {
      const table = await connection.createTable('users', { info: {} });
      await table.put('u1', { 'info:name': 'Ada' });
      await table.batch({}, async (batch) => {
        await batch.put('u2', { 'info:name': 'Grace' });
        await batch.delete('u1', { columns: ['info:name'] });
      });
      expect(await table.row('u1')).toEqual({});
      expect((await table.row('u2'))['info:name']?.toString()).toBe('Grace');
      const pool = new ConnectionPool({ ...address, size: 2, tablePrefix: prefix });
      try {
        const users = new Repository(User, pool);
        await users.save(user('u3', 'Edsger'));
        expect((await users.findOne('u3'))?.name).toBe('Edsger');
        expect(await pool.connection((c) => c.gatewayKind())).toBe(api.toLowerCase());
      } finally {
        await pool.close();
      }
    } finally {
      await dropPrefixedTables(connection);
    }
  });
});

describe('detection on one socket', () => {
  it('concurrent first calls on a fresh socket wait for one question', async () => {
    await withProxy(thrift2, async (proxy) => {
      const through = { host: '127.0.0.1', port: proxy.port, timeout: 10_000 };
      {
        await using declared = new Connection({ ...through, api: 'thrift2' });
        await declared.tables();
      }
      const plain = proxy.bytesFromClients;
      proxy.bytesFromClients = 0;
      await using connection = new Connection(through);
      const results = await Promise.all(Array.from({ length: 5 }, () => connection.tables()));
      expect(results.every(Array.isArray)).toBe(true);
      expect(proxy.bytesFromClients).toBe(DETECTION + 5 * plain);
      expect(proxy.openConnections).toBe(1);
    });
  });

  it('a new socket after the gateway closed the idle one is asked again', async () => {
    await withProxy(gateways.idle(), async (proxy) => {
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

describe('servers serving both APIs', () => {
  it('the first gateway reached fixes the API: [Thrift2, Thrift1] speaks Thrift2', async () => {
    await using connection = new Connection({
      servers: [`${thrift2.host}:${thrift2.port}`, `${thrift1.host}:${thrift1.port}`],
      timeout: 30_000,
    });
    expect(Array.isArray(await connection.tables())).toBe(true);
    expect(connection.port).toBe(thrift2.port);
    expect(await connection.gatewayKind()).toBe('thrift2');
  });

  it('a member serving the other API is refused (UnsupportedGatewayError) after the question only', async () => {
    // [Thrift1 (through a proxy that goes down), Thrift2]: the failover reaches the Thrift2 member,
    // which must not serve a connection that speaks Thrift1.
    await withProxy(thrift1, async (first) => {
      await withProxy(thrift2, async (second) => {
        await using connection = new Connection({
          servers: [`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`],
          timeout: 10_000,
        });
        expect(Array.isArray(await connection.tables())).toBe(true);
        expect(await connection.gatewayKind()).toBe('thrift1');
        await first.down();
        // The cut socket's close reaches the connection: wait for it, bounded.
        const deadline = Date.now() + 5000;
        while (connection.isOpen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        const error = await rejection(connection.tables());
        // No member could serve: the unreachable one, and the one refused for its API.
        expect(error).toBeInstanceOf(ConnectionFailedError);
        expect((error as Error).message).toContain(
          `127.0.0.1:${second.port} is a Thrift2 gateway (as it answered getThriftServerType), but this connection speaks Thrift1`,
        );
        expect(second.bytesFromClients).toBe(DETECTION);
        expect(connection.isOpen).toBe(false);
        // The Thrift1 gateway is back: the connection serves again, from it.
        await first.up();
        expect(Array.isArray(await connection.tables())).toBe(true);
        expect(connection.port).toBe(first.port);
        expect(second.bytesFromClients).toBe(DETECTION);
      });
    });
  });
});
