import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveClasspath } from './classpath';
import { forgetAtExit, killAtExit, undoOnSignal } from './exit-cleanup';
import { awaitReady, describeInRecord, firstExited, spawnGateway } from './gateway-launch';
import { GATEWAY_SPECS } from './gateways';
import { type InstanceRecord, removeFiles, removeRecord, writeRecord } from './instance-record';
import { findJava } from './java';
import { isInstanceJvm, type StartedJvm, signalJvm, spawnJvm, stopJvms } from './jvm';
import { ensureKeystore } from './keystore';
import type { ResolvedLocalHBaseOptions } from './options';
import { assertPortsFree, reservePorts } from './ports';
import { type InstancePorts, instanceLayout, writeSiteConfig } from './site-config';

const MASTER_MAIN = 'org.apache.hadoop.hbase.master.HMaster';
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
  const classpath = await resolveClasspath(cacheDir, progress, options.mavenTimeout);
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
  // Ctrl-C while the JVMs start: an instance with an owner is killed by `killAtExit`; a reusable
  // one has none, and would stay running, recorded, on its fixed ports. Undone here for both.
  const keepOnSignal = undoOnSignal(() => {
    for (const jvm of jvms) if (isInstanceJvm(jvm.pid, record.dir)) signalJvm(jvm.pid, 'SIGKILL');
    removeFiles(record);
    removeRecord(cacheDir, id);
    reservation.release();
  });
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
    keepOnSignal(); // a signal now still finds them stopped below, or by `killAtExit`
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
    keepOnSignal();
    reservation.release();
  }
}

/** @internal A new id for an instance that is not reused. */
export const newInstanceId = (): string => `run-${process.pid}-${randomBytes(4).toString('hex')}`;
