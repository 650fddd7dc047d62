// Jest global setup of the integration-secure project: start the Kerberized instance (or reuse the
// one running in HBASE_SECURE_DIR / .hbase-secure/), export its environment (KRB5_CONFIG, keytab
// folder, CA, ports) to the test workers, and remember to stop it in secure-global-teardown.mjs.
// The workers also get a credential cache collection of their own (KRB5CCNAME=DIR:…, a private
// temporary folder): MIT Kerberos reads KRB5CCNAME from the process's real environment, which only
// a variable set before the workers start reaches, and the suites' tickets never touch the user's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSecure } from '../../scripts/hbase/secure.mjs';

export default async function globalSetup() {
  const log = (message) => process.stdout.write(`[hbase-secure] ${message}\n`);
  const { alreadyRunning, env } = await startSecure({ log });
  Object.assign(process.env, env);
  // One collection for the run: the secure and secure-legacy projects both run this setup.
  const collection =
    globalThis.__HBASE_SECURE_CCACHE_DIR__ ?? mkdtempSync(join(tmpdir(), 'hbase-mapper-ccache-')); // 0700
  process.env.KRB5CCNAME = `DIR:${collection}`;
  globalThis.__HBASE_SECURE_CCACHE_DIR__ = collection;
  globalThis.__HBASE_SECURE_STARTED_BY_TESTS__ ||= !alreadyRunning;
}
