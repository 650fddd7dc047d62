// The project's Kerberized HBase (`npm run hbase:start -- --secure`): a KDC on the loopback, a
// standalone HBase with Kerberos and authorization on, and secure Thrift gateways (SASL at each
// QOP, HTTPS + SPNEGO + doAs), all run by src/testing/secure/ beside the plain instance: own
// folder (.hbase-secure/, env HBASE_SECURE_DIR) and own ports (a 91xx/94xx block, each overridable).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('../../test/support/ts-register-cached.cjs');
const {
  startSecureInstance,
  stopSecureInstance,
  runningSecureInstance,
} = require('../../src/testing/secure/secure-instance.ts');
const { SECURE_CORE_PORTS, SECURE_GATEWAYS } = require('../../src/testing/secure/secure-gateways.ts');
const { secureEnv, shellExports } = require('../../src/testing/secure/secure-env.ts');
const { readSecureRecord } = require('../../src/testing/secure/secure-record.ts');
const { isInstanceJvm } = require('../../src/testing/jvm.ts');

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SECURE_USAGE = `secure instance (--secure): KDC + Kerberized standalone HBase + secure gateways
  folder (env): HBASE_SECURE_DIR=.hbase-secure   gateways (env): HBASE_SECURE_GATEWAYS=all
    (${SECURE_GATEWAYS.map((g) => g.name).join(',')})
ports (env): ${[
  ...Object.values(SECURE_CORE_PORTS),
  ...SECURE_GATEWAYS.map((g) => ({ env: g.portEnv, port: g.port })),
]
  .map((p) => `${p.env}=${p.port}`)
  .join(' ')}`;

const configError = (message) => Object.assign(new Error(message), { code: 'EHBASECONFIG' });

/** The secure instance's folder: HBASE_SECURE_DIR, else .hbase-secure/ in the repository. */
export const secureDir = (env = process.env) =>
  resolve(env.HBASE_SECURE_DIR || join(REPO_ROOT, '.hbase-secure'));

function port(env, name, fallback) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw configError(`${name} is not a valid TCP port`);
  return n;
}

function gatewayList(env) {
  const value = env.HBASE_SECURE_GATEWAYS;
  if (!value || value === 'all') return SECURE_GATEWAYS.map((g) => g.name);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = list.filter((n) => !SECURE_GATEWAYS.some((g) => g.name === n));
  if (unknown.length || !list.length)
    throw configError(
      `HBASE_SECURE_GATEWAYS: unknown gateway(s) ${unknown.join(', ')} (known: ${SECURE_GATEWAYS.map((g) => g.name).join(', ')})`,
    );
  return list;
}

/** Starts (or reuses) the secure instance; writes env.sh / env.json with what tests need. */
export async function startSecure({ timeoutSec, log = (m) => console.log(m) } = {}, env = process.env) {
  const ports = {
    ...Object.fromEntries(Object.entries(SECURE_CORE_PORTS).map(([n, p]) => [n, port(env, p.env, p.port)])),
    ...Object.fromEntries(SECURE_GATEWAYS.map((g) => [g.name, port(env, g.portEnv, g.port)])),
  };
  const dir = secureDir(env);
  const started = Date.now();
  const { record, alreadyRunning } = await startSecureInstance({
    dir,
    cacheDir: dir,
    ports,
    gateways: gatewayList(env),
    timeoutMs: (timeoutSec ?? Number(env.HBASE_START_TIMEOUT || 240)) * 1000,
    log,
  });
  const vars = secureEnv(record);
  writeFileSync(join(dir, 'env.sh'), shellExports(vars));
  writeFileSync(join(dir, 'env.json'), `${JSON.stringify(vars, null, 2)}\n`);
  log(
    alreadyRunning
      ? `secure HBase already running (${dir})`
      : `secure HBase ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir}); environment: . ${join(dir, 'env.sh')}`,
  );
  return { record, alreadyRunning, env: vars };
}

/** Stops the secure instance of HBASE_SECURE_DIR (or .hbase-secure/); true when something ran. */
export async function stopSecure(env = process.env) {
  return await stopSecureInstance(secureDir(env));
}

/** Prints each process of the secure instance; resolves with running | partial | stopped. */
export function statusSecure(env = process.env, print = (m) => console.log(m)) {
  const dir = secureDir(env);
  const record = readSecureRecord(dir);
  if (!record) {
    print(`secure HBase is not running (${dir})`);
    return 'stopped';
  }
  const alive = Object.entries(record.pids).map(([name, pid]) => [name, pid, isInstanceJvm(pid, dir)]);
  for (const [name, pid, up] of alive)
    print(
      `${name.padEnd(18)} ${up ? `running  pid ${pid}` : 'stopped '}  port ${record.ports[name] ?? '-'}${record.qops[name] ? `  qop ${record.qops[name]}` : ''}`,
    );
  print(`secure state: ${dir}`);
  if (runningSecureInstance(dir)) return 'running';
  return alive.some(([, , up]) => up) ? 'partial' : 'stopped';
}
