// Public API for a local standalone HBase with Thrift gateways (used by cli.mjs and jest globalSetup).
// One HMaster JVM (ZooKeeper + master + region server) and one JVM per gateway, all state in .hbase/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveClasspath } from './classpath.mjs';
import { writeConfDir } from './conf-files.mjs';
import { DEFAULT_GATEWAYS, endpoint, GATEWAYS, resolveConfig, SUITE_GATEWAYS } from './config.mjs';
import { ensureKeystore } from './keystore.mjs';
import { acquireLock } from './lock.mjs';
import { takenPorts } from './ports.mjs';
import { findOurProcesses, livePid, logFile, pidFile, spawnJvm, stopProcess, tailLog } from './processes.mjs';
import { masterInitialized, PROBE_TIMEOUT_MS, probeOpts, waitReady } from './readiness.mjs';
import { probeGateway } from './thrift-probe.mjs';

export { DEFAULT_GATEWAYS, GATEWAYS, probeGateway, resolveConfig, SUITE_GATEWAYS };

const MASTER_MAIN = 'org.apache.hadoop.hbase.master.HMaster';
// thrift2.ThriftServer extends the Thrift1 server (same options, same hbase-site keys) and only swaps
// the processor, so both take the same arguments.
const THRIFT_MAIN = {
  thrift1: 'org.apache.hadoop.hbase.thrift.ThriftServer',
  thrift2: 'org.apache.hadoop.hbase.thrift2.ThriftServer',
};
// Every TLS gateway (https, thrift2-https) serves the same self-signed keystore, so one CA file
// (.hbase/tls/ca.pem) verifies them all.
const usesTls = (name) => GATEWAYS[name].tls;
const rel = (p) => relative(process.cwd(), p) || '.';
const fail = (code, message, extra = {}) => Object.assign(new Error(message), { code, ...extra });

// run/instance.json remembers the ports and gateways of the running instance, so status/stop and a
// second start use what is actually running, whatever the env says now.
const instanceFile = (cfg) => join(cfg.dirs.run, 'instance.json');
function readInstance(cfg) {
  try {
    return JSON.parse(readFileSync(instanceFile(cfg), 'utf8'));
  } catch {
    return null;
  }
}
function writeInstance(cfg, data) {
  mkdirSync(cfg.dirs.run, { recursive: true });
  writeFileSync(instanceFile(cfg), `${JSON.stringify(data, null, 2)}\n`);
}

function printFailure(cfg, err, log) {
  for (const n of err.logs ?? []) {
    log(`---- last 60 lines of ${rel(logFile(cfg, n))} ----`);
    log(tailLog(logFile(cfg, n), 60));
  }
}

function spawnGateway(cfg, name, classpath) {
  const confDir = writeConfDir(cfg, name);
  const typeArgs = GATEWAYS[name].transport === 'http' ? [] : ['-threadpool'];
  return spawnJvm(cfg, {
    name,
    mainClass: THRIFT_MAIN[GATEWAYS[name].api],
    confDir,
    classpath,
    heap: cfg.gatewayHeap,
    args: ['-p', String(cfg.ports[name]), ...typeArgs, 'start'],
  });
}

async function assertPortsFree(wanted) {
  const taken = await takenPorts(wanted);
  if (taken.length) {
    const list = taken.map((t) => `  port ${t.port} (${t.name}) is in use by ${t.owner}`).join('\n');
    throw fail(
      'EHBASEPORT',
      `cannot start HBase, port(s) already taken by something that is not this project's HBase:\n${list}\n` +
        'Stop that process or choose other ports (HBASE_ZK_PORT, HBASE_MASTER_PORT, HBASE_REGIONSERVER_PORT, ' +
        `${Object.values(GATEWAYS)
          .map((g) => g.portEnv)
          .join(', ')}).`,
      { ports: taken },
    );
  }
}

function result(cfg, extra) {
  const gateways = Object.fromEntries(cfg.gateways.map((n) => [n, endpoint(cfg, n)]));
  return { gateways, logsDir: cfg.dirs.logs, caFile: cfg.tls.caPem, zkPort: cfg.ports.zk, ...extra };
}

/**
 * Starts HBase and the requested gateways, or reuses the running instance (starting only missing
 * gateways). Resolves once the master has finished initializing and every requested gateway answers
 * getTableNames (thrift2: listNamespaces). On failure, prints the relevant log tails, stops what this
 * call started, rejects.
 * @param {object} [opts]
 * @param {string[]|string} [opts.gateways]  subset of default,framed,https,http,idle,thrift2,thrift2-framed,
 *   thrift2-https, thrift2-http (env HBASE_GATEWAYS; default, and `all`: default,framed,https; the others start only when named)
 * @param {number} [opts.timeoutSec]  readiness bound (env HBASE_START_TIMEOUT; default 240)
 * @param {object} [opts.ports]  {zk, master, regionserver, default, framed, https, http, idle, thrift2,
 *   'thrift2-framed', 'thrift2-https', 'thrift2-http'} overriding env
 * @param {(msg:string)=>void} [opts.log]  progress output (default console.log)
 * @returns {Promise<{alreadyRunning:boolean (the master was running before; gateways may have been added), gateways:Record<string,{host,port,transport,protocol,tls,api,caFile?}>,
 *   logsDir:string, caFile:string, zkPort:number,
 *   timings:{totalMs:number, masterMs:number, readyMs:Record<string,number>}}>}  (ms since the call began)
 * @throws Error with code EHBASEPORT | EHBASESTART | EHBASETIMEOUT | EHBASEBUSY | EHBASECONFIG | EHBASECLASSPATH | EHBASETLS
 */
export async function startHBase(opts = {}) {
  const cfg = resolveConfig(opts);
  const log = opts.log ?? ((m) => console.log(m));
  const release = await acquireLock(cfg, { waitMs: cfg.startTimeoutMs, log });
  try {
    return await startLocked(cfg, log);
  } finally {
    release();
  }
}

async function startLocked(cfg, log) {
  const t0 = Date.now();
  const instance = readInstance(cfg);
  const masterPid = livePid(cfg, 'master');
  const children = {};
  let fresh = false;
  try {
    let toStart;
    if (masterPid && instance) {
      // Reuse: ports of running parts come from the instance record.
      for (const k of ['zk', 'master', 'regionserver']) {
        if (cfg.ports[k] !== instance.ports[k])
          log(
            `note: running instance uses ${k} port ${instance.ports[k]} (requested ${cfg.ports[k]}); stop it to change ports`,
          );
        cfg.ports[k] = instance.ports[k];
      }
      for (const n of instance.gateways) if (livePid(cfg, n)) cfg.ports[n] = instance.ports[n];
      toStart = cfg.gateways.filter((n) => !livePid(cfg, n));
      if (!toStart.length) {
        const probes = await Promise.all(
          cfg.gateways.map((n) => probeGateway({ ...probeOpts(cfg, n), timeoutMs: PROBE_TIMEOUT_MS })),
        );
        if (probes.every((p) => p.ok) && masterInitialized(cfg)) {
          log(
            `HBase is already running (master pid ${masterPid}; gateways ${cfg.gateways.map((n) => `${n}:${cfg.ports[n]}`).join(', ')}).`,
          );
          log(`logs: ${rel(cfg.dirs.logs)}/`);
          return result(cfg, {
            alreadyRunning: true,
            timings: { totalMs: Date.now() - t0, masterMs: 0, readyMs: {} },
          });
        }
        log('HBase processes are running but not answering yet; waiting...');
      } else {
        await assertPortsFree(Object.fromEntries(toStart.map((n) => [n, cfg.ports[n]])));
        const classpath = resolveClasspath(cfg, log);
        if (toStart.some(usesTls)) ensureKeystore(cfg, log);
        for (const n of toStart) children[n] = spawnGateway(cfg, n, classpath);
        log(`HBase already running (master pid ${masterPid}); started gateway(s) ${toStart.join(', ')}.`);
      }
      writeInstance(cfg, {
        ...instance,
        ports: { ...instance.ports, ...cfg.ports },
        gateways: [...new Set([...instance.gateways, ...cfg.gateways])],
      });
    } else {
      fresh = true;
      // Anything of ours still around (gateways without a master, orphans without pid files) is stale.
      for (const p of findOurProcesses(cfg)) {
        log(`stopping stale ${p.name} (pid ${p.pid})`);
        await stopProcess(cfg, p.name, { pid: p.pid, graceMs: 5000 });
      }
      for (const n of ['master', ...Object.keys(GATEWAYS)]) rmSync(pidFile(cfg, n), { force: true });
      rmSync(instanceFile(cfg), { force: true }); // (not the whole run/ dir: our lock lives there)
      const wanted = {
        zookeeper: cfg.ports.zk,
        master: cfg.ports.master,
        regionserver: cfg.ports.regionserver,
      };
      for (const n of cfg.gateways) wanted[`${n} gateway`] = cfg.ports[n];
      await assertPortsFree(wanted);
      const classpath = resolveClasspath(cfg, log);
      if (cfg.gateways.some(usesTls)) ensureKeystore(cfg, log);
      rmSync(cfg.dirs.data, { recursive: true, force: true }); // fresh data on every start
      mkdirSync(cfg.dirs.data, { recursive: true });
      log(
        `starting HBase (zk ${cfg.ports.zk}, master ${cfg.ports.master}, regionserver ${cfg.ports.regionserver}) ` +
          `and gateway(s) ${cfg.gateways.map((n) => `${n}:${cfg.ports[n]}`).join(', ')}`,
      );
      children.master = spawnJvm(cfg, {
        name: 'master',
        mainClass: MASTER_MAIN,
        confDir: writeConfDir(cfg, 'master'),
        classpath,
        heap: cfg.masterHeap,
        args: ['start'],
      });
      // Gateways start right away: their JVM start-up overlaps the master's, and they retry ZK.
      for (const n of cfg.gateways) children[n] = spawnGateway(cfg, n, classpath);
      writeInstance(cfg, { ports: cfg.ports, gateways: cfg.gateways, startedAt: new Date().toISOString() });
      log(`logs: ${rel(cfg.dirs.logs)}/ (master.log, ${cfg.gateways.map((n) => `${n}.log`).join(', ')})`);
    }
    const { masterMs, readyMs } = await waitReady(cfg, cfg.gateways, children, t0, log);
    const totalMs = Date.now() - t0;
    log(`HBase ready in ${(totalMs / 1000).toFixed(1)}s.`);
    // Gateways added to a running HBase do not make it ours: whoever started it stops it.
    return result(cfg, { alreadyRunning: !fresh, timings: { totalMs, masterMs, readyMs } });
  } catch (err) {
    printFailure(cfg, err, log);
    const mine = Object.keys(children);
    if (mine.length) {
      log(`stopping what this start launched: ${mine.join(', ')}`);
      await Promise.all(
        mine.filter((n) => n !== 'master').map((n) => stopProcess(cfg, n, { graceMs: 5000 }).catch(() => {})),
      );
      if (children.master) await stopProcess(cfg, 'master', { graceMs: 5000 }).catch(() => {});
      if (fresh) rmSync(instanceFile(cfg), { force: true });
    }
    throw err;
  }
}

/**
 * Stops every process of ours (gateways first, then the master). Never touches other processes.
 * @returns {Promise<Record<string,'stopped'|'killed'|'not-running'|'not-ours'>>}
 */
export async function stopHBase(opts = {}) {
  const cfg = resolveConfig({ gateways: 'all' });
  const log = opts.log ?? ((m) => console.log(m));
  const release = await acquireLock(cfg, { waitMs: cfg.startTimeoutMs, log });
  try {
    const outcome = {};
    const gw = Object.keys(GATEWAYS);
    await Promise.all(
      gw.map(async (n) => {
        outcome[n] = await stopProcess(cfg, n, { graceMs: 10_000 });
      }),
    );
    outcome.master = await stopProcess(cfg, 'master', { graceMs: 30_000 });
    // Safety net: orphans carrying our marker but lacking a pid file.
    for (const p of findOurProcesses(cfg))
      outcome[`${p.name}#${p.pid}`] = await stopProcess(cfg, p.name, { pid: p.pid, graceMs: 10_000 });
    rmSync(instanceFile(cfg), { force: true });
    const say = {
      stopped: 'stopped',
      killed: 'killed (did not stop within the grace period)',
      'not-ours': 'pid file pointed at a process that is not ours; left it alone, removed the pid file',
    };
    for (const [n, r] of Object.entries(outcome)) if (r !== 'not-running') log(`${n}: ${say[r]}`);
    if (Object.values(outcome).every((r) => r === 'not-running')) log('HBase was not running.');
    return outcome;
  } finally {
    release();
  }
}

/**
 * Reports each process. state: 'running' (master + every gateway of the instance up and answering),
 * 'stopped' (nothing of ours alive), 'partial' (anything else). Optional gateways (http, idle and the
 * thrift2 ones) are listed only when running or part of the instance.
 * @returns {Promise<{state:'running'|'stopped'|'partial', processes:Array<{name:string, running:boolean, pid:number|null,
 *   port:number, expected:boolean, probe?:object}>, logsDir:string}>}
 */
export async function status() {
  const cfg = resolveConfig({ gateways: 'all' });
  const instance = readInstance(cfg);
  if (instance) Object.assign(cfg.ports, instance.ports);
  const processes = [];
  const masterPid = livePid(cfg, 'master');
  processes.push({
    name: 'master',
    running: Boolean(masterPid),
    pid: masterPid,
    port: cfg.ports.master,
    zkPort: cfg.ports.zk,
    expected: true,
    initialized: Boolean(masterPid) && masterInitialized(cfg),
  });
  await Promise.all(
    Object.keys(GATEWAYS).map(async (n) => {
      const pid = livePid(cfg, n);
      const entry = {
        name: n,
        running: Boolean(pid),
        pid,
        port: cfg.ports[n],
        expected: Boolean(pid) || Boolean(instance?.gateways.includes(n)),
      };
      if (GATEWAYS[n].optional && !entry.expected) return;
      if (pid) entry.probe = await probeGateway({ ...probeOpts(cfg, n), timeoutMs: PROBE_TIMEOUT_MS });
      processes.push(entry);
    }),
  );
  const order = ['master', ...Object.keys(GATEWAYS)];
  processes.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const expected = processes.filter((p) => p.expected);
  const up = (p) => p.running && (p.name === 'master' ? p.initialized : p.probe?.ok);
  const state = expected.every(up) ? 'running' : processes.some((p) => p.running) ? 'partial' : 'stopped';
  return { state, processes, logsDir: cfg.dirs.logs };
}

/**
 * Connection details of every known gateway, optional ones included (ports of the running instance
 * if any, else from env), for test files that run apart from globalSetup. Does not check that
 * anything is running. `api` is 'thrift1' or 'thrift2' (the thrift2 gateways serve another IDL).
 * @returns {Record<string,{name,host,port,transport,protocol,tls,api,caFile?}>}
 */
export function gatewayEndpoints() {
  const cfg = resolveConfig({ gateways: 'all' });
  const instance = readInstance(cfg);
  if (instance) Object.assign(cfg.ports, instance.ports);
  return Object.fromEntries(Object.keys(GATEWAYS).map((n) => [n, endpoint(cfg, n)]));
}
