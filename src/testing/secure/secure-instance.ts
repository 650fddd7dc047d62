import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveClasspath } from '../classpath';
import { LocalHBaseError, ProcessExitedError, StartTimeoutError } from '../errors';
import { undoOnSignal } from '../exit-cleanup';
import { lastLines, THRIFT_MAIN } from '../gateway-launch';
import { GATEWAY_SPECS } from '../gateways';
import { findJava } from '../java';
import { findInstanceJvms, isInstanceJvm, type StartedJvm, signalJvm, spawnJvm, stopJvms } from '../jvm';
import { ensureKeystore } from '../keystore';
import { assertPortsFree } from '../ports';
import { masterInitialized } from '../readiness';
import { type InstancePorts, instanceLayout, siteXml, writeSiteConfig } from '../site-config';
import { KDC_READY_LINE, spawnKdc } from './kdc';
import { writeKrb5Conf } from './krb5-conf';
import { acceptsTcp, LISTENING_LINE, logHasLine } from './log-readiness';
import { SECURE_CORE_PORTS, SECURE_GATEWAYS } from './secure-gateways';
import {
  readSecureRecord,
  removeSecureRecord,
  type SecureInstanceRecord,
  writeSecureRecord,
} from './secure-record';
import { masterSecurityProps, securityProps, socketGatewayProps, spnegoGatewayProps } from './secure-site';

/** @internal How to start the secure instance. */
export interface SecureStartOptions {
  /** Its folder (`.hbase-secure/` for the project's scripts): record, logs, keytabs, krb5.conf. */
  dir: string;
  /** Where the HBase classpath is cached (resolved with Maven once). */
  cacheDir: string;
  /** Every port by name (`kdc`, `zookeeper`, `master`, `regionServer`, each gateway's name). */
  ports: Record<string, number>;
  /** The gateways to run (names of {@link SECURE_GATEWAYS}). */
  gateways: string[];
  timeoutMs: number;
  log(message: string): void;
}

const MASTER_MAIN = 'org.apache.hadoop.hbase.master.HMaster';

/**
 * @internal The secure instance running in the folder lacks a wanted gateway or uses other ports:
 * reusing it would point tests at ports nothing listens on. Stop it first (`--secure stop`).
 */
export class SecureInstanceMismatchError extends LocalHBaseError {
  /**
   * @param dir - the instance's folder.
   * @param differs - the processes (gateway names, `kdc`, `zookeeper`) missing or on other ports.
   */
  constructor(dir: string, differs: string[]) {
    super(
      `the secure HBase running in ${dir} has no ${differs.join(', ')} on the wanted port(s): ` +
        'stop it (npm run hbase:stop -- --secure, same HBASE_SECURE_DIR) or ask for what it runs',
    );
  }
}
const POLL_MS = 200;

/**
 * @internal The JVM options every JVM of the instance gets: the instance's krb5.conf (the JDK reads
 * no `KRB5_CONFIG`), and no SASL for ZooKeeper. ZooKeeper runs inside the standalone HBase JVM on
 * the loopback and only HBase's own processes talk to it; its SASL would need JAAS files and a
 * `zookeeper/` principal and prove nothing about the Thrift clients under test.
 */
const jvmArgs = (krb5Conf: string) => [
  `-Djava.security.krb5.conf=${krb5Conf}`,
  '-Dzookeeper.sasl.client=false',
];

/** @internal The running instance in `dir`, if every process of its record is alive. */
export function runningSecureInstance(dir: string): SecureInstanceRecord | undefined {
  const record = readSecureRecord(dir);
  if (!record) return undefined;
  return Object.values(record.pids).every((pid) => isInstanceJvm(pid, dir)) ? record : undefined;
}

/**
 * @internal Starts the KDC (principals and keytabs), the Kerberized standalone HBase and the secure
 * gateways, and waits until all are ready; reuses the instance when it already runs. On failure it
 * stops what it started.
 */
export async function startSecureInstance(
  options: SecureStartOptions,
): Promise<{ record: SecureInstanceRecord; alreadyRunning: boolean }> {
  const running = runningSecureInstance(options.dir);
  if (running) {
    // Reused only as asked: a run started with fewer gateways, or on other ports, is not this one.
    const differs = ['kdc', 'zookeeper', ...options.gateways].filter(
      (name) => running.ports[name] !== options.ports[name],
    );
    if (differs.length === 0) return { record: running, alreadyRunning: true };
    throw new SecureInstanceMismatchError(options.dir, differs);
  }
  await stopSecureInstance(options.dir); // a partial one (a JVM died, or a killed start)
  const gateways = options.gateways.map((name) => SECURE_GATEWAYS.find((g) => g.name === name)!);
  const wanted = ['kdc', 'zookeeper', 'master', 'regionServer', ...options.gateways];
  await assertPortsFree(Object.fromEntries(wanted.map((n) => [n, options.ports[n]!])));
  const runtime = await findJava();
  const classpath = await resolveClasspath(options.cacheDir, (p) => options.log(p.message));
  const layout = instanceLayout(options.dir);
  for (const sub of ['data', 'conf', 'logs', 'kdc', 'keytabs', 'run'])
    rmSync(join(options.dir, sub), { recursive: true, force: true });
  for (const sub of ['data', 'conf', 'logs', 'run']) mkdirSync(join(options.dir, sub), { recursive: true });
  const keytabDir = join(options.dir, 'keytabs');
  const krb5Conf = join(options.dir, 'krb5.conf');
  writeKrb5Conf(krb5Conf, options.ports.kdc!);
  const record: SecureInstanceRecord = {
    dir: options.dir,
    krb5Conf,
    keytabDir,
    pids: {},
    ports: Object.fromEntries(wanted.map((n) => [n, options.ports[n]!])),
    portEnv: {
      ...Object.fromEntries(Object.entries(SECURE_CORE_PORTS).map(([n, p]) => [n, { env: p.env }])),
      ...Object.fromEntries(gateways.map((g) => [g.name, { env: g.portEnv }])),
    },
    qops: Object.fromEntries(gateways.filter((g) => g.qop).map((g) => [g.name, g.qop!])),
  };
  const jvms: StartedJvm[] = [];
  const logFile = (name: string) => join(layout.logs, `${name}.log`);
  const deadline = Date.now() + options.timeoutMs;
  // Ctrl-C during the start: the JVMs (detached, in their own process groups) would outlive us.
  const keepOnSignal = undoOnSignal(() => {
    for (const jvm of jvms) if (isInstanceJvm(jvm.pid, options.dir)) signalJvm(jvm.pid, 'SIGKILL');
    removeSecureRecord(options.dir);
  });
  try {
    const kdcConf = join(layout.conf, 'kdc');
    mkdirSync(kdcConf, { recursive: true });
    writeFileSync(join(kdcConf, 'log4j2.properties'), 'status = warn\nrootLogger.level = warn\n');
    options.log(`starting the KDC (realm in ${krb5Conf})`);
    const kdc = spawnKdc({
      java: runtime.java,
      classpath,
      dir: options.dir,
      port: options.ports.kdc!,
      keytabDir,
      confDir: kdcConf,
      logFile: logFile('kdc'),
    });
    jvms.push(kdc);
    record.pids.kdc = kdc.pid;
    writeSecureRecord(record);
    await waitFor(
      ['kdc'],
      () => (logHasLine(logFile('kdc'), 'kdc', KDC_READY_LINE) ? [] : ['kdc']),
      jvms,
      deadline,
      logFile,
    );
    // Keytabs are secrets: owner-only, as a real deployment keeps them.
    for (const file of readdirSync(keytabDir)) chmodSync(join(keytabDir, file), 0o600);
    const keystore = gateways.some((g) => GATEWAY_SPECS[g.kind].tls)
      ? await ensureKeystore(options.dir, runtime.keytool)
      : undefined;
    const ports: InstancePorts = {
      zookeeper: options.ports.zookeeper!,
      master: options.ports.master!,
      masterInfo: -1,
      regionServer: options.ports.regionServer!,
      regionServerInfo: -1,
      gateways: Object.fromEntries(
        gateways.map((g) => [g.name, { port: options.ports[g.name]!, infoPort: -1 }]),
      ),
    };
    options.log(`starting Kerberized HBase in ${options.dir}`);
    const masterConf = writeSiteConfig(layout, ports, 'master', undefined, masterSecurityProps(keytabDir));
    writeFileSync(join(masterConf, 'core-site.xml'), siteXml(securityProps(keytabDir)));
    const master = spawnJvm({
      java: runtime.java,
      dir: options.dir,
      name: 'master',
      mainClass: MASTER_MAIN,
      confDir: masterConf,
      classpath,
      heap: process.env.HBASE_MASTER_HEAP ?? '1000m',
      args: ['start'],
      logFile: logFile('master'),
      jvmArgs: jvmArgs(krb5Conf),
    });
    jvms.push(master);
    record.pids.master = master.pid;
    for (const g of gateways) {
      const siteProperties = g.qop ? socketGatewayProps(keytabDir, g.qop) : spnegoGatewayProps(keytabDir);
      const confDir = writeSiteConfig(
        layout,
        ports,
        { name: g.name, kind: g.kind, siteProperties },
        keystore,
      );
      writeFileSync(join(confDir, 'core-site.xml'), siteXml(securityProps(keytabDir)));
      const http = GATEWAY_SPECS[g.kind].transport === 'http';
      const jvm = spawnJvm({
        java: runtime.java,
        dir: options.dir,
        name: g.name,
        mainClass: THRIFT_MAIN[GATEWAY_SPECS[g.kind].api],
        confDir,
        classpath,
        heap: process.env.HBASE_THRIFT_HEAP ?? '256m',
        args: ['-p', String(options.ports[g.name]), ...(http ? [] : ['-threadpool']), 'start'],
        logFile: logFile(g.name),
        jvmArgs: jvmArgs(krb5Conf),
      });
      jvms.push(jvm);
      record.pids[g.name] = jvm.pid;
    }
    writeSecureRecord(record);
    const ready = new Set<string>();
    await waitFor(
      ['master', ...options.gateways],
      () => notReady(record, gateways, logFile, ready),
      jvms,
      deadline,
      logFile,
      options.log,
    );
    return { record, alreadyRunning: false };
  } catch (error) {
    await stopJvms(
      jvms.map((j) => j.pid),
      options.dir,
      0,
    );
    removeSecureRecord(options.dir);
    throw error;
  } finally {
    keepOnSignal();
  }
}

/**
 * The names of the processes not ready yet (master: initialized; gateway: listening line + TCP).
 * A gateway found ready (in `ready`) is not probed again: each probe is a connection the gateway
 * logs as a failed SASL handshake.
 */
async function notReady(
  record: SecureInstanceRecord,
  gateways: typeof SECURE_GATEWAYS,
  logFile: (name: string) => string,
  ready: Set<string>,
): Promise<string[]> {
  const waiting: string[] = [];
  if (!masterInitialized(logFile('master'))) waiting.push('master');
  for (const g of gateways) {
    if (ready.has(g.name)) continue;
    const line = g.qop ? LISTENING_LINE.socket : LISTENING_LINE.https;
    if (!logHasLine(logFile(g.name), g.name, line) || !(await acceptsTcp(record.ports[g.name]!)))
      waiting.push(g.name);
    else ready.add(g.name);
  }
  return waiting;
}

/** Polls `check` until nothing waits; throws when a JVM exits or the deadline passes. */
async function waitFor(
  names: string[],
  check: () => string[] | Promise<string[]>,
  jvms: StartedJvm[],
  deadline: number,
  logFile: (name: string) => string,
  log?: (message: string) => void,
): Promise<void> {
  let waiting = names;
  for (;;) {
    const before = new Set(waiting);
    waiting = await check();
    if (log) for (const name of before) if (!waiting.includes(name)) log(`${name} ready`);
    if (waiting.length === 0) return;
    const dead = jvms.find((j) => j.exit !== undefined);
    if (dead) throw new ProcessExitedError(dead.name, dead.exit!, lastLines(logFile(dead.name)));
    if (Date.now() > deadline)
      throw new StartTimeoutError(
        deadline - Date.now(),
        `waiting for ${waiting.join(', ')}`,
        lastLines(logFile(waiting[0]!)),
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** @internal Stops every JVM of the secure instance in `dir` (recorded or marked) and its record. */
export async function stopSecureInstance(dir: string): Promise<boolean> {
  const record = readSecureRecord(dir);
  const pids = [...new Set([...Object.values(record?.pids ?? {}), ...findInstanceJvms(dir)])];
  const any = pids.some((pid) => isInstanceJvm(pid, dir));
  await stopJvms(pids, dir, 0); // the data is thrown away at the next start: no orderly shutdown
  removeSecureRecord(dir);
  return any;
}
