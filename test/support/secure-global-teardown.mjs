// Stops the secure instance if secure-global-setup.mjs started it, and drops the suites' tickets.
import { rmSync } from 'node:fs';
import { stopSecure } from '../../scripts/hbase/secure.mjs';

export default async function globalTeardown() {
  const collection = globalThis.__HBASE_SECURE_CCACHE_DIR__;
  if (collection) rmSync(collection, { recursive: true, force: true });
  if (globalThis.__HBASE_SECURE_STARTED_BY_TESTS__) {
    process.stdout.write('[hbase-secure] stopping the secure HBase started for these tests\n');
    await stopSecure();
  }
}
