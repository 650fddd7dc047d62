// Jest global setup of the integration-secure project: start the Kerberized instance (or reuse the
// one running in HBASE_SECURE_DIR / .hbase-secure/), export its environment (KRB5_CONFIG, keytab
// folder, CA, ports) to the test workers, and remember to stop it in secure-global-teardown.mjs.
import { startSecure } from '../../scripts/hbase/secure.mjs';

export default async function globalSetup() {
  const log = (message) => process.stdout.write(`[hbase-secure] ${message}\n`);
  const { alreadyRunning, env } = await startSecure({ log });
  Object.assign(process.env, env);
  globalThis.__HBASE_SECURE_STARTED_BY_TESTS__ = !alreadyRunning;
}
