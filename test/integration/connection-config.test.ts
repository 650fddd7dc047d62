import { Connection, ConnectionPool } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { HttpAuthProxy } from '../support/http-auth-proxy';

// Connections configured by URL and by the HBASE_* environment variables, against each kind of
// real gateway: a wrong transport or protocol would fail the round trip.

const host = gateways.default().host;
/** The HTTPS gateway's TLS options (its CA), which no URL can carry. */
const httpsTls = gateways.https().tls;
const urls = {
  default: `hbase://${host}:${gateways.default().port}`,
  framed: `hbase://${host}:${gateways.framed().port}?transport=framed&protocol=compact`,
  http: `http://${host}:${gateways.http().port}/`,
  https: `https://${host}:${gateways.https().port}/`,
};

/** Runs `fn` with variables set in process.env, restoring it afterwards. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('connections configured by URL and environment', () => {
  const prefix = uniquePrefix('config');
  const admin = new Connection({ ...gateways.default(), tablePrefix: prefix });

  beforeAll(async () => {
    await admin.createTable('t', { d: {} });
    await admin.table('t').put('seed', { 'd:a': 'planted' });
  });

  afterAll(async () => {
    await dropPrefixedTables(admin);
    await admin.close();
  });

  /** Writes through `connection` and reads back what it wrote and what the admin planted. */
  async function roundTrip(connection: Connection, label: string): Promise<void> {
    try {
      const table = connection.table('t');
      await table.put(label, { 'd:a': label });
      expect((await table.row(label))['d:a']?.toString()).toBe(label);
      expect((await table.row('seed'))['d:a']?.toString()).toBe('planted');
    } finally {
      await connection.close();
    }
  }

  it.each(Object.entries(urls))('by URL: the %s gateway', async (label, url) => {
    const tls = label === 'https' ? { tls: httpsTls } : {};
    await roundTrip(new Connection({ url, tablePrefix: prefix, ...tls }), `url-${label}`);
  });

  it('by URL alone, table prefix included', async () => {
    await roundTrip(new Connection(`${urls.framed}&tablePrefix=${prefix}`), 'url-only');
  });

  it('by HBASE_URL', async () => {
    for (const [label, url] of Object.entries(urls)) {
      const tls = label === 'https' ? { tls: httpsTls } : {};
      const connection = await withEnv(
        { HBASE_URL: url, HBASE_TABLE_PREFIX: prefix },
        async () => new Connection(tls),
      );
      await roundTrip(connection, `env-url-${label}`);
    }
  });

  it('by the single variables (framed, compact, string port and timeout)', async () => {
    const connection = await withEnv(
      {
        HBASE_HOST: host,
        HBASE_PORT: String(gateways.framed().port),
        HBASE_TRANSPORT: 'framed',
        HBASE_PROTOCOL: 'compact',
        HBASE_TABLE_PREFIX: prefix,
        HBASE_TIMEOUT: '20000',
      },
      async () => new Connection(),
    );
    await roundTrip(connection, 'env-single');
  });

  it('explicit options win over the environment', async () => {
    // The environment points at the framed gateway; the options at the default one.
    const connection = await withEnv(
      { HBASE_URL: urls.framed },
      async () => new Connection({ url: urls.default, tablePrefix: prefix }),
    );
    await roundTrip(connection, 'explicit-wins');
  });

  it('a pool from the environment', async () => {
    const pool = await withEnv(
      { HBASE_URL: urls.http, HBASE_TABLE_PREFIX: prefix },
      async () => new ConnectionPool({ size: 2 }),
    );
    try {
      const rows = await Promise.all(
        ['a', 'b', 'c'].map((key) =>
          pool.connection(async (c) => {
            await c.table('t').put(`pool-${key}`, { 'd:a': key });
            return (await c.table('t').row(`pool-${key}`))['d:a']?.toString();
          }),
        ),
      );
      expect(rows).toEqual(['a', 'b', 'c']);
    } finally {
      await pool.close();
    }
  });

  it("HBASE_URL's credentials are never sent to a host given in code", async () => {
    const basic = `Basic ${Buffer.from('ada:s3cret').toString('base64')}`;
    // The environment's endpoint: an authenticating proxy that wants the credentials.
    const envProxy = await HttpAuthProxy.start(host, gateways.http().port, basic);
    // The endpoint given in code: a proxy that forwards only requests without credentials
    // (its `expected` is no header at all) and answers 403 to one that carries any.
    const codeProxy = await HttpAuthProxy.start(host, gateways.http().port, undefined as unknown as string);
    try {
      const connection = await withEnv(
        { HBASE_URL: `http://ada:s3cret@127.0.0.1:${envProxy.port}/`, HBASE_TABLE_PREFIX: prefix },
        async () => new Connection({ host: '127.0.0.1', port: codeProxy.port, transport: 'http' }),
      );
      await roundTrip(connection, 'code-host');
      expect(codeProxy.forwarded).toBeGreaterThan(0);
      expect(envProxy.requests).toBe(0);
    } finally {
      await envProxy.close();
      await codeProxy.close();
    }
  });

  it('numeric strings as an environment supplies them', async () => {
    await roundTrip(
      new Connection({ host, port: String(gateways.default().port), timeout: '15000', tablePrefix: prefix }),
      'string-port',
    );
  });
});
