import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logSeparator } from '../../../src/testing/jvm';
import { writeKrb5Conf } from '../../../src/testing/secure/krb5-conf';
import { logHasLine } from '../../../src/testing/secure/log-readiness';
import { keytabName, PRINCIPALS, REALM } from '../../../src/testing/secure/realm';
import { shellExports } from '../../../src/testing/secure/secure-env';
import { SECURE_CORE_PORTS, SECURE_GATEWAYS } from '../../../src/testing/secure/secure-gateways';
import { socketGatewayProps, spnegoGatewayProps } from '../../../src/testing/secure/secure-site';

const tmp = () => mkdtempSync(join(tmpdir(), 'secure-config-'));

describe('the secure instance configuration', () => {
  test('krb5.conf: TCP only, no DNS, the KDC on the loopback at its port', () => {
    const file = join(tmp(), 'krb5.conf');
    writeKrb5Conf(file, 9188);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`default_realm = ${REALM}`);
    expect(text).toContain('udp_preference_limit = 1');
    expect(text).toContain('rdns = false');
    expect(text).toContain('dns_canonicalize_hostname = false');
    expect(text).toContain('kdc = 127.0.0.1:9188');
  });

  test('one keytab per principal, named without the realm', () => {
    expect(PRINCIPALS.map(keytabName)).toEqual([
      'hbase_localhost.keytab',
      'HTTP_localhost.keytab',
      'thrift_localhost.keytab',
      'alice.keytab',
      'bob.keytab',
      'carol.keytab',
      'admin.keytab',
    ]);
  });

  test('ports: distinct, and none of the plain instance', () => {
    const plain = [2181, 16000, 16020, 9090, 9091, 9092, 9093, 9094, 9095, 9096, 9080, 9081, 9443, 9444];
    const ports = [
      ...Object.values(SECURE_CORE_PORTS).map((p) => p.port),
      ...SECURE_GATEWAYS.map((g) => g.port),
    ];
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.filter((p) => plain.includes(p))).toEqual([]);
    const vars = [
      ...Object.values(SECURE_CORE_PORTS).map((p) => p.env),
      ...SECURE_GATEWAYS.map((g) => g.portEnv),
    ];
    expect(new Set(vars).size).toBe(vars.length);
  });

  test('a socket gateway gets its QOP and both security switches; an HTTPS one SPNEGO and doAs', () => {
    const socket = socketGatewayProps('/k', 'auth-conf');
    expect(socket['hbase.thrift.security.qop']).toBe('auth-conf');
    expect(socket['hbase.security.authentication']).toBe('kerberos');
    expect(socket['hadoop.security.authentication']).toBe('kerberos');
    const https = spnegoGatewayProps('/k');
    expect(https['hbase.thrift.spnego.keytab.file']).toBe('/k/HTTP_localhost.keytab');
    expect(https['hbase.thrift.support.proxyuser']).toBe(true);
    expect(https['hbase.thrift.security.qop']).toBeUndefined();
  });

  test('readiness reads only the log of the latest start', () => {
    const file = join(tmp(), 'auth.log');
    writeFileSync(file, `${logSeparator('auth')}\nlistening now\n${logSeparator('auth')}\nstarting\n`);
    expect(logHasLine(file, 'auth', 'listening now')).toBe(false);
    expect(logHasLine(file, 'auth', 'starting')).toBe(true);
  });

  test('env.sh quotes every value for the shell', () => {
    expect(shellExports({ A: "it's", B: '/x y' })).toBe(`export A='it'\\''s'\nexport B='/x y'\n`);
  });
});
