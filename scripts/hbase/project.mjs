// The project's own HBase, run by hbase-mapper/testing (src/testing/project-instance.ts) straight
// from its TypeScript sources (transpiled on the fly, so it works before `npm run build`): this file
// only maps the project's gateway names, ports and environment variables onto it, and prints.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('../../test/support/ts-register-cached.cjs');
const kit = require('../../src/testing/project-instance.ts');
const { GatewayPortChangedError } = kit;
const { PortTakenError } = require('../../src/testing/errors.ts');
const { LockBusyError } = require('../../src/testing/lock.ts');
const { probeGateway } = require('../../src/testing/readiness.ts');
const { GATEWAY_SPECS } = require('../../src/testing/gateways.ts');
const { InvalidArgumentError } = require('../../src/client/errors/index.ts');

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The instance's folder: its record, logs, data, configuration, classpath and TLS files. */
export const STATE_DIR = join(REPO_ROOT, '.hbase');
const KEY = 'project';

// The gateways by the names the suites and the docs use, each a kind of the kit's, on a fixed port.
// `optional` ones start only when named: the default list (and `all`) stays what it always was.
export const GATEWAYS = {
  default: { kind: 'thrift1', portEnv: 'HBASE_THRIFT_PORT', port: 9090 },
  framed: { kind: 'thrift1-framed', portEnv: 'HBASE_THRIFT_FRAMED_PORT', port: 9091 },
  https: { kind: 'thrift1-https', portEnv: 'HBASE_THRIFT_HTTPS_PORT', port: 9443 },
  http: { kind: 'thrift1-http', portEnv: 'HBASE_THRIFT_HTTP_PORT', port: 9080, optional: true },
  // Closes client sockets idle for a short time; the fault tests kill and restart it (no other
  // suite uses it).
  idle: { kind: 'thrift1', portEnv: 'HBASE_THRIFT_IDLE_PORT', port: 9094, optional: true },
  thrift2: { kind: 'thrift2', portEnv: 'HBASE_THRIFT2_PORT', port: 9092, optional: true },
  'thrift2-framed': {
    kind: 'thrift2-framed',
    portEnv: 'HBASE_THRIFT2_FRAMED_PORT',
    port: 9093,
    optional: true,
  },
  'thrift2-https': { kind: 'thrift2-https', portEnv: 'HBASE_THRIFT2_HTTPS_PORT', port: 9444, optional: true },
  'thrift2-http': { kind: 'thrift2-http', portEnv: 'HBASE_THRIFT2_HTTP_PORT', port: 9081, optional: true },
  // Twins of `default` and `thrift2`: the scale-out suites spread one pool over two gateways of
  // the same API and kill one of them mid-scan.
  second: { kind: 'thrift1', portEnv: 'HBASE_THRIFT_SECOND_PORT', port: 9095, optional: true },
  'thrift2-second': { kind: 'thrift2', portEnv: 'HBASE_THRIFT2_SECOND_PORT', port: 9096, optional: true },
};

/** What an empty gateway list and `all` mean: every gateway that is not optional. */
export const DEFAULT_GATEWAYS = Object.keys(GATEWAYS).filter((n) => !GATEWAYS[n].optional);

/** Every gateway the integration suites use: what jest's global setup, `npm test` and CI start. */
export const SUITE_GATEWAYS = [
  'default',
  'framed',
  'https',
  'http',
  'thrift2',
  'idle',
  'thrift2-framed',
  'thrift2-https',
  'thrift2-http',
  'second',
  'thrift2-second',
];

const MASTER_PORTS = {
  zookeeper: { env: 'HBASE_ZK_PORT', port: 2181 },
  master: { env: 'HBASE_MASTER_PORT', port: 16000 },
  regionServer: { env: 'HBASE_REGIONSERVER_PORT', port: 16020 },
};

export class ConfigError extends Error {
  constructor(message) {
    super(message);
    this.code = 'EHBASECONFIG';
  }
}

function portFrom(env, name, fallback) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ConfigError(`${name} is not a valid TCP port`);
  return n;
}

/** What `all` and `suites` stand for inside a gateway list (`suites,idle` is their union). */
const GROUPS = { all: DEFAULT_GATEWAYS, suites: SUITE_GATEWAYS };

export function parseGatewayList(value) {
  if (value === undefined || value === null || value === '') return [...DEFAULT_GATEWAYS];
  const list = (Array.isArray(value) ? value : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
  // The names echoed are the user's own gateway list, never data: they say which entry is wrong.
  const unknown = list.filter((g) => !GATEWAYS[g] && !GROUPS[g]);
  if (unknown.length)
    throw new ConfigError(
      `unknown gateway(s) ${unknown.join(', ')} (known: ${Object.keys(GATEWAYS).join(', ')}, all, suites)`,
    );
  if (!list.length)
    throw new ConfigError('at least one gateway is needed (readiness is probed through a gateway)');
  return [...new Set(list.flatMap((g) => GROUPS[g] ?? [g]))];
}

function positiveNumber(env, name, fallback, unit) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigError(`${name} must be a positive number of ${unit}`);
  return n;
}

/** The longest start bound (the kit's: one hour), in seconds. */
export const MAX_START_TIMEOUT_SEC = 3600;

/** The kit's options from `opts` (`gateways`, `timeoutSec`), then the environment, then defaults. */
function resolveConfig(opts = {}, env = process.env) {
  const gateways = parseGatewayList(opts.gateways ?? env.HBASE_GATEWAYS);
  const timeoutSec = opts.timeoutSec ?? positiveNumber(env, 'HBASE_START_TIMEOUT', 240, 'seconds');
  if (!(timeoutSec >= 1 && timeoutSec <= MAX_START_TIMEOUT_SEC))
    throw new ConfigError(
      `${opts.timeoutSec === undefined ? 'HBASE_START_TIMEOUT' : 'timeoutSec'} takes seconds, from 1 to ${MAX_START_TIMEOUT_SEC}`,
    );
  const mavenTimeoutSec = positiveNumber(env, 'HBASE_MVN_TIMEOUT', undefined, 'seconds');
  const ports = Object.fromEntries(
    Object.entries(MASTER_PORTS).map(([k, { env: name, port }]) => [k, portFrom(env, name, port)]),
  );
  const idleMs = positiveNumber(env, 'HBASE_THRIFT_IDLE_TIMEOUT_MS', 1500, 'milliseconds');
  if (!Number.isInteger(idleMs))
    throw new ConfigError('HBASE_THRIFT_IDLE_TIMEOUT_MS must be a whole number of milliseconds');
  const descriptors = gateways.map((name) => ({
    name,
    kind: GATEWAYS[name].kind,
    port: portFrom(env, GATEWAYS[name].portEnv, GATEWAYS[name].port),
    // The thread-pool server drops a client socket after this long without a request (default 60 s).
    ...(name === 'idle' ? { siteProperties: { 'hbase.thrift.server.socket.read.timeout': idleMs } } : {}),
  }));
  // Clashes only among the ports this start uses: an optional gateway's default port must not turn
  // e.g. HBASE_THRIFT_PORT=9092 into an error for someone who never starts thrift2.
  const owners = {};
  for (const [k, port] of [...Object.entries(ports), ...descriptors.map((d) => [d.name, d.port])])
    owners[port] = [...(owners[port] ?? []), k];
  const dup = Object.entries(owners).find(([, o]) => o.length > 1);
  if (dup) throw new ConfigError(`port ${dup[0]} is configured for both ${dup[1].join(' and ')}`);
  return {
    stateDir: STATE_DIR,
    key: KEY,
    gateways: descriptors,
    ports,
    masterHeap: env.HBASE_MASTER_HEAP ?? '1500m',
    gatewayHeap: env.HBASE_THRIFT_HEAP ?? '512m',
    startTimeout: Math.round(timeoutSec * 1000),
    mavenTimeout: mavenTimeoutSec === undefined ? undefined : Math.round(mavenTimeoutSec * 1000),
  };
}

const rel = (p) => relative(process.cwd(), p) || '.';
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

// JVMs of the scripts before they ran on the kit carry -Dlocal.hbase.home=<.hbase>: `status` shows
// them, `stop` stops them, `start` refuses to run beside them (they hold the ports; others may
// still use them, so only an explicit `stop` ends them).
const LEGACY_MARKER = `-Dlocal.hbase.home=${STATE_DIR}`;
export function legacyPids() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(LEGACY_MARKER))
        pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

async function stopLegacy(log) {
  const pids = legacyPids();
  if (!pids.length) return;
  log(
    `stopping the HBase started by the scripts before they ran on hbase-mapper/testing (pids ${pids.join(', ')})`,
  );
  const signal = (sig) => {
    for (const pid of legacyPids()) {
      try {
        process.kill(-pid, sig);
      } catch {
        try {
          process.kill(pid, sig);
        } catch {
          // gone
        }
      }
    }
  };
  signal('SIGTERM');
  for (const [sig, ms] of [
    ['SIGKILL', 30_000],
    [null, 10_000],
  ]) {
    const until = Date.now() + ms;
    while (legacyPids().length && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    if (sig && legacyPids().length) signal(sig);
  }
}

/** Maps the kit's errors onto the scripts' codes (exit codes of cli.mjs). */
function withCode(err) {
  if (err instanceof PortTakenError) {
    err.code = 'EHBASEPORT';
    err.message +=
      '\nStop that process or choose other ports (HBASE_ZK_PORT, HBASE_MASTER_PORT, HBASE_REGIONSERVER_PORT, ' +
      `${Object.values(GATEWAYS)
        .map((g) => g.portEnv)
        .join(', ')}).`;
  } else if (err instanceof GatewayPortChangedError) {
    err.code = 'EHBASECONFIG';
    err.message =
      `the running instance's ${err.gateway} gateway is on port ${err.runningPort}, but ` +
      `${GATEWAYS[err.gateway]?.portEnv ?? 'its port variable'} now asks for ${err.wantedPort}: ` +
      'unset it (or set it back), or `npm run hbase:stop` first to start on the new port';
  } else if (err instanceof LockBusyError) err.code = 'EHBASEBUSY';
  else if (err instanceof InvalidArgumentError) err.code = 'EHBASECONFIG';
  return err;
}

/** Connection details of a gateway of the running instance (for printing and probing). */
function endpointOf(record, name) {
  return {
    name,
    host: '127.0.0.1',
    port: record.ports.gateways[name].port,
    kind: record.kinds?.[name] ?? name,
  };
}

/**
 * Starts HBase and the requested gateways, or uses the running instance (starting the gateways it
 * lacks, or whose process is gone). Resolves once the master has initialized and every requested
 * gateway answered a real call. On failure what this call started is stopped; the error carries
 * the log tail, and `code` EHBASEPORT | EHBASEBUSY | EHBASECONFIG for those cases.
 * @param {{gateways?: string|string[], timeoutSec?: number, log?: (m: string) => void}} [opts]
 * @returns {Promise<{alreadyRunning: boolean, gateways: Record<string, {name, host, port, kind}>, caFile: string}>}
 */
export async function startHBase(opts = {}) {
  const config = resolveConfig(opts);
  const log = opts.log ?? ((m) => console.log(m));
  const t0 = Date.now();
  const portOf = (name) => config.gateways.find((g) => g.name === name)?.port;
  try {
    const legacy = legacyPids();
    if (legacy.length)
      throw Object.assign(
        new Error(
          `an HBase started by scripts/hbase before it ran on hbase-mapper/testing holds the ports (pids ${legacy.join(', ')}); ` +
            '`npm run hbase:stop` stops it',
        ),
        { code: 'EHBASEPORT' },
      );
    const before = kit.projectRecord(STATE_DIR, KEY);
    const masterWasUp = kit.projectProcessPid(STATE_DIR, KEY, 'master') !== undefined;
    const { record, alreadyRunning, started } = await kit.startProjectHBase({
      ...config,
      onProgress: (p) => {
        if (p.stage === 'jars' && p.downloaded !== undefined && p.downloaded % 25 !== 0) return;
        if (p.stage === 'start' && p.message.startsWith('starting HBase in '))
          return log(
            `starting HBase (zk ${config.ports.zookeeper}, master ${config.ports.master}, regionserver ${config.ports.regionServer}) ` +
              `and gateway(s) ${config.gateways.map((g) => `${g.name}:${g.port}`).join(', ')}`,
          );
        if (p.stage !== 'ready') return log(p.message);
        const what = p.message.replace(/ ready$/, '');
        if (what === 'master' && masterWasUp) return;
        const port = what === 'master' ? '' : ` on port ${portOf(what)}`;
        log(
          `  ${what === 'master' ? 'master initialized' : `${what} gateway answering${port}`} after ${seconds(Date.now() - t0)}`,
        );
      },
    });
    if (alreadyRunning && before) {
      for (const k of Object.keys(MASTER_PORTS))
        if (record.ports[k] !== config.ports[k])
          log(`note: the running instance uses ${k} port ${record.ports[k]}; stop it to change ports`);
    }
    const names = config.gateways.map((g) => g.name);
    if (alreadyRunning && started.length === 0)
      log(
        `HBase is already running (master pid ${record.pids.master}; gateways ${names.map((n) => `${n}:${record.ports.gateways[n].port}`).join(', ')}).`,
      );
    else
      log(
        `HBase ready in ${seconds(Date.now() - t0)}${alreadyRunning ? ` (started ${started.join(', ')})` : ''}.`,
      );
    log(`logs: ${rel(join(STATE_DIR, 'logs'))}/`);
    return {
      alreadyRunning,
      gateways: Object.fromEntries(names.map((n) => [n, endpointOf(record, n)])),
      caFile: join(STATE_DIR, 'tls', 'ca.pem'),
    };
  } catch (err) {
    throw withCode(err);
  }
}

/** Stops every process of the instance (recorded, or carrying its folder's marker). */
export async function stopHBase(opts = {}) {
  const log = opts.log ?? ((m) => console.log(m));
  try {
    await stopLegacy(log);
    const stopped = await kit.stopProjectHBase(STATE_DIR, KEY, 240_000);
    log(stopped.length ? `stopped ${stopped.join(', ')}` : 'HBase was not running.');
    return stopped;
  } catch (err) {
    throw withCode(err);
  }
}

/**
 * Each process of the instance: state 'running' (master and every gateway up and answering),
 * 'stopped' (nothing of ours alive), 'partial' (anything else).
 */
export async function status() {
  const s = await kit.projectHBaseStatus(STATE_DIR, KEY);
  const legacy = legacyPids();
  if (legacy.length) return { ...s, state: 'partial', orphans: [...s.orphans, ...legacy] };
  return s;
}

/**
 * The connection options of the project's gateway `name` where the environment puts it
 * (`HBASE_THRIFT_HOST`, its port variable; an https one trusts `HBASE_THRIFT_CA`, else
 * `.hbase/tls/ca.pem`): for a gateway this project did not start.
 */
export function outsideGatewayOptions(name, env = process.env) {
  const spec = GATEWAY_SPECS[GATEWAYS[name].kind];
  const options = {
    host: env.HBASE_THRIFT_HOST ?? 'localhost',
    port: portFrom(env, GATEWAYS[name].portEnv, GATEWAYS[name].port),
    transport: spec.transport,
    protocol: spec.protocol,
    api: spec.api,
  };
  if (spec.tls) {
    const caFile = env.HBASE_THRIFT_CA ?? join(STATE_DIR, 'tls', 'ca.pem');
    options.tls = existsSync(caFile) ? { ca: readFileSync(caFile) } : {};
  }
  return options;
}

/**
 * Probes the gateways `names` where the environment puts them (not started by this project, or by
 * the scripts before they ran on the kit); resolves to the names of those that do not answer.
 */
export async function missingOutsideGateways(names, env = process.env) {
  const failures = await Promise.all(names.map((n) => probeGateway(outsideGatewayOptions(n, env))));
  return names.filter((_, i) => failures[i] !== undefined);
}
