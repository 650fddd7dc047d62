// Faults of the gateway process: idle sockets closed by the server, a gateway that dies and comes
// back (the idle gateway, a Thrift1 one: this file runs on Thrift1 only). Every promise must settle,
// and the client must recover by itself. Cut and stalled connections, retries and failover:
// retries-and-failover.test.ts.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Connection, ConnectionClosedError, ConnectionPool, TransportError } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { localHBasePid } from '../support/local-hbase-pid';
import { settlesWithin } from '../support/settles-within';

const prefix = uniquePrefix('faults');
const repo = join(__dirname, '../..');
let admin: Connection;

/** Waits for the gateway's idle timeout (1.5 s) to pass: the scenario itself, not a readiness wait. */
const idleLongerThanTheGatewayAllows = () => new Promise((resolve) => setTimeout(resolve, 2500));

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await admin.createTable('t', { cf: {} });
  for (let i = 0; i < 50; i++)
    await admin.table('t').put(`row-${String(i).padStart(3, '0')}`, { 'cf:v': String(i) });
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

describe('idle sockets closed by the gateway', () => {
  it('a pool user never sees the error: the closed socket is replaced on the next call', async () => {
    const pool = new ConnectionPool({ size: 2, ...gateways.idle(), tablePrefix: prefix });
    try {
      for (let round = 0; round < 3; round++) {
        const rows = await Promise.all(
          [1, 2, 3].map(() => pool.connection((c) => c.table('t').row('row-001'))),
        );
        expect(rows.every((row) => row['cf:v']?.toString() === '1')).toBe(true);
        await idleLongerThanTheGatewayAllows();
        // The gateway did close them meanwhile.
        await pool.connection(async (c) => expect(c.hasFailed).toBe(true));
      }
    } finally {
      await pool.close();
    }
  });

  it('a standalone connection without autoConnect reports it, and can be reopened', async () => {
    const connection = new Connection({ ...gateways.idle(), tablePrefix: prefix, autoConnect: false });
    await connection.open();
    expect((await connection.table('t').row('row-002'))['cf:v']?.toString()).toBe('2');
    await idleLongerThanTheGatewayAllows();
    await expect(connection.table('t').row('row-002')).rejects.toBeInstanceOf(ConnectionClosedError);
    await connection.open();
    expect((await connection.table('t').row('row-002'))['cf:v']?.toString()).toBe('2');
    await connection.close();
  });
});

describe('a gateway process killed and restarted', () => {
  it('settles every in-flight call, then serves again without restarting the client', async () => {
    const pool = new ConnectionPool({ size: 4, ...gateways.idle(), tablePrefix: prefix, timeout: 5000 });
    try {
      await pool.connection((c) => c.table('t').row('row-001'));
      const inFlight = Array.from({ length: 40 }, (_, i) =>
        pool.connection((c) =>
          c
            .table('t')
            .scan({ rowPrefix: 'row-', batchSize: 1 + (i % 5) })
            .toArray(),
        ),
      );
      const pid = localHBasePid('idle');
      if (pid === undefined)
        throw new Error('the idle gateway of the local HBase (scripts/hbase) is not running');
      process.kill(pid, 'SIGKILL');
      const outcomes = await Promise.all(inFlight.map((p) => settlesWithin(p, 15_000)));
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(TransportError);
        else expect(outcome.value).toHaveLength(50);
      }
      // While it is down, calls fail fast with a typed error.
      await expect(pool.connection((c) => c.table('t').row('row-001'))).rejects.toBeInstanceOf(
        TransportError,
      );

      execFileSync(process.execPath, ['scripts/hbase/cli.mjs', 'start', '--gateways=default,idle'], {
        cwd: repo,
      });
      const row = await pool.connection((c) => c.table('t').row('row-003'));
      expect(row['cf:v']?.toString()).toBe('3');
    } finally {
      await pool.close();
    }
  });
});
