// The client's Kerberos authentication against the real Kerberized HBase of the secure instance
// (Kerby KDC, secure Thrift1/Thrift2 gateways): SASL GSSAPI on socket gateways, SPNEGO and doAs on
// HTTPS gateways, and the typed, fast failures. No mock KDC, no mock gateway.

import { copyFileSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import {
  AuthenticationError,
  Connection,
  ConnectionFailedError,
  type ConnectionOptions,
  ConnectionPool,
} from '../../../src';
import { uniquePrefix } from '../../support/gateway';
import { expiredTicket, kinit } from '../../support/kerberos-ticket';
import { secureTestEnv } from '../../support/secure-env';
import { grant } from '../../support/secure-java';

const env = secureTestEnv();
const ca = readFileSync(env.ca);
const kerberos = { mechanism: 'kerberos' } as const;
/** A failure must be known well within the call timeout (no hang, no retry loop). */
const FAST_MS = 5000;

const gateways = {
  thrift1: {
    auth: env.port('HBASE_SECURE_THRIFT_AUTH_PORT'),
    authInt: env.port('HBASE_SECURE_THRIFT_AUTH_INT_PORT'),
    authConf: env.port('HBASE_SECURE_THRIFT_AUTH_CONF_PORT'),
    https: env.port('HBASE_SECURE_THRIFT_HTTPS_PORT'),
  },
  thrift2: {
    auth: env.port('HBASE_SECURE_THRIFT2_AUTH_PORT'),
    authInt: env.port('HBASE_SECURE_THRIFT2_AUTH_INT_PORT'),
    authConf: env.port('HBASE_SECURE_THRIFT2_AUTH_CONF_PORT'),
    https: env.port('HBASE_SECURE_THRIFT2_HTTPS_PORT'),
  },
} as const;

const opened: Connection[] = [];
const principal = (user: string): string => `${user}@${env.realm}`;

function connect(options: ConnectionOptions): Connection {
  const connection = new Connection({ host: 'localhost', timeout: 20_000, ...options });
  opened.push(connection);
  return connection;
}

/** Rejects with the AuthenticationError `promise` rejects with, and how long that took. */
async function authFailure(promise: Promise<unknown>): Promise<{ error: AuthenticationError; ms: number }> {
  const start = Date.now();
  const error = await promise.then(
    () => {
      throw new Error('expected an AuthenticationError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return { error: error as AuthenticationError, ms: Date.now() - start };
}

// MIT Kerberos reads KRB5CCNAME from the process's real environment, which Jest's sandboxed
// `process.env` does not reach: the worker must start with KRB5CCNAME naming a DIR: collection
// (the secure project's global setup sets one). The users' tickets go into it, admin last (the
// primary: connections without auth.principal use it); alice is picked with auth.principal, and
// carol's ticket is expired. bob has no ticket at all.
beforeAll(async () => {
  const ccache = process.env.KRB5CCNAME ?? '';
  if (!ccache.startsWith('DIR:')) {
    throw new Error(
      'run the secure suites with KRB5CCNAME=DIR:<folder> (the integration-secure project sets it)',
    );
  }
  // A DIR: collection is a folder of tkt* caches: the expired one joins it as a file.
  copyFileSync((await expiredTicket('carol')).replace(/^FILE:/, ''), join(ccache.slice(4), 'tktcarol'));
  await kinit('alice', { ccache });
  await kinit('admin', { ccache });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

const QOPS = [
  ['auth', 'auth', true],
  ['auth-int', 'authInt', true],
  ['auth-conf', 'authConf', false],
] as const;

describe.each(['thrift1', 'thrift2'] as const)('SASL GSSAPI on the %s socket gateways', (api) => {
  it.each(QOPS)(
    'qop %s: puts, gets and scans (values above the 64 KiB SASL buffer too)',
    async (qop, gateway) => {
      const connection = connect({ port: gateways[api][gateway], api, auth: { ...kerberos, qop } });
      const table = await connection.createTable(uniquePrefix(`sasl-${api}-${qop}`), { cf: {} });
      try {
        const large = 'v'.repeat(200_000);
        await table.put('row-1', { 'cf:a': 'one' });
        await table.put('row-2', { 'cf:a': large });
        expect((await table.row('row-1'))['cf:a']?.toString()).toBe('one');
        const rows: Array<[string, number]> = [];
        for await (const [key, data] of table.scan()) rows.push([key.toString(), data['cf:a']!.length]);
        expect(rows).toEqual([
          ['row-1', 3],
          ['row-2', large.length],
        ]);
      } finally {
        await connection.deleteTable(table.name, { disable: true });
      }
    },
  );

  it.each(QOPS)(
    'qop %s (%s gateway): a known value in cleartext on the wire: %s',
    async (qop, gateway, visible) => {
      const proxy = await RecordingProxy.start(gateways[api][gateway]);
      const connection = connect({ port: proxy.port, api, auth: { ...kerberos, qop } });
      const table = await connection.createTable(uniquePrefix(`wire-${api}-${qop}`), { cf: {} });
      try {
        const secret = `known-value-${Date.now()}`;
        await table.put('r', { 'cf:v': secret });
        expect((await table.row('r'))['cf:v']?.toString()).toBe(secret);
        // auth and auth-int (signed only) carry it as is; auth-conf encrypts every frame.
        expect(proxy.recorded().includes(Buffer.from(secret))).toBe(visible);
        expect(proxy.recorded().includes(Buffer.from(table.name))).toBe(visible);
      } finally {
        await connection.deleteTable(table.name, { disable: true });
        await proxy.close();
      }
    },
  );

  it.each(QOPS)('qop %s: a dropped connection re-handshakes on the next call', async (qop, gateway) => {
    const proxy = await RecordingProxy.start(gateways[api][gateway]);
    try {
      const connection = connect({ port: proxy.port, api, auth: { ...kerberos, qop } });
      await connection.tables();
      proxy.cutAll();
      // The cut may surface on the next call (a closed socket), after which calls work again.
      await connection.tables().catch(() => undefined);
      await expect(connection.tables()).resolves.toBeInstanceOf(Array);
      expect(proxy.connections).toBeGreaterThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('a QOP the gateway does not offer fails fast with qop-mismatch, before any answer is sent', async () => {
    for (const [qop, gateway, offered] of [
      ['auth', 'authConf', 'auth-conf'],
      ['auth-conf', 'authInt', 'auth-int'],
    ] as const) {
      const connection = connect({ port: gateways[api][gateway], api, auth: { ...kerberos, qop } });
      const { error, ms } = await authFailure(connection.tables());
      expect(error.reason).toBe('qop-mismatch');
      expect(error.message).toContain(`offers qop ${offered}`);
      expect(ms).toBeLessThan(FAST_MS);
    }
  });
});

describe('a pool over auth-conf gateways', () => {
  it('runs concurrent calls on several authenticated, encrypted sockets', async () => {
    const pool = new ConnectionPool({
      servers: [`localhost:${gateways.thrift1.authConf}`],
      size: 3,
      auth: { ...kerberos, qop: 'auth-conf' },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => pool.connection((connection) => connection.tables())),
      );
      expect(results.every(Array.isArray)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('typed, fast failures', () => {
  it('no ticket: no-ticket, and retries do not repeat it', async () => {
    const connection = connect({
      port: gateways.thrift1.auth,
      auth: { ...kerberos, principal: principal('bob') },
      retry: { attempts: 5 },
    });
    const { error, ms } = await authFailure(connection.tables());
    expect(error.reason).toBe('no-ticket');
    expect(error.message).toMatch(/kinit/);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('no ticket with auth-conf too: no-ticket, fast', async () => {
    const connection = connect({
      port: gateways.thrift1.authConf,
      auth: { ...kerberos, qop: 'auth-conf', principal: principal('bob') },
    });
    const { error, ms } = await authFailure(connection.tables());
    expect(error.reason).toBe('no-ticket');
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('an expired ticket: expired-ticket', async () => {
    const connection = connect({
      port: gateways.thrift1.auth,
      auth: { ...kerberos, principal: principal('carol') },
      retry: true,
    });
    const { error, ms } = await authFailure(connection.tables());
    expect(error.reason).toBe('expired-ticket');
    expect(ms).toBeLessThan(FAST_MS);
  });

  it.each(['thrift1', 'thrift2'] as const)(
    'a service principal the KDC does not know (%s, socket and HTTPS)',
    async (api) => {
      for (const options of [
        { port: gateways[api].auth },
        { port: gateways[api].https, transport: 'http' as const, tls: { ca } },
      ]) {
        const connection = connect({ ...options, api, auth: { ...kerberos, service: 'nosuch' } });
        const { error, ms } = await authFailure(connection.tables());
        expect(error.reason).toBe('unknown-service-principal');
        expect(error.message).toMatch(/nosuch\/localhost/);
        expect(ms).toBeLessThan(FAST_MS);
      }
    },
  );

  it('a service principal the gateway has no key for: rejected by the gateway', async () => {
    const connection = connect({ port: gateways.thrift1.auth, auth: { ...kerberos, service: 'HTTP' } });
    const { error, ms } = await authFailure(connection.tables());
    expect(error.reason).toBe('rejected');
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('a socket reset during the handshake is a transport failure (retries and failover apply)', async () => {
    const server = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const error = await connect({ port, auth: kerberos })
        .tables()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionFailedError);
      expect(error).not.toBeInstanceOf(AuthenticationError);
    } finally {
      server.close();
    }
  });

  it('close() during a handshake that hangs drops it at once: the call rejects, close resolves', async () => {
    const silent = net.createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const connection = connect({ port, auth: { ...kerberos, handshakeTimeout: 60_000 } });
      const call = connection.tables().catch((e: unknown) => e);
      // The handshake is under way once the gateway has the connection.
      await new Promise((resolve) => silent.once('connection', resolve));
      const start = Date.now();
      await connection.close();
      expect(await call).toBeInstanceOf(Error);
      expect(Date.now() - start).toBeLessThan(FAST_MS);
    } finally {
      silent.close();
    }
  });

  it('a gateway without SASL: handshake-timeout within auth.handshakeTimeout', async () => {
    // The HTTPS gateway's port speaks TLS, not SASL: it waits for more bytes, as a plain gateway would.
    const connection = connect({
      port: gateways.thrift1.https,
      auth: { ...kerberos, handshakeTimeout: 1500 },
    });
    const { error, ms } = await authFailure(connection.tables());
    expect(['handshake-timeout', 'protocol']).toContain(error.reason);
    expect(ms).toBeLessThan(FAST_MS);
  });
});

describe.each(['thrift1', 'thrift2'] as const)('SPNEGO on the %s HTTPS gateway', (api) => {
  const https = (auth: ConnectionOptions['auth']): ConnectionOptions => ({
    port: gateways[api].https,
    transport: 'http',
    tls: { ca },
    api,
    ...(auth ? { auth } : {}),
  });

  it('authenticates with a Negotiate token', async () => {
    await expect(connect(https(kerberos)).tables()).resolves.toBeInstanceOf(Array);
  });

  it("doAs: alice acting as bob gets bob's rights, and only with doAs", async () => {
    const admin = connect(https(kerberos));
    const table = await admin.createTable(uniquePrefix(`doas-${api}`), { cf: {} });
    try {
      await table.put('r', { 'cf:a': 'for-bob' });
      await grant('bob', table.name, 'R');
      const alice = { ...kerberos, principal: principal('alice') };
      const asAlice = connect(https(alice));
      await expect(asAlice.table(table.name).row('r')).rejects.toThrow();
      const asBob = connect(https({ ...alice, doAs: 'bob' }));
      expect((await asBob.table(table.name).row('r'))['cf:a']?.toString()).toBe('for-bob');
      // alice may act as bob only (hadoop.proxyuser.alice.users): carol is refused, typed.
      const asCarol = connect(https({ ...alice, doAs: 'carol' }));
      const { error } = await authFailure(asCarol.table(table.name).row('r'));
      expect(error.reason).toBe('rejected');
      expect(error.message).toMatch(/doAs user/);
      expect(error.message).not.toMatch(/carol/);
    } finally {
      await admin.deleteTable(table.name, { disable: true });
    }
  });
});

/** A TCP proxy that records the bytes both ways (the secret must show, or not). */
class RecordingProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #chunks: Buffer[] = [];
  connections = 0;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(upstreamPort: number): Promise<RecordingProxy> {
    const proxy: RecordingProxy = new RecordingProxy(
      net.createServer((client) => {
        proxy.connections++;
        const upstream = net.connect({ host: 'localhost', port: upstreamPort });
        for (const socket of [client, upstream]) {
          proxy.#sockets.add(socket);
          socket.on('error', () => {});
          socket.on('close', () => {
            proxy.#sockets.delete(socket);
            client.destroy();
            upstream.destroy();
          });
        }
        client.on('data', (chunk: Buffer) => {
          proxy.#chunks.push(chunk);
          upstream.write(chunk);
        });
        upstream.on('data', (chunk: Buffer) => {
          proxy.#chunks.push(chunk);
          client.write(chunk);
        });
      }),
    );
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  recorded(): Buffer {
    return Buffer.concat(this.#chunks);
  }

  cutAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
