import { join } from 'node:path';
import { REALM } from './realm';
import type { SecureInstanceRecord } from './secure-record';

/**
 * @internal What a test (or a person in a shell) needs to use the secure instance, as environment
 * variables: the krb5.conf (`KRB5_CONFIG`, read by MIT's tools and the client's GSS-API library),
 * the keytab folder, the realm, the TLS CA of the HTTPS gateways and every port.
 */
export function secureEnv(record: SecureInstanceRecord): Record<string, string> {
  const env: Record<string, string> = {
    KRB5_CONFIG: record.krb5Conf,
    HBASE_SECURE_DIR: record.dir,
    HBASE_SECURE_REALM: REALM,
    HBASE_SECURE_KEYTABS: record.keytabDir,
    HBASE_SECURE_CA: join(record.dir, 'tls', 'ca.pem'),
  };
  for (const [name, { env: variable }] of Object.entries(record.portEnv))
    env[variable] = String(record.ports[name]);
  return env;
}

/** @internal `secureEnv` as `export` lines for a shell (`. .hbase-secure/env.sh`). */
export const shellExports = (env: Record<string, string>): string =>
  `${Object.entries(env)
    .map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`)
    .join('\n')}\n`;
