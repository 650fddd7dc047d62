// A pool over several gateways (`servers`) as one: connections spread over the healthy gateways,
// a dead gateway is ejected and probed back, and a lease can be pinned to one gateway. Against the
// run's API: default + second, one of them behind a proxy that is taken down and up.
import { ConnectionPool, InvalidArgumentError } from '../../src';
import { gateways } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

const [first, second] = [gateways.default(), gateways.second()];
const secondAddress = `${second.host}:${second.port}`;

/** Leases `n` connections at once, makes a call on each, and gives back their gateways' ports. */
async function portsOfLeases(pool: ConnectionPool, n: number): Promise<number[]> {
  const leases = await Promise.all(Array.from({ length: n }, () => pool.acquire()));
  try {
    await Promise.all(leases.map((lease) => lease.connection.tables()));
    return leases.map((lease) => lease.connection.port).sort();
  } finally {
    await Promise.all(leases.map((lease) => lease.release()));
  }
}

describe('a pool over two gateways', () => {
  it('spreads its connections over both', async () => {
    await using pool = new ConnectionPool({
      size: 4,
      servers: [`${first.host}:${first.port}`, secondAddress],
      timeout: 30_000,
    });
    expect(pool.gateways).toEqual([`${first.host}:${first.port}`, secondAddress]);
    expect(await portsOfLeases(pool, 4)).toEqual([first.port, first.port, second.port, second.port].sort());
    expect(pool.stats().gateways).toEqual({
      connections: { [`${first.host}:${first.port}`]: 2, [secondAddress]: 2 },
      ejected: [],
    });
    // Leased again, they stay spread.
    expect(await portsOfLeases(pool, 4)).toEqual([first.port, first.port, second.port, second.port].sort());
  });

  it('pins a lease to a gateway, and refuses one it does not know', async () => {
    await using pool = new ConnectionPool({
      size: 2,
      servers: [`${first.host}:${first.port}`, secondAddress],
      timeout: 30_000,
    });
    for (let i = 0; i < 3; i++) {
      await using lease = await pool.acquire({ gateway: secondAddress });
      await lease.connection.tables();
      expect(lease.connection.port).toBe(second.port);
    }
    const firstAddress = `${first.host}:${first.port}`;
    expect(await pool.connection((c) => c.tables().then(() => c.port), { gateway: firstAddress })).toBe(
      first.port,
    );
    await expect(pool.acquire({ gateway: 'elsewhere:9090' })).rejects.toThrow(InvalidArgumentError);
    await expect(pool.acquire({ gateway: 9090 as never })).rejects.toThrow('options.gateway');
  });

  it('leaves a connection a pinned lease moved where it is: leases do not flap between gateways', async () => {
    await using pool = new ConnectionPool({
      size: 4,
      servers: [`${first.host}:${first.port}`, secondAddress],
      timeout: 30_000,
    });
    // Every socket opened, by gateway port: a move between gateways opens one.
    const opened: number[] = [];
    pool.on('create', ({ connection }) => connection.on('connect', ({ port }) => opened.push(port)));
    expect(await portsOfLeases(pool, 4)).toEqual([first.port, first.port, second.port, second.port].sort());
    expect(opened).toHaveLength(4);
    for (let round = 0; round < 4; round++) {
      // Three leases pinned to the second gateway at once: it holds two connections, so the first
      // round moves one there. Handed back, it stays (both gateways are nearly equally loaded):
      // the later rounds find it there, idle, and open no socket.
      const leases = await Promise.all(
        Array.from({ length: 3 }, () => pool.acquire({ gateway: secondAddress })),
      );
      await Promise.all(leases.map((lease) => lease.connection.tables()));
      expect(leases.map((lease) => lease.connection.port)).toEqual([second.port, second.port, second.port]);
      await Promise.all(leases.map((lease) => lease.release()));
      expect(pool.stats().gateways?.connections).toEqual({
        [`${first.host}:${first.port}`]: 1,
        [secondAddress]: 3,
      });
    }
    expect(opened).toEqual([...opened.slice(0, 4), second.port]);
  });

  it('ejects a gateway that went down and probes it back once it is up', async () => {
    const proxy = await TcpProxy.start(first.host, first.port);
    const proxied = `127.0.0.1:${proxy.port}`;
    // With retries, a call on a socket the gateway's loss cut reconnects (failing over) instead of failing.
    const pool = new ConnectionPool({
      size: 4,
      servers: [proxied, secondAddress],
      timeout: 30_000,
      retry: true,
    });
    try {
      expect(new Set(await portsOfLeases(pool, 4))).toEqual(new Set([proxy.port, second.port]));
      await proxy.down();
      // The connections behind the proxy fail over; new ones go to the healthy gateway only.
      expect(await portsOfLeases(pool, 4)).toEqual([second.port, second.port, second.port, second.port]);
      expect(pool.healthyGateways()).toEqual([secondAddress]);
      expect(pool.stats().gateways?.ejected).toEqual([proxied]);
      // A lease pinned to the ejected gateway is not moved there (a socket known to fail).
      {
        await using pinned = await pool.acquire({ gateway: proxied });
        expect(pinned.connection.port).toBe(second.port);
      }
      await proxy.up();
      // After its backoff (1 s at first), a connection handed back is moved there: the probe.
      const deadline = Date.now() + 15_000;
      let ports: number[] = [];
      while (Date.now() < deadline) {
        ports = await portsOfLeases(pool, 4);
        if (ports.includes(proxy.port)) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(ports).toContain(proxy.port);
      expect(pool.healthyGateways()).toEqual([proxied, secondAddress]);
    } finally {
      await pool.close();
      await proxy.close();
    }
  }, 60_000);
});
