// A pooled connection closed or broken inside a lease is repaired in place (as HappyBase reopens
// it): the outer block, and the next lease, keep working on it.
import { ConnectionClosedError, ConnectionPool } from '../../src';
import { gateways } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

const host = () => gateways.default().host;

describe('a pooled connection closed or broken inside a lease', () => {
  it('closed inside a nested block: the outer block goes on with the same connection, reopened', async () => {
    const pool = new ConnectionPool({ size: 2, ...gateways.default() });
    try {
      await pool.connection(async (outer) => {
        expect(Array.isArray(await outer.tables())).toBe(true);
        await pool.connection(async (inner) => {
          expect(inner).toBe(outer);
          await inner.close();
        });
        expect(outer.isOpen).toBe(false);
        expect(Array.isArray(await outer.tables())).toBe(true);
        expect(outer.isOpen).toBe(true);
      });
    } finally {
      await pool.close();
    }
  });

  it('closed inside a top-level lease: the next lease gets a working connection', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    try {
      const first = await pool.connection(async (c) => {
        await c.tables();
        await c.close();
        return c;
      });
      const names = await pool.connection(async (c) => {
        expect(c).toBe(first); // the pool of one hands out the same object, working again
        return c.tables();
      });
      expect(Array.isArray(names)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('closed with a call in flight: that call is rejected as closed, the next one reopens', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    try {
      await pool.connection(async (c) => {
        await c.open();
        const inFlight = c.tables().catch((error: unknown) => error);
        await c.close();
        expect(await inFlight).toBeInstanceOf(ConnectionClosedError);
        expect(Array.isArray(await c.tables())).toBe(true);
      });
    } finally {
      await pool.close();
    }
  });

  it('socket broken inside a nested block: the outer block reconnects on its next call', async () => {
    const proxy = await TcpProxy.start(host(), gateways.default().port);
    const pool = new ConnectionPool({ size: 2, host: '127.0.0.1', port: proxy.port, timeout: 5000 });
    try {
      await pool.connection(async (outer) => {
        await outer.tables();
        const nested = pool.connection(async (inner) => {
          expect(inner).toBe(outer);
          proxy.stallAll(); // no reply will come back on this socket...
          const call = inner.tables();
          proxy.cutAll(); // ...and it breaks with the call in flight
          await call;
        });
        await expect(nested).rejects.toBeInstanceOf(ConnectionClosedError);
        expect(Array.isArray(await outer.tables())).toBe(true);
      });
      // The lease ended after a failure during it: the next lease works too.
      expect(Array.isArray(await pool.connection((c) => c.tables()))).toBe(true);
    } finally {
      await pool.close();
      await proxy.close();
    }
  });

  it('the pool closing still closes its connections for good', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    let leaked: import('../../src').Connection | undefined;
    await pool.connection(async (c) => {
      leaked = c;
      await c.tables();
    });
    await pool.close();
    await expect(leaked!.tables()).rejects.toBeInstanceOf(ConnectionClosedError);
  });
});
