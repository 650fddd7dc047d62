// Stops the local HBase if global-setup.mjs started it.
import { stopHBase } from '../../scripts/hbase/ensure.mjs';

export default async function globalTeardown() {
  if (globalThis.__HBASE_STARTED_BY_TESTS__) {
    await stopHBase({ log: (message) => process.stdout.write(`[hbase] ${message}\n`) });
  }
}
