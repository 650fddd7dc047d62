// Jest global setup of the integration project: use the gateway at HBASE_THRIFT_HOST/PORT if one
// answers; otherwise start the project's local HBase with the gateways the suites use, and
// remember to stop it in global-teardown.mjs.
import { ensureHBase, SUITE_GATEWAYS } from '../../scripts/hbase/ensure.mjs';

export default async function globalSetup() {
  const log = (message) => process.stdout.write(`[hbase] ${message}\n`);
  const { startedByUs } = await ensureHBase({
    gateways: SUITE_GATEWAYS,
    log,
  });
  globalThis.__HBASE_STARTED_BY_TESTS__ = startedByUs;
}
