// A long-lived secure connection whose Kerberos ticket expires (a ticket of a few seconds, from the
// ticket tools): once the credential cache holds a fresh ticket again, the connection keeps working
// over a new socket (a new SASL handshake); while it does not, a new socket fails fast with a typed
// AuthenticationError('expired-ticket'), never a hang. The socket is cut by a TCP proxy in front of
// the gateway: what a gateway restart, an idle timeout or a network fault does to a real one. And
// what a cache whose tickets expired seconds ago still does: its expired service ticket is accepted.
import { AuthenticationError, Connection, type SaslQop } from '../../../src';
import { uniquePrefix } from '../../support/gateway';
import { hasValidTicket, kinit } from '../../support/kerberos-ticket';
import { secureTestEnv } from '../../support/secure-env';
import { TcpProxy } from '../../support/tcp-proxy';

const env = secureTestEnv();
/** A failure must be known well within the call timeout (20 s): no hang, no retry loop. */
const FAST_MS = 5000;
const GATEWAYS: Array<[SaslQop, string]> = [
  ['auth', 'HBASE_SECURE_THRIFT_AUTH_PORT'],
  ['auth-int', 'HBASE_SECURE_THRIFT_AUTH_INT_PORT'],
  ['auth-conf', 'HBASE_SECURE_THRIFT_AUTH_CONF_PORT'],
];
let table: string;

/** Resolves once the ticket in `ccache` has expired (`klist -s` fails), within 20 s. */
async function untilExpired(ccache: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (await hasValidTicket(ccache)) {
    if (Date.now() > deadline) throw new Error('the short ticket was still valid after 20 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A connection through a proxy to the gateway of `qop`, with the ticket of `ccache`. */
async function proxiedConnection(qop: SaslQop, variable: string, ccache: string) {
  const proxy = await TcpProxy.start('127.0.0.1', env.port(variable));
  const connection = new Connection({
    host: '127.0.0.1',
    port: proxy.port,
    // The proxy's address is not the gateway's principal host: name it.
    auth: { mechanism: 'kerberos', ccache, qop, hostname: 'localhost' },
    timeout: 20_000,
    retry: true,
  });
  const handshakes: number[] = [];
  // Each socket opened (first, or after a loss) is a SASL handshake.
  for (const event of ['connect', 'reconnect'] as const)
    connection.on(event, ({ port }) => handshakes.push(port));
  return {
    proxy,
    connection,
    handshakes,
    /** Reads the test's row. */
    read: () => connection.table(table).row('r1'),
    async [Symbol.asyncDispose]() {
      await connection.close();
      await proxy.close();
    },
  };
}

/**
 * A proxied connection at `qop` that has read with a 4-second ticket (so the cache holds the
 * service ticket too), handed back once that ticket has expired, with its cache.
 */
async function connectedPastExpiry(qop: SaslQop, variable: string) {
  const ccache = await kinit('admin', { lifetime: '4s' });
  const link = await proxiedConnection(qop, variable, ccache);
  try {
    expect((await link.read())['cf:a']?.toString()).toBe('one');
    await untilExpired(ccache);
    return Object.assign(link, { ccache });
  } catch (error) {
    await link[Symbol.asyncDispose]();
    throw error;
  }
}

beforeAll(async () => {
  table = uniquePrefix('sexpiry');
  await using admin = new Connection({
    host: 'localhost',
    port: env.port('HBASE_SECURE_THRIFT_AUTH_PORT'),
    auth: { mechanism: 'kerberos', ccache: await kinit('admin') },
    timeout: 20_000,
  });
  await admin.createTable(table, { cf: {} });
  await admin.table(table).put('r1', { 'cf:a': 'one' });
}, 60_000);

afterAll(async () => {
  await using admin = new Connection({
    host: 'localhost',
    port: env.port('HBASE_SECURE_THRIFT_AUTH_PORT'),
    auth: { mechanism: 'kerberos', ccache: await kinit('admin') },
    timeout: 20_000,
  });
  await admin.deleteTable(table, { disable: true });
}, 60_000);

describe.each(GATEWAYS)('a long-lived connection at qop %s whose ticket expires', (qop, variable) => {
  it('works over a new socket once the cache holds a fresh ticket again', async () => {
    await using link = await connectedPastExpiry(qop, variable);
    const { read, ccache } = link;
    // The socket already authenticated stays so: the ticket is checked at the handshake only.
    expect((await read())['cf:a']?.toString()).toBe('one');
    expect(link.handshakes).toHaveLength(1);
    await kinit('admin', { ccache }); // renewed, as a cron job or a ticket renewer would
    link.proxy.cutAll();
    expect((await read())['cf:a']?.toString()).toBe('one');
    expect(link.handshakes).toHaveLength(2);
  }, 60_000);

  it('fails fast with AuthenticationError(expired-ticket) over a new socket while it has none', async () => {
    await using link = await connectedPastExpiry(qop, variable);
    const { read, ccache } = link;
    // MIT Kerberos keeps using the service ticket still in the cache, expired or not, and the
    // gateway accepts it within its clock-skew allowance (Java's default: 5 min). A cache holding an
    // expired ticket-granting ticket only (kinit re-initialises it: a renewal that got a short
    // ticket again) is what a client meets once that allowance is over: the TGT is checked.
    await kinit('admin', { ccache, lifetime: '1s' });
    await untilExpired(ccache);
    link.proxy.cutAll();
    const start = Date.now();
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - start).toBeLessThan(FAST_MS);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('expired-ticket');
    // And once a fresh ticket is there, the same connection works again.
    await kinit('admin', { ccache });
    expect((await read())['cf:a']?.toString()).toBe('one');
  }, 60_000);
});

describe('a cache whose tickets expired seconds ago, service ticket included', () => {
  it('still opens sockets: MIT Kerberos sends the cached service ticket, the gateway allows its clock skew', async () => {
    // The service ticket is in the cache since the first read.
    await using link = await connectedPastExpiry('auth', 'HBASE_SECURE_THRIFT_AUTH_PORT');
    const { read } = link;
    link.proxy.cutAll();
    // A new socket, a new handshake with the expired service ticket: accepted (Java's acceptor
    // allows 5 min of skew). Renewal is what keeps a service working past that allowance.
    expect((await read())['cf:a']?.toString()).toBe('one');
    expect(link.handshakes).toHaveLength(2);
  }, 60_000);
});
