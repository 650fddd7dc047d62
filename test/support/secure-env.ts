import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the secure suites need of the secure instance: the variables its start exported
 * (test/support/secure-global-setup.mjs puts them in `process.env`), else `env.json` in its folder
 * (`HBASE_SECURE_DIR`, default .hbase-secure/), for a suite run by hand beside a running instance.
 */
export interface SecureTestEnv {
  /** krb5.conf of the instance's realm (what `KRB5_CONFIG` must name for MIT tools and the GSS-API library). */
  krb5Conf: string;
  /** The instance's folder. */
  dir: string;
  /** The realm, `HBASE.TEST`. */
  realm: string;
  /** The folder of the keytabs (`alice.keytab`, `hbase_localhost.keytab`, …). */
  keytabs: string;
  /** PEM of the CA of the HTTPS gateways. */
  ca: string;
  /** The ZooKeeper port (HBase's Java admin finds the cluster by it). */
  zkPort: number;
  /** A port by its variable, e.g. `port('HBASE_SECURE_THRIFT_AUTH_CONF_PORT')`. */
  port(variable: string): number;
}

/** The secure instance's environment; throws when no secure instance was started. */
export function secureTestEnv(): SecureTestEnv {
  let vars: NodeJS.ProcessEnv = process.env;
  if (!vars.HBASE_SECURE_KEYTABS) {
    const dir = vars.HBASE_SECURE_DIR ?? join(__dirname, '../../.hbase-secure');
    const file = join(dir, 'env.json');
    if (!existsSync(file))
      throw new Error(
        'no secure instance: run `npm run hbase:start -- --secure` (or the integration-secure project)',
      );
    vars = { ...JSON.parse(readFileSync(file, 'utf8')), ...process.env };
  }
  const port = (variable: string): number => {
    const n = Number(vars[variable]);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${variable} is not set by the secure instance`);
    return n;
  };
  return {
    krb5Conf: vars.KRB5_CONFIG!,
    dir: vars.HBASE_SECURE_DIR!,
    realm: vars.HBASE_SECURE_REALM!,
    keytabs: vars.HBASE_SECURE_KEYTABS!,
    ca: vars.HBASE_SECURE_CA!,
    zkPort: port('HBASE_SECURE_ZK_PORT'),
    port,
  };
}
