// pool.stats(): exact counts through a pool's life, with faults injected by a TCP proxy in front
// of the real gateway (sockets cut mid-call and while idle, the gateway down), so that leases
// fail, connections are replaced and failures are counted.
import { ConnectionClosedError, ConnectionFailedError, ConnectionPool, type PoolStats } from '../../../src';
import { gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

let proxy: TcpProxy;
let pool: ConnectionPool;

beforeEach(async () => {
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
  pool = new ConnectionPool({
    ...gateways.default(),
    host: '127.0.0.1',
    port: proxy.port,
    size: 2,
    timeout: 3_000,
  });
});

afterEach(async () => {
  await pool.close();
  await proxy.close();
});

/** Polls `done()` (bounded: 200 rounds of 10 ms) for what the client notices asynchronously. */
async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
}

const at = (counts: Partial<PoolStats>): PoolStats => ({
  size: 2,
  open: 0,
  idle: 0,
  leased: 0,
  waiting: 0,
  created: 0,
  destroyed: 0,
  failures: 0,
  ...counts,
});

/** Leases a connection and breaks its socket under a call in flight: the lease fails. */
async function breakALease(): Promise<void> {
  const broken = pool.connection(async (connection) => {
    await connection.ping();
    proxy.stallAll();
    const call = connection.ping();
    proxy.cutAll();
    await call;
  });
  await expect(broken).rejects.toBeInstanceOf(ConnectionClosedError);
}

describe('pool.stats()', () => {
  it('counts leases and waiters as they come and go', async () => {
    expect(pool.stats()).toEqual(at({}));
    const first = await pool.acquire();
    const second = await pool.acquire();
    expect(pool.stats()).toEqual(at({ open: 2, leased: 2, created: 2 }));
    const third = pool.acquire();
    const fourth = pool.acquire({ timeout: 60_000 });
    await eventually(() => pool.stats().waiting === 2);
    await first.release();
    await (await third).release();
    await second.release();
    await (await fourth).release();
    expect(pool.stats()).toEqual(at({ open: 2, idle: 2, created: 2 }));
  });

  it('a waiter that gives up stops counting as waiting', async () => {
    await using first = await pool.acquire();
    await using second = await pool.acquire();
    await expect(pool.acquire({ timeout: 20 })).rejects.toThrow(/no connection became available/);
    expect(pool.stats()).toEqual(at({ open: 2, leased: 2, created: 2 }));
    expect([first.connection, second.connection]).toHaveLength(2);
  });

  it('after faults: failed leases replace their connection, every lost socket is one failure', async () => {
    // Two connections, both used once: two sockets.
    await Promise.all([pool.ping(), pool.connection((c) => c.ping().then(() => pool.ping()))]);
    expect(pool.stats()).toEqual(at({ open: 2, idle: 2, created: 2 }));

    // A lease whose socket breaks under a call: the connection destroyed (its replacement is
    // created on the next lease). The proxy cuts the idle connection's socket too: two failures.
    await breakALease();
    await eventually(() => pool.stats().failures === 2);
    expect(pool.stats()).toEqual(at({ open: 1, idle: 1, created: 2, destroyed: 1, failures: 2 }));

    // Idle sockets cut: each one a failure; those connections reconnect on their next call,
    // inside a lease that succeeds, so nothing is destroyed.
    await Promise.all([pool.ping(), pool.connection((c) => c.ping().then(() => pool.ping()))]);
    expect(pool.stats()).toEqual(at({ open: 2, idle: 2, created: 3, destroyed: 1, failures: 2 }));
    expect(proxy.openConnections).toBe(2);
    proxy.cutAll();
    await eventually(() => pool.stats().failures === 4);
    await Promise.all([pool.ping(), pool.connection((c) => c.ping().then(() => pool.ping()))]);
    expect(pool.stats()).toEqual(at({ open: 2, idle: 2, created: 3, destroyed: 1, failures: 4 }));

    // The gateway down: both sockets lost (two failures), then a lease that cannot connect fails
    // (one more) and its connection is replaced.
    await proxy.down();
    await eventually(() => pool.stats().failures === 6);
    await expect(pool.ping()).rejects.toBeInstanceOf(ConnectionFailedError);
    expect(pool.stats()).toEqual(at({ open: 1, idle: 1, created: 3, destroyed: 2, failures: 7 }));

    // Back up: leases work again; closing the pool destroys the rest.
    await proxy.up();
    await pool.ping();
    await pool.close();
    expect(pool.stats()).toEqual(at({ open: 0, idle: 0, created: 3, destroyed: 3, failures: 7 }));
  });

  it('abandoned leases closed by close({ timeout }) count as destroyed', async () => {
    const lease = await pool.acquire();
    await lease.connection.ping();
    await pool.close({ timeout: 20 });
    expect(pool.stats()).toEqual(at({ open: 0, created: 1, destroyed: 1 }));
  });
});
