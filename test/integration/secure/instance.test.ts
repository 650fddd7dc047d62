// The secure test instance itself (npm run hbase:start -- --secure): its KDC gives tickets, its
// gateways authenticate with SASL at their QOP and with SPNEGO, and its grants decide what a user
// sees. Checked with MIT's tools, curl and the JDK's SASL client: independent of this library.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { promisify } from 'node:util';
import {
  SecureInstanceMismatchError,
  startSecureInstance,
} from '../../../src/testing/secure/secure-instance';
import { uniquePrefix } from '../../support/gateway';
import {
  expiredTicket,
  hasValidTicket,
  kerberosEnv,
  kinit,
  klist,
  newCcache,
} from '../../support/kerberos-ticket';
import { secureTestEnv } from '../../support/secure-env';
import { grant, revoke, saslProbe, secureAdmin } from '../../support/secure-java';

const run = promisify(execFile);
const env = secureTestEnv();

/** One POST without credentials to an HTTPS gateway: its status and WWW-Authenticate header. */
function unauthenticatedPost(port: number): Promise<{ status: number; challenge: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: 'localhost', port, method: 'POST', path: '/', ca: readFileSync(env.ca), timeout: 10_000 },
      (res) => {
        res.resume();
        resolve({
          status: res.statusCode!,
          challenge: res.headers['www-authenticate'] as string | undefined,
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
    req.end('');
  });
}

describe('the secure instance', () => {
  test('kinit gets a ticket from the keytab; klist shows it; kvno gets the service tickets', async () => {
    const ccache = await kinit('alice');
    expect(await klist(ccache)).toContain(`alice@${env.realm}`);
    const { stdout } = await run('kvno', [`hbase/localhost@${env.realm}`, `HTTP/localhost@${env.realm}`], {
      env: kerberosEnv(ccache),
    });
    expect(stdout).toContain(`hbase/localhost@${env.realm}: kvno = 1`);
  });

  test('the KDC knows thrift/localhost (a wrong service for the gateways), not an unknown service', async () => {
    const ccache = await kinit('alice');
    await run('kvno', [`thrift/localhost@${env.realm}`], { env: kerberosEnv(ccache) });
    await expect(
      run('kvno', [`nosuch/localhost@${env.realm}`], { env: kerberosEnv(ccache) }),
    ).rejects.toThrow(/not found in Kerberos database/);
  });

  test('a DIR: collection holds several users', async () => {
    const ccache = newCcache('DIR');
    await kinit('alice', { ccache });
    await kinit('bob', { ccache });
    const listed = await klist(ccache);
    expect(listed).toContain(`alice@${env.realm}`);
    expect(listed).toContain(`bob@${env.realm}`);
  });

  test('an expired ticket is recognised as such', async () => {
    const ccache = await expiredTicket('carol');
    expect(await hasValidTicket(ccache)).toBe(false);
  });

  test.each([
    ['thrift1', 'HBASE_SECURE_THRIFT_AUTH_PORT', 'auth'],
    ['thrift1', 'HBASE_SECURE_THRIFT_AUTH_INT_PORT', 'auth-int'],
    ['thrift1', 'HBASE_SECURE_THRIFT_AUTH_CONF_PORT', 'auth-conf'],
    ['thrift1', 'HBASE_SECURE_THRIFT_AUTH_SECOND_PORT', 'auth'],
    ['thrift2', 'HBASE_SECURE_THRIFT2_AUTH_PORT', 'auth'],
    ['thrift2', 'HBASE_SECURE_THRIFT2_AUTH_INT_PORT', 'auth-int'],
    ['thrift2', 'HBASE_SECURE_THRIFT2_AUTH_CONF_PORT', 'auth-conf'],
  ] as const)('%s gateway %s answers a SASL client at qop %s', async (api, variable, qop) => {
    const answer = await saslProbe(api, env.port(variable), qop, 'admin');
    expect(answer).toMatch(api === 'thrift1' ? /^tables:/ : /^tableExists\(hbase:meta\) = /);
  });

  test('a client asking another QOP than the gateway offers is refused', async () => {
    await expect(
      saslProbe('thrift1', env.port('HBASE_SECURE_THRIFT_AUTH_CONF_PORT'), 'auth', 'admin'),
    ).rejects.toThrow(/No common protection layer/);
  });

  test('a ticket for another service (thrift/localhost) is refused by the gateway', async () => {
    await expect(
      saslProbe('thrift1', env.port('HBASE_SECURE_THRIFT_AUTH_PORT'), 'auth', 'alice', 'thrift'),
    ).rejects.toThrow(/GSS initiate failed/);
  });

  test.each([['HBASE_SECURE_THRIFT_HTTPS_PORT'], ['HBASE_SECURE_THRIFT2_HTTPS_PORT']])(
    'the HTTPS gateway on %s answers 401 + Negotiate without a token, and accepts curl --negotiate',
    async (variable) => {
      const port = env.port(variable);
      expect(await unauthenticatedPost(port)).toEqual({ status: 401, challenge: 'Negotiate' });
      const ccache = await kinit('alice');
      // An empty Thrift body: authenticated, the gateway gets as far as Thrift (500), never 401.
      const { stdout } = await run(
        'curl',
        [
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          '--negotiate',
          '-u',
          ':',
          '--cacert',
          env.ca,
          '-X',
          'POST',
          '-H',
          'Content-Type: application/x-thrift',
          '--data-binary',
          '',
          `https://localhost:${port}/`,
        ],
        { env: kerberosEnv(ccache), timeout: 30_000 },
      );
      expect(stdout).not.toBe('401');
      expect(Number(stdout)).toBeGreaterThanOrEqual(200);
    },
  );

  test('doAs on the HTTPS gateway: alice may act as bob, not as carol', async () => {
    const ccache = await kinit('alice');
    const post = async (user: string) =>
      (
        await run(
          'curl',
          // biome-ignore format: one curl command line
          ['-s', '--negotiate', '-u', ':', '--cacert', env.ca, '-X', 'POST', '-H', 'Content-Type: application/x-thrift',
            '-H', `doAs: ${user}`, '--data-binary', '', `https://localhost:${env.port('HBASE_SECURE_THRIFT_HTTPS_PORT')}/`],
          { env: kerberosEnv(ccache), timeout: 30_000 },
        )
      ).stdout;
    // The gateway reports a refused impersonation as an HTTP 500 naming Hadoop's AuthorizationException.
    expect(await post('bob')).not.toContain('AuthorizationException');
    expect(await post('carol')).toContain('User: alice is not allowed to impersonate carol');
  });

  test('a start asking the running copy for a gateway on another port is refused, not reused', async () => {
    const ports = { kdc: env.port('HBASE_SECURE_KDC_PORT'), zookeeper: env.zkPort, auth: 1 };
    await expect(
      startSecureInstance({
        dir: env.dir,
        cacheDir: env.dir,
        ports,
        gateways: ['auth'],
        timeoutMs: 1000,
        log: () => {},
      }),
    ).rejects.toThrow(SecureInstanceMismatchError);
  });

  test('grants decide what a user sees through a gateway (the gateway acts as its client)', async () => {
    const table = `${uniquePrefix('secure')}-grants`;
    const port = env.port('HBASE_SECURE_THRIFT_AUTH_PORT');
    await secureAdmin('create', table, 'f');
    try {
      expect(await saslProbe('thrift1', port, 'auth', 'bob')).not.toContain(table);
      await grant('bob', table, 'RW');
      expect((await saslProbe('thrift1', port, 'auth', 'bob')).split(' ')).toContain(table);
      expect(await saslProbe('thrift1', port, 'auth', 'alice')).not.toContain(table);
      await revoke('bob', table);
      expect(await saslProbe('thrift1', port, 'auth', 'bob')).not.toContain(table);
    } finally {
      await secureAdmin('drop', table);
    }
  });
});
