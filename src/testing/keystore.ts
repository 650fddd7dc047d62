import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LocalHBaseError } from './errors';
import type { KeystoreFiles } from './site-config';

// A throwaway self-signed identity for 127.0.0.1: the password protects nothing of value.
const PASSWORD = 'hbase-mapper-testing';

function keytool(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      reject(new LocalHBaseError(`keytool ${args[0]} failed: ${String(stderr).trim() || error.message}`));
    });
  });
}

/**
 * @internal The keystore of the https gateways and its certificate as PEM (to trust), made once
 * with the JDK's keytool in `<cache>/tls/`: made in a folder of its own, then renamed, so starts
 * running at once never see half of it.
 */
export async function ensureKeystore(
  cacheDir: string,
  keytoolCommand: string,
): Promise<KeystoreFiles & { caPem: string }> {
  const dir = join(cacheDir, 'tls');
  // Not `keystore.p12`: the one scripts/hbase made in `.hbase/tls/` before it ran on this kit has
  // another password; a folder holding only that one is made anew.
  const files = { keystore: join(dir, 'thrift.p12'), password: PASSWORD };
  const pemFile = join(dir, 'ca.pem');
  if (!existsSync(files.keystore) || !existsSync(pemFile)) {
    const work = `${dir}.${process.pid}.tmp`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const store = ['-keystore', join(work, 'thrift.p12'), '-storetype', 'PKCS12', '-storepass', PASSWORD];
    // PKCS12 wants the key's password to be the store's.
    await keytool(keytoolCommand, [
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
      '-keypass',
      PASSWORD,
      ...store,
    ]);
    await keytool(keytoolCommand, [
      '-exportcert',
      '-rfc',
      '-alias',
      'hbase-thrift',
      '-file',
      join(work, 'ca.pem'),
      ...store,
    ]);
    // A folder left incomplete (a start killed while renaming) is replaced; a complete one made
    // meanwhile by another start is used as it is.
    if (!existsSync(files.keystore) || !existsSync(pemFile)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return { ...files, caPem: readFileSync(pemFile, 'utf8') };
}
