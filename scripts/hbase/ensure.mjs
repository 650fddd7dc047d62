// Shared by the test setup, the example and docs runners and the benchmarks: use the gateways
// that answer where the environment puts them (HBASE_THRIFT_HOST, the HBASE_THRIFT*_PORT
// variables) when this project's instance does not run, or start the project's local HBase (and
// report that we did, so the caller stops it afterwards).
import {
  GATEWAYS,
  legacyPids,
  missingOutsideGateways,
  parseGatewayList,
  SUITE_GATEWAYS,
  startHBase,
  status,
  stopHBase,
} from './project.mjs';

/**
 * Makes sure the wanted gateways answer. Outside gateways (answering while the project's instance
 * does not run: another HBase, or one of the scripts before they ran on the kit) are used as they
 * are, when every wanted one answers; never stopped here.
 * @returns {Promise<{ startedByUs: boolean, external: boolean }>}
 */
export async function ensureHBase({ gateways: wanted = ['default'], log = (m) => console.log(m) } = {}) {
  const gateways = parseGatewayList(wanted);
  const legacy = legacyPids();
  const local = await status();
  // Only the legacy instance's JVMs alive (status counts them as orphans): not ours to start beside.
  const oursAlive =
    local.processes.some((p) => p.running) || local.orphans.some((pid) => !legacy.includes(pid));
  if (!oursAlive) {
    const missing = await missingOutsideGateways(gateways);
    const where = gateways.map((g) => `${g}:${process.env[GATEWAYS[g].portEnv] ?? GATEWAYS[g].port}`);
    if (missing.length === 0) {
      const whose = legacy.length
        ? 'the HBase of the scripts before hbase-mapper/testing'
        : 'not started by this project';
      log(
        `using the gateway(s) at ${process.env.HBASE_THRIFT_HOST ?? 'localhost'} (${where.join(', ')}; ${whose})`,
      );
      return { startedByUs: false, external: true };
    }
    // Some answer: an HBase that is not ours holds those ports, starting ours would clash.
    if (legacy.length || missing.length < gateways.length)
      throw Object.assign(
        new Error(
          `gateway(s) ${missing.join(', ')} do not answer at ${process.env.HBASE_THRIFT_HOST ?? 'localhost'} ` +
            `while ${legacy.length ? `an HBase of the scripts before hbase-mapper/testing runs (pids ${legacy.join(', ')})` : 'the others answer there'}: ` +
            (legacy.length
              ? '`npm run hbase:stop` stops it (then the next run starts every gateway)'
              : 'start them on that HBase, or point their port variables at gateways that answer'),
        ),
        { code: 'EHBASEPORT' },
      );
  }
  const started = await startHBase({ gateways: gateways.join(','), log });
  return { startedByUs: !started.alreadyRunning, external: false };
}

export { SUITE_GATEWAYS, stopHBase };
