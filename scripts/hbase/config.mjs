// Where the local HBase keeps its state, which ports it uses and what each gateway speaks.
// Every other module takes the object built here, so env handling lives in one place.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(SCRIPT_DIR, '..', '..');
// One pom for the project's HBase and for hbase-mapper/testing, which ships it.
export const POM = join(REPO_ROOT, 'src', 'testing', 'pom.xml');

// The gateways we know how to run. `transport`/`protocol`/`tls` are what a client must use; `api` is
// the Thrift IDL it serves (thrift2 is a different service: a Thrift1 client cannot use it).
// `optional` ones are started only when named: the default list (and `all`) stays what the test
// suites and CI have always started.
export const GATEWAYS = {
  default: {
    portEnv: 'HBASE_THRIFT_PORT',
    port: 9090,
    transport: 'buffered',
    protocol: 'binary',
    tls: false,
    api: 'thrift1',
  },
  framed: {
    portEnv: 'HBASE_THRIFT_FRAMED_PORT',
    port: 9091,
    transport: 'framed',
    protocol: 'compact',
    tls: false,
    api: 'thrift1',
  },
  https: {
    portEnv: 'HBASE_THRIFT_HTTPS_PORT',
    port: 9443,
    transport: 'http',
    protocol: 'binary',
    tls: true,
    api: 'thrift1',
  },
  http: {
    portEnv: 'HBASE_THRIFT_HTTP_PORT',
    port: 9080,
    transport: 'http',
    protocol: 'binary',
    tls: false,
    api: 'thrift1',
    optional: true,
  },
  // Closes client sockets idle for a short time (see conf-files.mjs), and is the gateway the fault
  // tests kill and restart: no other suite uses it.
  idle: {
    portEnv: 'HBASE_THRIFT_IDLE_PORT',
    port: 9094,
    transport: 'buffered',
    protocol: 'binary',
    tls: false,
    api: 'thrift1',
    optional: true,
  },
  thrift2: {
    portEnv: 'HBASE_THRIFT2_PORT',
    port: 9092,
    transport: 'buffered',
    protocol: 'binary',
    tls: false,
    api: 'thrift2',
    optional: true,
  },
  // The Thrift2 counterparts of `framed`, `https` and `http`, for test matrices that run a suite over every
  // transport of both APIs (issue 14). Same server flags and hbase-site keys as the Thrift1 ones.
  'thrift2-framed': {
    portEnv: 'HBASE_THRIFT2_FRAMED_PORT',
    port: 9093,
    transport: 'framed',
    protocol: 'compact',
    tls: false,
    api: 'thrift2',
    optional: true,
  },
  'thrift2-https': {
    portEnv: 'HBASE_THRIFT2_HTTPS_PORT',
    port: 9444,
    transport: 'http',
    protocol: 'binary',
    tls: true,
    api: 'thrift2',
    optional: true,
  },
  'thrift2-http': {
    portEnv: 'HBASE_THRIFT2_HTTP_PORT',
    port: 9081,
    transport: 'http',
    protocol: 'binary',
    tls: false,
    api: 'thrift2',
    optional: true,
  },
};

/** What an empty gateway list and `all` mean: every gateway that is not optional. */
export const DEFAULT_GATEWAYS = Object.keys(GATEWAYS).filter((n) => !GATEWAYS[n].optional);

/**
 * Every gateway the integration suites use (each transport of both APIs, and `idle`): what jest's
 * global setup, `npm test` and CI start. `--gateways=suites` names them.
 */
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
];

// What HBase's own launcher adds on JDK 17 (hbase-env / bin/hbase): netty and HBase reach into JDK internals.
export const JDK17_FLAGS = [
  '-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true',
  '--add-modules',
  'jdk.unsupported',
  ...[
    'java.io',
    'java.nio',
    'sun.nio.ch',
    'java.lang',
    'jdk.internal.ref',
    'java.lang.reflect',
    'java.util',
    'java.util.concurrent',
  ].flatMap((p) => ['--add-opens', `java.base/${p}=ALL-UNNAMED`]),
  '--add-exports',
  'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports',
  'java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-exports',
  'java.base/sun.net.dns=ALL-UNNAMED',
  '--add-exports',
  'java.base/sun.net.util=ALL-UNNAMED',
  // IPv4 only: everything here is 127.0.0.1, and it avoids dual-stack surprises in ZK/HBase RPC.
  '-Djava.net.preferIPv4Stack=true',
];

export class ConfigError extends Error {
  constructor(message) {
    super(message);
    this.code = 'EHBASECONFIG';
  }
}

function portFrom(value, name, fallback) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new ConfigError(`${name}=${value} is not a valid TCP port`);
  return n;
}

export function parseGatewayList(value) {
  if (value === undefined || value === null || value === '') return [...DEFAULT_GATEWAYS];
  const list = (Array.isArray(value) ? value : String(value).split(',')).map((s) => s.trim()).filter(Boolean);
  if (list.length === 1 && list[0] === 'all') return [...DEFAULT_GATEWAYS];
  if (list.length === 1 && list[0] === 'suites') return [...SUITE_GATEWAYS];
  const unknown = list.filter((g) => !GATEWAYS[g]);
  if (unknown.length)
    throw new ConfigError(
      `unknown gateway(s): ${unknown.join(', ')} (known: ${Object.keys(GATEWAYS).join(', ')})`,
    );
  if (!list.length)
    throw new ConfigError('at least one gateway is needed (readiness is probed through a gateway)');
  return [...new Set(list)];
}

/** Builds the full configuration from options, then env, then defaults. */
export function resolveConfig(opts = {}, env = process.env) {
  const home = join(REPO_ROOT, '.hbase');
  const ports = opts.ports ?? {};
  const javaHome = env.JAVA_HOME;
  const cfg = {
    home,
    bindHost: '127.0.0.1', // loopback only: the gateways have no authentication
    java: javaHome ? join(javaHome, 'bin', 'java') : 'java',
    keytool: javaHome ? join(javaHome, 'bin', 'keytool') : 'keytool',
    masterHeap: opts.masterHeap ?? env.HBASE_MASTER_HEAP ?? '1500m',
    gatewayHeap: opts.gatewayHeap ?? env.HBASE_THRIFT_HEAP ?? '512m',
    startTimeoutMs: (opts.timeoutSec ?? Number(env.HBASE_START_TIMEOUT ?? 240)) * 1000,
    gateways: parseGatewayList(opts.gateways ?? env.HBASE_GATEWAYS),
    ports: {
      zk: portFrom(ports.zk ?? env.HBASE_ZK_PORT, 'HBASE_ZK_PORT', 2181),
      master: portFrom(ports.master ?? env.HBASE_MASTER_PORT, 'HBASE_MASTER_PORT', 16000),
      regionserver: portFrom(
        ports.regionserver ?? env.HBASE_REGIONSERVER_PORT,
        'HBASE_REGIONSERVER_PORT',
        16020,
      ),
    },
    dirs: {
      conf: join(home, 'conf'),
      data: join(home, 'data'),
      logs: join(home, 'logs'),
      run: join(home, 'run'),
      tls: join(home, 'tls'),
    },
  };
  for (const [name, g] of Object.entries(GATEWAYS))
    cfg.ports[name] = portFrom(ports[name] ?? env[g.portEnv], g.portEnv, g.port);
  if (!Number.isFinite(cfg.startTimeoutMs) || cfg.startTimeoutMs <= 0)
    throw new ConfigError('HBASE_START_TIMEOUT must be a positive number of seconds');
  // Clashes only among the ports this start uses: an optional gateway's default port must not turn
  // e.g. HBASE_THRIFT_PORT=9092 into an error for someone who never starts thrift2.
  const byPort = {};
  for (const k of ['zk', 'master', 'regionserver', ...cfg.gateways])
    byPort[cfg.ports[k]] = [...(byPort[cfg.ports[k]] ?? []), k];
  const dup = Object.entries(byPort).find(([, owners]) => owners.length > 1);
  if (dup) throw new ConfigError(`port ${dup[0]} is configured for both ${dup[1].join(' and ')}`);
  cfg.tls = {
    keystore: join(cfg.dirs.tls, 'keystore.p12'),
    caPem: join(cfg.dirs.tls, 'ca.pem'),
    password: 'hbase-local-dev', // dev-only self-signed key; the password also sits in hbase-site.xml
  };
  return cfg;
}

/** Connection details a client needs for a gateway. */
export function endpoint(cfg, name, port = cfg.ports[name]) {
  const g = GATEWAYS[name];
  return {
    name,
    host: '127.0.0.1',
    port,
    transport: g.transport,
    protocol: g.protocol,
    tls: g.tls,
    api: g.api,
    ...(g.tls ? { caFile: cfg.tls.caPem } : {}),
  };
}
