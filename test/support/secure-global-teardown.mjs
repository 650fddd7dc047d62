// Stops the secure instance if secure-global-setup.mjs started it.
import { stopSecure } from '../../scripts/hbase/secure.mjs';

export default async function globalTeardown() {
  if (globalThis.__HBASE_SECURE_STARTED_BY_TESTS__) {
    process.stdout.write('[hbase-secure] stopping the secure HBase started for these tests\n');
    await stopSecure();
  }
}
