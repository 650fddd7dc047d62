// Shared by the test setup, the example and docs runners and the benchmarks: use the gateway that
// answers at HBASE_THRIFT_HOST:HBASE_THRIFT_PORT, or start the project's local HBase (and report
// that we did, so the caller stops it afterwards).
import { probeOutsideGateway, SUITE_GATEWAYS, startHBase, status, stopHBase } from './project.mjs';

/**
 * Makes sure the wanted gateways answer. An outside gateway (one answering on the default port
 * while our local HBase is not running) is used as it is.
 * @returns {Promise<{ startedByUs: boolean, external: boolean }>}
 */
export async function ensureHBase({ gateways = ['default'], log = (m) => console.log(m) } = {}) {
  const host = process.env.HBASE_THRIFT_HOST ?? 'localhost';
  const port = Number(process.env.HBASE_THRIFT_PORT ?? 9090);
  const local = await status();
  if (local.state === 'stopped' && (await probeOutsideGateway(host, port)) === undefined) {
    log(`using the Thrift1 gateway at ${host}:${port} (not started by this project)`);
    return { startedByUs: false, external: true };
  }
  const started = await startHBase({ gateways: gateways.join(','), log });
  return { startedByUs: !started.alreadyRunning, external: false };
}

export { SUITE_GATEWAYS, stopHBase };
