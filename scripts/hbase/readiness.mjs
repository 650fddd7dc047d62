// When is the local HBase ready? Two gates: the master says it finished initializing, and every
// gateway answers a real getTableNames (thrift2: listNamespaces, see thrift-probe.mjs). Also notices a
// JVM dying mid-start instead of waiting it out.
import { readFileSync } from 'node:fs';
import { endpoint, GATEWAYS } from './config.mjs';
import { livePid, logFile } from './processes.mjs';
import { probeGateway } from './thrift-probe.mjs';

const PROBE_INTERVAL_MS = 1000;
export const PROBE_TIMEOUT_MS = 5000;
const fail = (code, message, extra = {}) => Object.assign(new Error(message), { code, ...extra });

/** probeGateway options for one of our gateways (TLS verified against our generated CA). */
export function probeOpts(cfg, name, port) {
  const ep = endpoint(cfg, name, port);
  return { ...ep, tls: ep.tls ? { caFile: cfg.tls.caPem } : false };
}

// getTableNames starts succeeding once hbase:meta is open, a few seconds BEFORE the master finishes
// initializing (namespaces not created yet; createTable would stall in PleaseHoldException retries).
// No read-only Thrift1 call waits for that, so the master's own log line is the second gate.
const MASTER_READY_LINE = 'Master has completed initialization';
export function masterInitialized(cfg) {
  try {
    return readFileSync(logFile(cfg, 'master'), 'utf8').includes(MASTER_READY_LINE);
  } catch {
    return false;
  }
}

// thrift2's probe (listNamespaces) is a master call: before the master is initialized the gateway's
// HBase client keeps retrying and the probe just runs into its timeout (seen: 5 s, then success on
// the next probe), delaying readiness by up to PROBE_TIMEOUT_MS + PROBE_INTERVAL_MS. So it is probed
// only once the master is up; the master gate has to pass anyway.
const needsMaster = (name) => GATEWAYS[name].api === 'thrift2';

/**
 * Waits until the master reports initialization and every gateway in `names` answers its probe.
 * Each gateway is probed on its own cadence (one probe in flight, 1 s apart), so a probe stuck until
 * its timeout never delays the others. Fails at once if one of our JVMs dies (exit events of the
 * `children` spawned by this call; pid files for processes already running), or at the deadline.
 * Resolves to {masterMs, readyMs: {gateway: ms}}, measured from t0; rejects with err.logs = names
 * whose logs explain the failure.
 */
export async function waitReady(cfg, names, children, t0, log) {
  const deadline = t0 + cfg.startTimeoutMs;
  const gw = Object.fromEntries(names.map((n) => [n, { ok: false, inflight: false, nextAt: 0, last: null }]));
  const readyMs = {};
  let masterMs = masterInitialized(cfg) ? 0 : null;
  const deathOf = () =>
    ['master', ...names].find((n) => (children[n] ? children[n].exitInfo !== null : !livePid(cfg, n)));
  let wake = () => {};
  const onExit = () => wake();
  for (const c of Object.values(children)) c.on('exit', onExit);
  try {
    for (;;) {
      const dead = deathOf();
      if (dead) {
        const info = children[dead]?.exitInfo;
        const how = info
          ? (info.error ?? (info.signal ? `signal ${info.signal}` : `exit code ${info.code}`))
          : 'process gone';
        throw fail('EHBASESTART', `${dead} died during start-up (${how})`, { logs: [dead] });
      }
      if (masterMs === null && masterInitialized(cfg)) {
        masterMs = Date.now() - t0;
        log(`  master initialized after ${(masterMs / 1000).toFixed(1)}s`);
      }
      if (masterMs !== null && names.every((n) => gw[n].ok)) return { masterMs, readyMs };
      const now = Date.now();
      if (now >= deadline) {
        const why = [
          masterMs === null ? 'master: not initialized' : null,
          ...names.filter((n) => !gw[n].ok).map((n) => `${n}: ${gw[n].last?.message ?? 'not probed yet'}`),
        ].filter(Boolean);
        throw fail('EHBASETIMEOUT', `not ready after ${cfg.startTimeoutMs / 1000}s (${why.join('; ')})`, {
          logs: ['master', ...names.filter((n) => !gw[n].ok)],
        });
      }
      for (const n of names) {
        const g = gw[n];
        if (g.ok || g.inflight || now < g.nextAt || (masterMs === null && needsMaster(n))) continue;
        g.inflight = true;
        probeGateway({
          ...probeOpts(cfg, n),
          timeoutMs: Math.max(500, Math.min(PROBE_TIMEOUT_MS, deadline - now)),
        }).then((r) => {
          Object.assign(g, { inflight: false, last: r, nextAt: Date.now() + PROBE_INTERVAL_MS });
          if (!r.ok) return;
          g.ok = true;
          readyMs[n] = Date.now() - t0;
          log(`  ${n} gateway answering on port ${cfg.ports[n]} after ${(readyMs[n] / 1000).toFixed(1)}s`);
        });
      }
      await new Promise((r) => {
        wake = r;
        setTimeout(r, 250);
      });
    }
  } finally {
    for (const c of Object.values(children)) c.off('exit', onExit);
  }
}
