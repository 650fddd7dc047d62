// The `auth` option: validated before anything is sent, each error naming the argument; Kerberos
// messages mapped to a typed reason.

import { classifyKerberosMessage, kerberosFailure } from '../../../../src/client/auth/gss-failure';
import { resolveConnectionOptions } from '../../../../src/client/connection-options';
import { AuthenticationError, InvalidArgumentError } from '../../../../src/client/errors';

const resolve = (options: object) => resolveConnectionOptions(options, {});
const kerberos = { mechanism: 'kerberos' } as const;

function rejection(options: object): InvalidArgumentError {
  try {
    resolve(options);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('auth option', () => {
  it('defaults: qop auth, service and hostname from the gateway at handshake time', () => {
    expect(resolve({ auth: kerberos }).channel.auth).toEqual({
      mechanism: 'kerberos',
      service: undefined,
      hostname: undefined,
      principal: undefined,
      keytab: undefined,
      ccache: undefined,
      qop: 'auth',
      doAs: undefined,
      handshakeTimeout: undefined,
    });
    expect(resolve({}).channel.auth).toBeUndefined();
  });

  it('reaches every server of a multi-gateway connection', () => {
    const resolved = resolve({ servers: ['a:1', 'b:2'], auth: { ...kerberos, qop: 'auth-conf' } });
    expect(resolved.servers).toHaveLength(2);
    expect(resolved.channel.auth?.qop).toBe('auth-conf');
  });

  it.each([
    [{ auth: 'kerberos' }, 'options.auth'],
    [{ auth: { mechanism: 'ntlm' } }, 'options.auth.mechanism'],
    [{ auth: { ...kerberos, qop: 'privacy' } }, 'options.auth.qop'],
    [{ auth: { ...kerberos, service: 'hbase/host' } }, 'options.auth.service'],
    [{ auth: { ...kerberos, hostname: 'a b' } }, 'options.auth.hostname'],
    [{ auth: { ...kerberos, principal: 'a b@R' } }, 'options.auth.principal'],
    [{ auth: { ...kerberos, handshakeTimeout: 0 } }, 'options.auth.handshakeTimeout'],
    [{ auth: { ...kerberos, keytab: '' } }, 'options.auth.keytab'],
    [{ auth: { ...kerberos, ccache: 'FILE:/a\nb' } }, 'options.auth.ccache'],
    [{ auth: { ...kerberos, extra: 1 } }, 'options.auth.extra'],
    [{ auth: kerberos, transport: 'framed' }, 'options.auth'],
    [{ auth: { ...kerberos, doAs: 'bob' } }, 'options.auth.doAs'],
    [{ auth: { ...kerberos, qop: 'auth-conf' }, transport: 'http' }, 'options.auth.qop'],
    [{ auth: { ...kerberos, doAs: 'bob\r\nx: y' }, transport: 'http' }, 'options.auth.doAs'],
    [{ auth: { ...kerberos, doAs: '\u0001x' }, transport: 'http' }, 'options.auth.doAs'],
    [{ auth: { ...kerberos, doAs: '用户' }, transport: 'http' }, 'options.auth.doAs'],
  ])('rejects %j naming %s', (options, argument) => {
    expect(rejection(options).argument).toBe(argument);
  });

  it('never quotes the doAs user of a refused socket option', () => {
    expect(rejection({ auth: { ...kerberos, doAs: 'secret-user' } }).message).not.toMatch(/secret-user/);
  });

  it('takes a keytab and a credential cache per connection, touching no process-wide setting', () => {
    const a = resolve({ auth: { ...kerberos, keytab: '/k/alice.keytab' } }).channel.auth;
    const b = resolve({ auth: { ...kerberos, keytab: '/k/bob.keytab', ccache: 'FILE:/tmp/bob' } }).channel
      .auth;
    expect([a?.keytab, b?.keytab, b?.ccache]).toEqual(['/k/alice.keytab', '/k/bob.keytab', 'FILE:/tmp/bob']);
    expect(process.env.KRB5_CLIENT_KTNAME).toBeUndefined();
  });
});

describe('Kerberos messages to reasons', () => {
  it.each([
    [
      'No credentials were supplied, or the credentials were unavailable or inaccessible: No Kerberos credentials available (default cache: FILE:/tmp/x)',
      'no-ticket',
    ],
    ['Unspecified GSS failure.  Minor code may provide more information: Ticket expired', 'expired-ticket'],
    ['The referenced credential has expired: Ticket expired', 'expired-ticket'],
    ['Unspecified GSS failure.  Minor code may provide more information: Clock skew too great', 'clock-skew'],
    [
      'Unspecified GSS failure.  Minor code may provide more information: Server nosuch/localhost@HBASE.TEST not found in Kerberos database',
      'unknown-service-principal',
    ],
    ["Client 'bob@HBASE.TEST' not found in Kerberos database", 'no-ticket'],
    ['Unspecified GSS failure.  Minor code may provide more information: Message stream modified', 'other'],
  ])('%s → %s', (message, reason) => {
    expect(classifyKerberosMessage(message)).toBe(reason);
  });

  it('an AuthenticationError with the reason, the Kerberos text and advice', () => {
    const error = kerberosFailure('service principal hbase/h', 'h:9090', new Error('Ticket expired'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.reason).toBe('expired-ticket');
    expect(error.message).toMatch(/Ticket expired — .*kinit/);
  });
});
