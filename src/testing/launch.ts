import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveClasspath } from './classpath';
import { ProcessExitedError, StartTimeoutError } from './errors';
import { forgetAtExit, killAtExit } from './exit-cleanup';
import { gatewayConnectionOptions } from './gateway-options';
import { GATEWAY_SPECS, type GatewayDescriptor } from './gateways';
import { type InstanceRecord, removeFiles, removeRecord, writeRecord } from './instance-record';
import { findJava } from './java';
import { type StartedJvm, spawnJvm, stopJvms } from './jvm';
import { ensureKeystore } from './keystore';
import type { ResolvedLocalHBaseOptions } from './options';
import { assertPortsFree, reservePorts } from './ports';
import { waitReady } from './readiness';
import { type InstancePorts, instanceLayout, type KeystoreFiles, writeSiteConfig } from './site-config';

const MASTER_MAIN = 'org.apache.hadoop.hbase.master.HMaster';
// thrift2's server extends thrift1's (same options, same hbase-site keys), swapping the processor.
const THRIFT_MAIN = {
  thrift1: 'org.apache.hadoop.hbase.thrift.ThriftServer',
  thrift2: 'org.apache.hadoop.hbase.thrift2.ThriftServer',
};

function lastLines(file: string, count = 40): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(-count - 1)
      .join('\n')
      .trimEnd();
  } catch {
    return `(no log at ${file})`;
  }
}

/** The ports of a new instance: the fixed ones, and drawn ones for the rest. */
function assignPorts(drawn: number[], options: ResolvedLocalHBaseOptions): InstancePorts {
  const next = () => drawn.shift()!;
  const info = () => (options.webUi ? next() : -1);
  const fixed = options.fixedPorts;
  return {
    zookeeper: fixed.zookeeper ?? next(),
    master: fixed.master ?? next(),
    masterInfo: info(),
    regionServer: fixed.regionServer ?? next(),
    regionServerInfo: info(),
    gateways: Object.fromEntries(
      options.descriptors.map((g) => [g.name, { port: g.port ?? next(), infoPort: info() }]),
    ),
  };
}

/** How many ports {@link assignPorts} draws. */
function drawnCount(options: ResolvedLocalHBaseOptions): number {
  const fixed = options.fixedPorts;
  const master = [fixed.zookeeper, fixed.master, fixed.regionServer].filter((p) => p === undefined).length;
  const gateways = options.descriptors.filter((g) => g.port === undefined).length;
  return master + gateways + (options.webUi ? 2 + options.descriptors.length : 0);
}

/** The fixed ports among `ports` (by process name), to check before anything starts. */
function fixedPortsOf(options: ResolvedLocalHBaseOptions, ports: InstancePorts): Record<string, number> {
  const fixed = options.fixedPorts;
  const wanted: Record<string, number> = {};
  if (fixed.zookeeper !== undefined) wanted.zookeeper = ports.zookeeper;
  if (fixed.master !== undefined) wanted.master = ports.master;
  if (fixed.regionServer !== undefined) wanted.regionserver = ports.regionServer;
  for (const g of options.descriptors)
    if (g.port !== undefined) wanted[`${g.name} gateway`] = ports.gateways[g.name]!.port;
  return wanted;
}

/** What a gateway JVM needs besides its descriptor. */
interface GatewayLaunch {
  java: string;
  classpath: string;
  heap: string;
  keystore: KeystoreFiles | undefined;
}

/** Starts one gateway JVM of `record` (its port already in `record.ports`). */
function spawnGateway(record: InstanceRecord, gateway: GatewayDescriptor, launch: GatewayLaunch): StartedJvm {
  const layout = instanceLayout(record.dir);
  const spec = GATEWAY_SPECS[gateway.kind];
  // The HTTP server takes no server type; sockets get the thread-pool server (one thread per
  // connection), which serves both transports.
  const type = spec.transport === 'http' ? [] : ['-threadpool'];
  return spawnJvm({
    java: launch.java,
    dir: record.dir,
    name: gateway.name,
    mainClass: THRIFT_MAIN[spec.api],
    confDir: writeSiteConfig(layout, record.ports, gateway, launch.keystore),
    classpath: launch.classpath,
    heap: launch.heap,
    args: ['-p', String(record.ports.gateways[gateway.name]!.port), ...type, 'start'],
    logFile: join(layout.logs, `${gateway.name}.log`),
  });
}

/** Records a gateway's kind and own settings when its name alone does not tell them. */
function describeInRecord(record: InstanceRecord, gateway: GatewayDescriptor): void {
  if (gateway.kind !== gateway.name) record.kinds = { ...record.kinds, [gateway.name]: gateway.kind };
  if (gateway.siteProperties)
    record.siteProperties = { ...record.siteProperties, [gateway.name]: gateway.siteProperties };
}

const firstExited = (jvms: StartedJvm[]): ExitedProcess => {
  const jvm = jvms.find((j) => j.exit !== undefined);
  return jvm && { name: jvm.name, exit: jvm.exit! };
};

/** @internal A process that ended: its name and how. */
export type ExitedProcess = { name: string; exit: string } | undefined;

/**
 * @internal Waits for the master and the gateways `names` of `record`, turning a failure into the
 * error naming its log. `exited` tells of a process that ended meanwhile.
 */
export async function awaitReady(
  record: InstanceRecord,
  names: string[],
  exited: () => ExitedProcess,
  options: Pick<ResolvedLocalHBaseOptions, 'startTimeout' | 'onProgress'>,
): Promise<void> {
  const logFile = (name: string) => join(instanceLayout(record.dir).logs, `${name}.log`);
  const readiness = await waitReady({
    masterLog: logFile('master'),
    gateways: names.map((name) => ({ name, options: gatewayConnectionOptions(record, name) })),
    exited: () => exited()?.name,
    deadline: Date.now() + options.startTimeout,
    onReady: (what) => options.onProgress({ stage: 'ready', message: `${what} ready` }),
  });
  if (readiness.ready) return;
  if ('exited' in readiness) {
    const how = exited()?.exit ?? 'gone';
    throw new ProcessExitedError(readiness.exited, how, lastLines(logFile(readiness.exited)));
  }
  throw new StartTimeoutError(options.startTimeout, readiness.waitingFor, lastLines(logFile(readiness.log)));
}

/**
 * @internal Starts a fresh instance: checks Java, resolves the jars, checks the fixed ports and
 * draws and reserves the others, writes the configuration, starts the master and the gateways (at
 * once: a gateway's JVM start-up overlaps the master's, and it retries ZooKeeper), and waits until
 * all are ready. On failure, stops what it started and removes its files before rejecting.
 */
export async function launchInstance(
  options: ResolvedLocalHBaseOptions,
  cacheDir: string,
  id: string,
): Promise<InstanceRecord> {
  const progress = options.onProgress;
  const runtime = await findJava();
  const classpath = await resolveClasspath(cacheDir, progress);
  const needsTls = options.descriptors.some((g) => GATEWAY_SPECS[g.kind].tls);
  const keystore = needsTls ? await ensureKeystore(cacheDir, runtime.keytool) : undefined;
  const reservation = await reservePorts(cacheDir, drawnCount(options));
  const ports = assignPorts([...reservation.ports], options);
  const ownDir = options.directory === undefined;
  let dir: string;
  try {
    await assertPortsFree(fixedPortsOf(options, ports));
    dir = ownDir ? mkdtempSync(join(tmpdir(), 'hbase-mapper-')) : options.directory!;
  } catch (error) {
    reservation.release(); // the try below, which releases it otherwise, is not reached
    throw error;
  }
  const layout = instanceLayout(dir);
  const record: InstanceRecord = {
    id,
    dir,
    ownDir,
    keepData: options.keepData,
    ports,
    pids: {},
    gateways: options.descriptors.map((g) => g.name),
    caPem: keystore?.caPem,
    owner: options.reuseKey === undefined ? process.pid : undefined,
  };
  for (const g of options.descriptors) describeInRecord(record, g);
  const jvms: StartedJvm[] = [];
  try {
    for (const sub of ['data', 'conf', 'logs']) rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(layout.data, { recursive: true });
    progress({ stage: 'start', message: `starting HBase in ${dir}` });
    const master = spawnJvm({
      java: runtime.java,
      dir,
      name: 'master',
      mainClass: MASTER_MAIN,
      confDir: writeSiteConfig(layout, ports, 'master'),
      classpath,
      heap: options.masterHeap,
      args: ['start'],
      logFile: join(layout.logs, 'master.log'),
    });
    jvms.push(master);
    record.pids.master = master.pid;
    const launch = { java: runtime.java, classpath, heap: options.gatewayHeap, keystore };
    for (const gateway of options.descriptors) {
      const jvm = spawnGateway(record, gateway, launch);
      jvms.push(jvm);
      record.pids[gateway.name] = jvm.pid;
    }
    writeRecord(cacheDir, record);
    if (record.owner !== undefined) killAtExit(record, cacheDir);
    await awaitReady(record, record.gateways, () => firstExited(jvms), options);
    return record;
  } catch (error) {
    await stopJvms(
      jvms.map((j) => j.pid),
      dir,
      0,
    );
    removeFiles(record);
    removeRecord(cacheDir, id);
    forgetAtExit(id);
    throw error;
  } finally {
    reservation.release();
  }
}

/**
 * @internal Starts `gateways` in the running instance of `record` (new ones, or recorded ones whose
 * process is gone: the same port and settings again) and waits until they answer; rewrites the
 * record. A gateway's port is its descriptor's, else the one recorded, else drawn. On failure,
 * stops what it started and leaves the record as it was.
 */
export async function addGateways(
  record: InstanceRecord,
  gateways: GatewayDescriptor[],
  options: ResolvedLocalHBaseOptions,
  cacheDir: string,
): Promise<InstanceRecord> {
  const progress = options.onProgress;
  const runtime = await findJava();
  const classpath = await resolveClasspath(cacheDir, progress);
  const needsTls = gateways.some((g) => GATEWAY_SPECS[g.kind].tls);
  const keystore = needsTls ? await ensureKeystore(cacheDir, runtime.keytool) : undefined;
  const toDraw = gateways.filter((g) => g.port === undefined && !record.ports.gateways[g.name]);
  const webUi = record.ports.masterInfo > 0;
  const reservation = await reservePorts(cacheDir, toDraw.length * (webUi ? 2 : 1));
  const drawn = [...reservation.ports];
  const updated: InstanceRecord = structuredClone(record);
  if (keystore) updated.caPem = keystore.caPem;
  const jvms: StartedJvm[] = [];
  try {
    const wanted: Record<string, number> = {};
    for (const g of gateways) {
      const recorded = record.ports.gateways[g.name];
      const port = g.port ?? recorded?.port ?? drawn.shift()!;
      const infoPort = recorded?.infoPort ?? (webUi ? drawn.shift()! : -1);
      updated.ports.gateways[g.name] = { port, infoPort };
      if (!toDraw.includes(g)) wanted[`${g.name} gateway`] = port;
      if (!updated.gateways.includes(g.name)) updated.gateways.push(g.name);
      describeInRecord(updated, g);
    }
    await assertPortsFree(wanted);
    progress({ stage: 'start', message: `starting gateway(s) ${gateways.map((g) => g.name).join(', ')}` });
    const launch = { java: runtime.java, classpath, heap: options.gatewayHeap, keystore };
    for (const gateway of gateways) {
      const jvm = spawnGateway(updated, gateway, launch);
      jvms.push(jvm);
      updated.pids[gateway.name] = jvm.pid;
    }
    writeRecord(cacheDir, updated);
    await awaitReady(
      updated,
      gateways.map((g) => g.name),
      () => firstExited(jvms),
      options,
    );
    return updated;
  } catch (error) {
    await stopJvms(
      jvms.map((j) => j.pid),
      record.dir,
      0,
    );
    writeRecord(cacheDir, record);
    throw error;
  } finally {
    reservation.release();
  }
}

/** @internal A new id for an instance that is not reused. */
export const newInstanceId = (): string => `run-${process.pid}-${randomBytes(4).toString('hex')}`;
