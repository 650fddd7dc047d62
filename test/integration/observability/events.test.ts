// Events on Connection and ConnectionPool: what each one carries (host, port, api, attempt,
// reason), when it fires, that a pool's connections' events surface on the pool, and that an
// unheard 'error' never throws.
import { spawnSync } from 'node:child_process';
import {
  Connection,
  ConnectionClosedError,
  ConnectionFailedError,
  type ConnectionOptions,
  ConnectionPool,
  type GatewayEvent,
  type HBaseError,
  HttpStatusError,
  NoConnectionsAvailableError,
} from '../../../src';
import { gatewayApi, gateways, thrift1Gateways, thrift2Gateways } from '../../support/gateway';
import { HttpAuthProxy } from '../../support/http-auth-proxy';
import { CapturingLogger } from '../../support/log-capture';
import { TcpProxy } from '../../support/tcp-proxy';

let proxy: TcpProxy;

beforeEach(async () => {
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
});

afterEach(async () => {
  await proxy.close();
});

const viaProxy = (): ConnectionOptions & { port: number } => ({
  ...gateways.default(),
  host: '127.0.0.1',
  port: proxy.port,
});
const here = (): GatewayEvent => ({ host: '127.0.0.1', port: proxy.port, api: gatewayApi });

/** Polls `done()` (bounded: 200 rounds of 10 ms) for what the client notices asynchronously. */
async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
}

/** Records the named events of `emitter`, in order, as [name, ...args]. */
function record(emitter: NodeJS.EventEmitter, names: string[]): unknown[][] {
  const seen: unknown[][] = [];
  for (const name of names) emitter.on(name, (...args: unknown[]) => seen.push([name, ...args]));
  return seen;
}

const CONNECTION_EVENTS = ['connect', 'reconnect', 'failover', 'retry', 'error', 'close'];

describe('Connection events', () => {
  it('connect and close carry the gateway and its API', async () => {
    const connection = new Connection(viaProxy());
    const seen = record(connection, CONNECTION_EVENTS);
    await connection.ping();
    await connection.ping();
    await connection.close();
    await connection.close(); // idempotent: one close event
    expect(seen).toEqual([
      ['connect', here()],
      ['close', here()],
    ]);
  });

  it('a socket the gateway closes: error (once), then reconnect on the next call', async () => {
    await using connection = new Connection(viaProxy());
    const seen = record(connection, CONNECTION_EVENTS);
    await connection.ping();
    proxy.cutAll();
    await eventually(() => seen.length === 2);
    await connection.ping();
    const [, [, error, event]] = seen as [unknown, [string, HBaseError, unknown]];
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(event).toEqual({
      ...here(),
      reason: { error: 'ConnectionClosedError', message: expect.stringMatching(/closed by the server$/) },
    });
    expect(seen.map(([name]) => name)).toEqual(['connect', 'error', 'reconnect']);
    expect(seen[2]).toEqual(['reconnect', here()]);
  });

  it('a gateway down for a while: one error per failed attempt, then reconnect once it is back', async () => {
    await using connection = new Connection({ ...viaProxy(), timeout: 2_000 });
    const seen = record(connection, CONNECTION_EVENTS);
    await connection.ping();
    await proxy.down();
    await eventually(() => seen.length === 2); // the socket lost
    await expect(connection.ping()).rejects.toBeInstanceOf(ConnectionFailedError);
    await expect(connection.ping()).rejects.toBeInstanceOf(ConnectionFailedError);
    await proxy.up();
    await connection.ping();
    expect(seen.map(([name]) => name)).toEqual(['connect', 'error', 'error', 'error', 'reconnect']);
    expect(seen.slice(2, 4).map(([, error]) => error)).toEqual([
      expect.any(ConnectionFailedError),
      expect.any(ConnectionFailedError),
    ]);
  });

  it('a call timeout: error, then retry with attempt, delay and reason, then reconnect', async () => {
    await using connection = new Connection({ ...viaProxy(), timeout: 400, retry: { backoff: 20 } });
    const seen = record(connection, CONNECTION_EVENTS);
    await connection.ping();
    proxy.stallAll();
    await connection.tables();
    expect(seen.map(([name]) => name)).toEqual(['connect', 'error', 'retry', 'reconnect']);
    expect(seen[2]).toEqual([
      'retry',
      {
        ...here(),
        method: 'getTableNames',
        attempt: 1,
        delay: expect.any(Number),
        reason: {
          error: 'TimeoutError',
          message: expect.stringMatching(/^getTableNames: no reply from .* within 400 ms$/),
        },
      },
    ]);
    expect((seen[2]![1] as { delay: number }).delay).toBeGreaterThanOrEqual(10);
    expect((seen[2]![1] as { delay: number }).delay).toBeLessThanOrEqual(20);
  });

  it('failover: the gateway that failed, the one tried next, and why', async () => {
    const { host, port } = gateways.default();
    await using connection = new Connection({ servers: ['127.0.0.1:1', { host, port }], timeout: 5_000 });
    const seen = record(connection, CONNECTION_EVENTS);
    await connection.ping();
    expect(seen.map(([name]) => name)).toEqual(['error', 'failover', 'connect']);
    expect(seen[0]![1]).toBeInstanceOf(ConnectionFailedError);
    const reason = {
      error: 'ConnectionFailedError',
      message: expect.stringMatching(/^cannot connect to 127\.0\.0\.1:1 /),
    };
    expect(seen[0]![2]).toEqual({ host: '127.0.0.1', port: 1, api: undefined, reason });
    expect(seen[1]).toEqual([
      'failover',
      { host: '127.0.0.1', port: 1, api: undefined, to: { host, port }, reason },
    ]);
    expect(seen[2]).toEqual(['connect', { host, port, api: gatewayApi }]);
  });

  it('a failure while opening names its own gateway; a first socket that dies opening is no reconnect', async () => {
    // A refuses; B (the proxy) accepts, then drops the socket instead of answering the API question.
    proxy.mode = 'cut-on-reply';
    const b = { host: '127.0.0.1', port: proxy.port };
    await using connection = new Connection({ servers: ['127.0.0.1:1', b], timeout: 5_000 });
    const seen = record(connection, CONNECTION_EVENTS);
    await expect(connection.ping()).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(seen.map(([name]) => name)).toEqual(['error', 'failover', 'error']);
    expect(seen[2]![1]).toBeInstanceOf(ConnectionClosedError);
    expect(seen[2]![2]).toEqual({
      ...b,
      api: undefined,
      reason: {
        error: 'ConnectionClosedError',
        message: expect.stringContaining(`127.0.0.1:${proxy.port} `),
      },
    });
    proxy.mode = 'forward';
    await connection.ping();
    expect(seen.slice(3).map(([name]) => name)).toEqual(['error', 'failover', 'connect']);
    expect(seen[5]).toEqual(['connect', { ...b, api: gatewayApi }]);
  });

  it('a gateway serving the other API is passed over with a failover, not an error nor a failure', async () => {
    const other = gatewayApi === 'thrift1' ? thrift2Gateways.default() : thrift1Gateways.default();
    const same = gateways.default();
    const servers = [
      { host: '127.0.0.1', port: proxy.port },
      { host: other.host, port: other.port },
      { host: same.host, port: same.port },
    ];
    await using pool = new ConnectionPool({ servers, size: 1, timeout: 5_000 });
    const seen = record(pool, CONNECTION_EVENTS);
    await pool.ping();
    await proxy.down();
    await eventually(() => seen.length === 2); // the socket lost
    await pool.ping();
    expect(seen.map(([name]) => name)).toEqual([
      'connect',
      'error',
      'error',
      'failover',
      'failover',
      'reconnect',
    ]);
    expect(seen[4]).toEqual([
      'failover',
      {
        host: other.host,
        port: other.port,
        api: gatewayApi,
        to: servers[2],
        reason: { error: 'UnsupportedGatewayError', message: 'UnsupportedGatewayError' },
      },
    ]);
    expect(pool.stats().failures).toBe(2);
  });

  it('close: none for a connection never opened; after its socket closed for one that was', async () => {
    const never = new Connection(viaProxy());
    const logger = new CapturingLogger();
    const unused = new Connection({ ...viaProxy(), logger });
    const neverSeen = record(never, CONNECTION_EVENTS);
    await never.close();
    await unused.close();
    expect(neverSeen).toEqual([]);
    expect(logger.lines).toEqual([]);

    const connection = new Connection(viaProxy());
    const order: string[] = [];
    connection.on('close', () => order.push('close'));
    await connection.ping();
    proxy.stallAll();
    const inFlight = connection.ping().catch((error: Error) => order.push(`call rejected: ${error.name}`));
    await connection.close();
    await inFlight;
    expect(order).toEqual(['call rejected: ConnectionClosedError', 'close']);
  });

  it('an unheard error does not throw: the failure reaches the call only', async () => {
    await using connection = new Connection({ ...viaProxy(), timeout: 2_000 });
    connection.on('connect', () => undefined); // a listener, but none for 'error'
    await connection.ping();
    proxy.stallAll();
    const call = connection.ping();
    proxy.cutAll();
    await expect(call).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(connection.listenerCount('error')).toBe(0);
    expect(await connection.ping()).toBeGreaterThan(0);
  });
});

describe('ConnectionPool events', () => {
  it('create, its connections connect/error/reconnect, destroy (failed, closed), acquireTimeout, close', async () => {
    const pool = new ConnectionPool({ ...viaProxy(), size: 1, timeout: 5_000 });
    const seen = record(pool, [...CONNECTION_EVENTS, 'create', 'destroy', 'acquireTimeout']);
    const created: Connection[] = [];
    pool.on('create', ({ connection }) => created.push(connection));
    await pool.ping();
    const broken = pool.connection(async (connection) => {
      proxy.stallAll();
      const call = connection.ping();
      proxy.cutAll();
      await call;
    });
    await expect(broken).rejects.toBeInstanceOf(ConnectionClosedError);
    await pool.connection(async () => {
      await expect(pool.acquire({ timeout: 30 })).rejects.toBeInstanceOf(NoConnectionsAvailableError);
    });
    await pool.ping();
    await pool.close();
    expect(seen.map(([name]) => name)).toEqual([
      'create',
      'connect',
      'error',
      'destroy',
      'create',
      'acquireTimeout',
      'connect',
      'destroy',
      'close',
    ]);
    expect(created).toHaveLength(2);
    expect(seen[2]![1]).toBeInstanceOf(ConnectionClosedError);
    expect(seen[3]).toEqual(['destroy', { connection: created[0], reason: 'failed' }]);
    expect(seen[5]).toEqual(['acquireTimeout', { timeout: 30, waiting: 0 }]);
    expect(seen[6]).toEqual(['connect', here()]);
    expect(seen[7]).toEqual(['destroy', { connection: created[1], reason: 'closed' }]);
    // A pooled connection's own end is the pool's 'destroy', not a 'close' of the connection.
    expect(seen.filter(([name]) => name === 'close')).toEqual([['close']]);
  });

  it("a pooled connection's events also reach listeners on the connection itself", async () => {
    await using pool = new ConnectionPool({ ...viaProxy(), size: 1 });
    const onPool: string[] = [];
    const onConnection: string[] = [];
    pool.on('connect', () => onPool.push('connect'));
    await pool.connection(async (connection) => {
      connection.on('connect', () => onConnection.push('connect'));
      await connection.close(); // a pooled connection closes its socket only...
      await connection.ping(); // ...and reopens it
    });
    expect(onConnection).toEqual(['connect']);
    expect(onPool).toEqual(['connect']);
  });

  it('emits errors only to listeners: a pool without an error listener keeps working', async () => {
    await using pool = new ConnectionPool({ ...viaProxy(), size: 1, timeout: 2_000 });
    const failures: HBaseError[] = [];
    await pool.ping();
    proxy.cutAll();
    await eventually(() => pool.stats().failures === 1);
    pool.on('error', (error) => failures.push(error));
    proxy.cutAll(); // nothing open now: no event
    expect(await pool.ping()).toBeGreaterThan(0);
    proxy.cutAll();
    await eventually(() => failures.length === 1);
    expect(failures[0]).toBeInstanceOf(ConnectionClosedError);
  });
});

describe('HTTP status answers', () => {
  const TOKEN = 'Bearer events-token';
  let auth: HttpAuthProxy;

  beforeEach(async () => {
    auth = await HttpAuthProxy.start(gateways.http().host, gateways.http().port, TOKEN);
  });

  afterEach(async () => {
    await auth.close();
  });

  it('a 503 or a 401 from a broken gateway: error, a warning and a failure, then the pool recovers', async () => {
    const logger = new CapturingLogger();
    await using pool = new ConnectionPool({
      ...gateways.http(),
      host: '127.0.0.1',
      port: auth.port,
      httpHeaders: { authorization: TOKEN },
      size: 1,
      logger,
    });
    const errors: [HBaseError, unknown][] = [];
    pool.on('error', (error, event) => errors.push([error, event]));
    await pool.ping();
    auth.failNext = { status: 503, count: 1 };
    await expect(pool.ping()).rejects.toBeInstanceOf(HttpStatusError);
    auth.failNext = { status: 401, count: 1 };
    await expect(pool.ping()).rejects.toBeInstanceOf(HttpStatusError);
    expect(await pool.ping()).toBeGreaterThan(0);
    expect(errors.map(([error]) => (error as HttpStatusError).status)).toEqual([503, 401]);
    expect(errors[0]![1]).toEqual({
      host: '127.0.0.1',
      port: auth.port,
      api: gatewayApi,
      reason: { error: 'HttpStatusError', message: expect.stringContaining('answered HTTP 503') },
    });
    expect(pool.stats()).toMatchObject({ failures: 2, destroyed: 2 });
    const warnings = logger.at('warn').filter((line) => line.startsWith('transport failure'));
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^transport failure on 127\\.0\\.0\\.1:${auth.port}: HttpStatusError: .*HTTP 503`),
      ),
      expect.stringMatching(/HttpStatusError: .*HTTP 401/),
    ]);
  });
});

describe('listeners', () => {
  it('a listener that throws is reported as an uncaught exception, and the client goes on', () => {
    // In a process of its own: Jest would fail this test on the uncaught exception itself.
    const { host, port } = gateways.default();
    const script = `
      const { Connection } = require('./src');
      process.on('uncaughtException', (error) => console.log('uncaught: ' + error.message));
      (async () => {
        const connection = new Connection({ host: ${JSON.stringify(host)}, port: ${port} });
        connection.on('connect', () => { throw new Error('a bug in a listener'); });
        await connection.ping();
        await connection.ping();
        console.log('both pings answered');
        await connection.close();
      })();`;
    const { stdout, status } = spawnSync(
      process.execPath,
      ['-r', './test/support/ts-register.cjs', '-e', script],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(status).toBe(0);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
      'both pings answered',
      'uncaught: a bug in a listener',
    ]);
  });
});
