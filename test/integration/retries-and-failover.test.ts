// Cut and stalled connections, retries, deadlines and failover between several gateways, through a
// proxy in front of the real gateway: every promise must settle, and the client must recover by
// itself.
import {
  Connection,
  ConnectionClosedError,
  type ConnectionOptions,
  InvalidArgumentError,
  TimeoutError,
} from '../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../support/gateway';
import { settlesWithin } from '../support/settles-within';
import { TcpProxy } from '../support/tcp-proxy';

const prefix = uniquePrefix('retries');
let admin: Connection;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await admin.createTable('t', { cf: {} });
  await admin.table('t').batch({}, async (batch) => {
    for (let i = 0; i < 50; i++) await batch.put(`row-${String(i).padStart(3, '0')}`, { 'cf:v': String(i) });
  });
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

describe('retries, deadlines and failover', () => {
  let proxy: TcpProxy;
  const through = (extra: ConnectionOptions = {}): ConnectionOptions => ({
    host: '127.0.0.1',
    port: proxy.port,
    tablePrefix: prefix,
    timeout: 3000,
    ...extra,
  });

  beforeEach(async () => {
    proxy = await TcpProxy.start(gateways.default().host!, gateways.default().port!);
  });

  afterEach(async () => {
    await proxy.close();
  });

  it('validates the retry, deadline and servers options', () => {
    expect(() => new Connection({ retry: { attempts: 0 } })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ operationTimeout: -1 })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ servers: [] })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ servers: ['a:1'], host: 'b' })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ servers: ['a:99999'] })).toThrow(InvalidArgumentError);
  });

  it('a read cut mid-call is retried on a fresh socket only when retries are on', async () => {
    proxy.mode = 'cut-on-reply';
    const plain = new Connection(through());
    await expect(plain.table('t').row('row-004')).rejects.toBeInstanceOf(ConnectionClosedError);
    await plain.close();

    const retrying = new Connection(through({ retry: { attempts: 3, backoff: 10 } }));
    const pending = retrying.table('t').row('row-004');
    // The first attempt is cut; let the next one through.
    setTimeout(() => (proxy.mode = 'forward'), 5);
    expect((await pending)['cf:v']?.toString()).toBe('4');
    await retrying.close();
  });

  it('never retries an increment', async () => {
    // The API declared: the increment is the socket's first call, so the cut comes after the
    // gateway had it (with detection, the cut would hit the getThriftServerType question instead).
    const retrying = new Connection(through({ retry: { attempts: 5, backoff: 10 }, api: gatewayApi }));
    proxy.mode = 'cut-on-reply';
    await expect(retrying.table('t').counterInc('counter-row', 'cf:n')).rejects.toBeInstanceOf(
      ConnectionClosedError,
    );
    proxy.mode = 'forward';
    // The cut came after the gateway had the request: it may have applied it once, never more.
    expect(await admin.table('t').counterGet('counter-row', 'cf:n')).toBeLessThanOrEqual(1n);
    await retrying.close();
  });

  it('retries an increment whose connection failed before it was sent (the API question was cut)', async () => {
    const before = await admin.table('t').counterGet('counter-before-send', 'cf:n');
    const retrying = new Connection(through({ retry: { attempts: 3, backoff: 10 } }));
    proxy.mode = 'cut-on-reply';
    // The socket's first call is the getThriftServerType question: its reply is cut, and the
    // increment was never sent, so it is safe to send on the next socket.
    const pending = retrying.table('t').counterInc('counter-before-send', 'cf:n');
    setTimeout(() => (proxy.mode = 'forward'), 5);
    expect(await pending).toBe(before + 1n);
    await retrying.close();
  });

  it('a batch whose connection failed to open keeps its mutations for the next send', async () => {
    await admin.table('t').put('doomed-1', { 'cf:v': 'x' });
    const connection = new Connection(through());
    const batch = connection.table('t').batch();
    await batch.put('kept-1', { 'cf:v': 'a' });
    await batch.delete('doomed-1');
    // The connection's first call is the API question: its reply is cut, and nothing was sent.
    proxy.mode = 'cut-on-reply';
    await expect(batch.send()).rejects.toBeInstanceOf(ConnectionClosedError);
    proxy.mode = 'forward';
    await batch.send();
    expect(await admin.table('t').row('kept-1')).toEqual({ 'cf:v': Buffer.from('a') });
    expect(await admin.table('t').row('doomed-1')).toEqual({});
    await connection.close();
  });

  it('an operation deadline bounds retries against a gateway that never answers', async () => {
    proxy.mode = 'black-hole';
    const connection = new Connection(
      through({ timeout: 400, retry: { attempts: 50, backoff: 50 }, operationTimeout: 1500 }),
    );
    const outcome = await settlesWithin(connection.table('t').row('row-005'), 10_000);
    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    await connection.close();
  });

  it('a scan that stalls mid-way fails with a timeout; with retries it resumes where it stopped', async () => {
    const stalling = new Connection(through({ timeout: 500 }));
    const seen: string[] = [];
    const scan = (async () => {
      for await (const [key] of stalling.table('t').scan({ rowPrefix: 'row-', batchSize: 10 })) {
        seen.push(key.toString());
        if (seen.length === 15) proxy.stallAll();
      }
    })();
    const outcome = await settlesWithin(scan, 10_000);
    expect(outcome.status).toBe('rejected');
    expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    await stalling.close();

    for (const reverse of [false, true]) {
      const resuming = new Connection(through({ timeout: 500, retry: { attempts: 3, backoff: 10 } }));
      const keys: string[] = [];
      for await (const [key] of resuming.table('t').scan({ rowPrefix: 'row-', batchSize: 10, reverse })) {
        keys.push(key.toString());
        if (keys.length === 15 || keys.length === 35) proxy.stallAll();
      }
      const expected = Array.from({ length: 50 }, (_, i) => `row-${String(i).padStart(3, '0')}`);
      expect(keys).toEqual(reverse ? expected.reverse() : expected);
      await resuming.close();
    }
  });

  it('fails over to the next gateway when one goes down', async () => {
    const second = await TcpProxy.start(gateways.default().host!, gateways.default().port!);
    try {
      const connection = new Connection({
        servers: [`127.0.0.1:${proxy.port}`, { host: '127.0.0.1', port: second.port }],
        tablePrefix: prefix,
        timeout: 3000,
        retry: { attempts: 3, backoff: 10 },
      });
      expect((await connection.table('t').row('row-006'))['cf:v']?.toString()).toBe('6');
      expect(connection.port).toBe(proxy.port);
      await proxy.down();
      expect((await connection.table('t').row('row-007'))['cf:v']?.toString()).toBe('7');
      expect(connection.port).toBe(second.port);
      await connection.close();
    } finally {
      await second.close();
    }
  });
});
