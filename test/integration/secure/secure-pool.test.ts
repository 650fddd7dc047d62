// A ConnectionPool over the two secure Thrift1 gateways with qop auth (`auth` and its twin
// `auth-second`): its connections spread and each authenticates; when one gateway's JVM dies mid-use
// the pool keeps working on the other, and once it is started again the pool moves connections back
// there, each after a new SASL handshake.
import { ConnectionClosedError, ConnectionPool } from '../../../src';
import { uniquePrefix } from '../../support/gateway';
import { kinit } from '../../support/kerberos-ticket';
import { secureTestEnv } from '../../support/secure-env';
import { killSecureGateway } from '../../support/secure-gateway-restart';

const env = secureTestEnv();
const first = `localhost:${env.port('HBASE_SECURE_THRIFT_AUTH_PORT')}`;
const second = `localhost:${env.port('HBASE_SECURE_THRIFT_AUTH_SECOND_PORT')}`;
const secondPort = env.port('HBASE_SECURE_THRIFT_AUTH_SECOND_PORT');
let ccache: string;
let table: string;

/** Leases `n` connections at once, reads the table on each, gives back their gateways' ports. */
async function portsOfLeases(pool: ConnectionPool, n: number): Promise<number[]> {
  const leases = await Promise.all(Array.from({ length: n }, () => pool.acquire()));
  try {
    await Promise.all(leases.map((lease) => lease.connection.table(table).row('r1')));
    return leases.map((lease) => lease.connection.port).sort();
  } finally {
    await Promise.all(leases.map((lease) => lease.release()));
  }
}

const newPool = () =>
  new ConnectionPool({
    size: 4,
    servers: [first, second],
    auth: { mechanism: 'kerberos', ccache, qop: 'auth' },
    timeout: 20_000,
    retry: true,
  });

beforeAll(async () => {
  // admin: a superuser, so the suite needs no grants (each grant is a JVM launch).
  ccache = await kinit('admin');
  await using pool = newPool();
  table = await pool.connection(async (c) => {
    const name = uniquePrefix('spool');
    await c.createTable(name, { cf: {} });
    await c.table(name).put('r1', { 'cf:a': 'one' });
    return name;
  });
}, 60_000);

afterAll(async () => {
  await using pool = newPool();
  await pool.connection((c) => c.deleteTable(table, { disable: true }));
}, 60_000);

describe('a pool over two secure gateways', () => {
  it('spreads its connections over both, each authenticated, and its calls work', async () => {
    await using pool = newPool();
    const handshakes: number[] = [];
    pool.on('create', ({ connection }) => connection.on('connect', ({ port }) => handshakes.push(port)));
    const ports = await portsOfLeases(pool, 4);
    expect(new Set(ports).size).toBe(2);
    expect(handshakes).toHaveLength(4);
    // Concurrent calls through the pool, spread over both gateways, all read what was written.
    const rows = await Promise.all(
      Array.from({ length: 16 }, () => pool.connection((c) => c.table(table).row('r1'))),
    );
    for (const row of rows) expect(row?.['cf:a']?.toString()).toBe('one');
  });

  it('keeps working on one gateway when the other dies mid-use, and uses it again once restarted', async () => {
    await using pool = newPool();
    const handshakes: number[] = [];
    pool.on('create', ({ connection }) => connection.on('connect', ({ port }) => handshakes.push(port)));
    expect(await portsOfLeases(pool, 4)).toContain(secondPort);
    // Calls in flight while the second gateway's JVM is killed: every one settles, a write cut with
    // its socket with a typed ConnectionClosedError (a put is not retried: it may have been applied).
    const load = Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        pool.connection((c) => c.table(table).put(`cut${i}`, { 'cf:a': `v${i}` })),
      ),
    );
    const killed = await killSecureGateway('auth-second');
    try {
      for (const outcome of await load)
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConnectionClosedError);
      // Then every call works, on the gateway left.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          pool.connection((c) => c.table(table).put(`k${i}`, { 'cf:a': `v${i}` })),
        ),
      );
      expect(await portsOfLeases(pool, 4)).toEqual(Array(4).fill(env.port('HBASE_SECURE_THRIFT_AUTH_PORT')));
      expect(pool.healthyGateways()).toEqual([first]);
      const rows = await pool.connection((c) => c.table(table).rows(['k0', 'k39']));
      expect(rows.map(([, data]) => data['cf:a']?.toString())).toEqual(['v0', 'v39']);
    } finally {
      await killed.restart();
    }
    const handshakesBefore = handshakes.filter((p) => p === secondPort).length;
    // After its backoff, a connection handed back is moved to the restarted gateway: a new socket,
    // so a new SASL handshake there, and calls on it work.
    const deadline = Date.now() + 30_000;
    let ports: number[] = [];
    while (Date.now() < deadline) {
      ports = await portsOfLeases(pool, 4);
      if (ports.includes(secondPort)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(ports).toContain(secondPort);
    expect(handshakes.filter((p) => p === secondPort).length).toBeGreaterThan(handshakesBefore);
    expect(pool.healthyGateways()).toEqual([first, second]);
    const onSecond = await pool.connection(
      (c) =>
        c
          .table(table)
          .row('k7')
          .then((row) => [c.port, row]),
      {
        gateway: second,
      },
    );
    expect(onSecond[0]).toBe(secondPort);
    expect((onSecond[1] as Record<string, Buffer>)['cf:a']?.toString()).toBe('v7');
  }, 240_000);
});
