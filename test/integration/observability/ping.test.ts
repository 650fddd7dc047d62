// ping(): one real round trip to the gateway, on every transport of the run's API, from a
// connection and from a pool; a gateway that is not there rejects instead of answering.
import { Connection, ConnectionFailedError, ConnectionPool } from '../../../src';
import { type GatewayVariant, gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

const variants: GatewayVariant[] = ['default', 'framed', 'http', 'https'];

describe('ping', () => {
  it.each(variants)('a connection to the %s gateway answers with its latency', async (variant) => {
    await using connection = new Connection(gateways[variant]());
    const first = await connection.ping();
    const second = await connection.ping();
    expect(connection.isOpen).toBe(true);
    for (const latency of [first, second]) {
      expect(Number.isFinite(latency)).toBe(true);
      expect(latency).toBeGreaterThan(0);
    }
  });

  it('sends exactly one small call over an open connection', async () => {
    const proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
    try {
      await using connection = new Connection({ ...gateways.default(), host: '127.0.0.1', port: proxy.port });
      await connection.ping(); // opens (and, on api: 'auto', asks the API once)
      const before = proxy.bytesFromClients;
      await connection.ping();
      // getThriftServerType without arguments: a few dozen bytes, whatever the API.
      expect(proxy.bytesFromClients - before).toBeGreaterThan(0);
      expect(proxy.bytesFromClients - before).toBeLessThan(64);
    } finally {
      await proxy.close();
    }
  });

  it('rejects with ConnectionFailedError when nothing listens', async () => {
    await using connection = new Connection({ host: '127.0.0.1', port: 1, timeout: 2_000 });
    await expect(connection.ping()).rejects.toBeInstanceOf(ConnectionFailedError);
  });

  it('a pool pings through a leased connection and gives it back', async () => {
    await using pool = new ConnectionPool({ ...gateways.default(), size: 2 });
    expect(await pool.ping()).toBeGreaterThan(0);
    expect(await pool.ping({ timeout: 5_000 })).toBeGreaterThan(0);
  });

  it('a closed connection refuses to ping', async () => {
    const connection = new Connection(gateways.default());
    await connection.open();
    await connection.close();
    await expect(connection.ping()).rejects.toThrow(/closed/);
  });
});
