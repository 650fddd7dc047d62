// Self-signed TLS identity for the https gateway, made once with the JDK's keytool. The certificate
// is exported as PEM (.hbase/tls/ca.pem) so clients can trust it instead of disabling verification.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';

export function ensureKeystore(cfg, log = () => {}) {
  const { keystore, caPem, password } = cfg.tls;
  if (existsSync(keystore) && existsSync(caPem)) return;
  mkdirSync(cfg.dirs.tls, { recursive: true });
  rmSync(keystore, { force: true });
  rmSync(caPem, { force: true });
  log('generating a self-signed TLS keystore for the https gateway...');
  const run = (args) => {
    try {
      execFileSync(cfg.keytool, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        encoding: 'utf8',
      });
    } catch (e) {
      throw Object.assign(new Error(`keytool ${args[0]} failed: ${(e.stderr || e.message).trim()}`), {
        code: 'EHBASETLS',
      });
    }
  };
  // PKCS12 requires the key password to equal the store password.
  run([
    '-genkeypair',
    '-alias',
    'hbase-thrift',
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-validity',
    '3650',
    '-dname',
    'CN=localhost',
    '-ext',
    'SAN=dns:localhost,ip:127.0.0.1',
    '-storetype',
    'PKCS12',
    '-keystore',
    keystore,
    '-storepass',
    password,
    '-keypass',
    password,
  ]);
  run([
    '-exportcert',
    '-rfc',
    '-alias',
    'hbase-thrift',
    '-keystore',
    keystore,
    '-storetype',
    'PKCS12',
    '-storepass',
    password,
    '-file',
    caPem,
  ]);
}
