// A Connection or ConnectionPool garbage-collected with a socket still open emits one process
// warning (code HBASE_MAPPER_LEAK) and its sockets are closed; one closed as it should be emits
// none. Real garbage collection: gc is exposed for this file, and collected until the warning
// comes (a bounded number of rounds). Jest gives each test file a copy of `process` whose
// 'warning' events never fire (Node emits them on the real one), so the warnings are read from
// the calls to `process.emitWarning`, which still runs.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Connection, ConnectionPool } from '../../../src';
import { gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Collects garbage (letting finalizers run in between) until `done()` or `rounds` rounds: up to
 * ~3 s, since a loaded machine (the whole suite on 2 cores) was seen to need more than 40 rounds
 * before even a plain object registered as a sentinel was reported collected.
 */
async function collectUntil(done: () => boolean, rounds = 300): Promise<boolean> {
  for (let i = 0; i < rounds && !done(); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return done();
}

interface Warning {
  message: string;
  name: string | undefined;
  code: string | undefined;
  detail: string | undefined;
}
let warnings: Warning[];
let proxy: TcpProxy;

beforeEach(async () => {
  warnings = [];
  const emitWarning = jest.spyOn(process, 'emitWarning');
  emitWarning.mockImplementation((message, options) => {
    const o = (typeof options === 'object' ? options : {}) as {
      type?: string;
      code?: string;
      detail?: string;
    };
    if (o.code === 'HBASE_MAPPER_LEAK')
      warnings.push({ message: String(message), name: o.type, ...o } as Warning);
  });
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await proxy.close();
});

const viaProxy = () => ({ ...gateways.default(), host: '127.0.0.1', port: proxy.port });

/** Opens a connection in a frame of its own, so nothing of it stays reachable afterwards. */
async function abandonOpenConnection(): Promise<void> {
  const connection = new Connection(viaProxy());
  await connection.ping();
}

describe('leak warnings', () => {
  it('a Connection collected while open warns once and its socket is closed', async () => {
    await abandonOpenConnection();
    expect(proxy.openConnections).toBe(1);
    expect(await collectUntil(() => warnings.length > 0)).toBe(true);
    // A few more rounds: still one warning.
    await collectUntil(() => false, 5);
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning!.name).toBe('ResourceWarning');
    expect(warning!.message).toContain(`Connection to 127.0.0.1:${proxy.port}`);
    expect(warning!.message).toContain('garbage-collected while still open');
    expect(warning!.detail).toMatch(/NODE_DEBUG=hbase-mapper/);
    expect(await collectUntil(() => proxy.openConnections === 0)).toBe(true);
  });

  it('a Connection closed before it is collected does not warn', async () => {
    await (async () => {
      const connection = new Connection(viaProxy());
      await connection.ping();
      await connection.close();
    })();
    // A sentinel collected in the same rounds proves collection ran.
    let sentinelCollected = false;
    const registry = new FinalizationRegistry(() => {
      sentinelCollected = true;
    });
    (() => registry.register({}, undefined))();
    expect(await collectUntil(() => sentinelCollected)).toBe(true);
    await collectUntil(() => false, 5);
    expect(warnings).toHaveLength(0);
  });

  it('a ConnectionPool collected while open warns once and closes every socket', async () => {
    await (async () => {
      const pool = new ConnectionPool({ ...viaProxy(), size: 2 });
      await Promise.all([pool.ping(), pool.connection((c) => c.ping().then(() => pool.ping()))]);
    })();
    expect(proxy.openConnections).toBe(2);
    expect(await collectUntil(() => warnings.length > 0)).toBe(true);
    await collectUntil(() => false, 5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`ConnectionPool to 127.0.0.1:${proxy.port}`);
    expect(warnings[0]!.message).toContain('its 2 sockets closed');
    expect(await collectUntil(() => proxy.openConnections === 0)).toBe(true);
  });

  it('a pool closed before it is collected does not warn', async () => {
    await (async () => {
      const pool = new ConnectionPool({ ...viaProxy(), size: 2 });
      await pool.ping();
      await pool.close();
    })();
    let sentinelCollected = false;
    const registry = new FinalizationRegistry(() => {
      sentinelCollected = true;
    });
    (() => registry.register({}, undefined))();
    expect(await collectUntil(() => sentinelCollected)).toBe(true);
    await collectUntil(() => false, 5);
    expect(warnings).toHaveLength(0);
  });
});
