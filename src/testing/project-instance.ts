/**
 * @internal The project's own HBase (scripts/hbase: `npm run hbase:start|stop|status`, the test
 * runners, CI, the benchmarks), run by this kit: fixed ports, named gateways, and a state folder
 * (`.hbase/`) holding the instance and what the kit caches (record, lock, classpath, TLS), so
 * that it outlives the process that started it. Not part of the public API.
 */
import { join } from 'node:path';
import { addGateways } from './add-gateways';
import { LocalHBaseError } from './errors';
import { undoOnSignal } from './exit-cleanup';
import { awaitReady } from './gateway-launch';
import { gatewayConnectionOptions } from './gateway-options';
import type { GatewayDescriptor } from './gateways';
import { type InstanceRecord, readRecord, removeRecord } from './instance-record';
import { findInstanceJvms, isInstanceJvm, stopJvms } from './jvm';
import { launchInstance } from './launch';
import { acquireLock } from './lock';
import { type FixedPorts, type ResolvedLocalHBaseOptions, resolveLocalHBaseOptions } from './options';
import type { LocalHBaseProgress } from './progress';
import { masterInitialized, probeGateway } from './readiness';
import { instanceLayout } from './site-config';

/** @internal What {@link startProjectHBase} takes. */
export interface ProjectHBaseOptions {
  /** The instance's folder, also the cache of its record, lock, classpath and TLS files. */
  stateDir: string;
  /** The instance's key (its record is `<stateDir>/instances/reuse-<key>.json`). */
  key: string;
  gateways: GatewayDescriptor[];
  ports: FixedPorts;
  masterHeap: string;
  gatewayHeap: string;
  startTimeout: number;
  /** How long Maven may take to resolve HBase's jars (ms); the kit's default when undefined. */
  mavenTimeout?: number;
  onProgress: (progress: LocalHBaseProgress) => void;
}

/** @internal What {@link startProjectHBase} found or did. */
export interface ProjectHBaseStart {
  record: InstanceRecord;
  /** The master ran before (gateways may have been added). */
  alreadyRunning: boolean;
  /** The gateways this call started (none: it found them all running). */
  started: string[];
}

const recordId = (key: string) => `reuse-${key}`;
const lockFile = (stateDir: string, key: string) => join(stateDir, 'instances', `${recordId(key)}.lock`);
const alive = (record: InstanceRecord, name: string) => isInstanceJvm(record.pids[name] ?? 0, record.dir);

/** The first process of `names` (and the master) found gone, for readiness. */
const goneOf = (record: InstanceRecord, names: string[]) => () => {
  const name = ['master', ...names].find((n) => !alive(record, n));
  return name === undefined ? undefined : { name, exit: 'process gone' };
};

/** Stops every JVM of the instance in `stateDir`, recorded or not; resolves to the names stopped. */
async function stopAll(stateDir: string, record: InstanceRecord | undefined): Promise<string[]> {
  const named = record ? Object.keys(record.pids).filter((n) => alive(record, n)) : [];
  const recorded = new Set(named.map((n) => record!.pids[n]));
  const orphans = findInstanceJvms(stateDir).filter((pid) => !recorded.has(pid));
  const pids = [...recorded, ...orphans] as number[];
  // The data is thrown away at the next start: nothing needs an orderly shutdown.
  await stopJvms(pids, stateDir, 10_000);
  return [...named, ...orphans.map((pid) => `pid ${pid}`)];
}

/**
 * @internal A gateway of the running instance runs on another port than the one now asked for
 * (e.g. its port's environment variable changed since it started): the callers would connect to
 * the new port, where nothing answers. Stopping the instance is what changes a port.
 */
export class GatewayPortChangedError extends LocalHBaseError {
  /** The gateway's name. */
  readonly gateway: string;
  /** The port it runs on. */
  readonly runningPort: number;
  /** The port asked for. */
  readonly wantedPort: number;

  /**
   * @param gateway - the gateway's name.
   * @param runningPort - the port it runs on.
   * @param wantedPort - the port asked for.
   */
  constructor(gateway: string, runningPort: number, wantedPort: number) {
    super(
      `the ${gateway} gateway runs on port ${runningPort}, not on ${wantedPort} as asked: stop the instance to change its ports`,
    );
    this.gateway = gateway;
    this.runningPort = runningPort;
    this.wantedPort = wantedPort;
  }
}

/** Throws {@link GatewayPortChangedError} for the first running gateway asked for on another port. */
function assertSamePorts(found: InstanceRecord, gateways: GatewayDescriptor[]): void {
  for (const g of gateways) {
    const running = found.ports.gateways[g.name]?.port;
    if (g.port !== undefined && running !== undefined && running !== g.port && alive(found, g.name))
      throw new GatewayPortChangedError(g.name, running, g.port);
  }
}

/**
 * @internal Starts the project's instance, or uses the running one: the gateways it lacks, or
 * whose process is gone (a fault test killed it), are started in it on their recorded or fixed
 * ports. Fresh data on every start of the master. Throws `GatewayPortChangedError` for a running
 * gateway asked for on another port, `PortTakenError` for a taken fixed port,
 * `LockBusyError` when another start or stop kept the lock past `startTimeout`,
 * `InvalidArgumentError` for a bad heap or timeout.
 */
export async function startProjectHBase(options: ProjectHBaseOptions): Promise<ProjectHBaseStart> {
  const checked = resolveLocalHBaseOptions({
    masterHeap: options.masterHeap,
    gatewayHeap: options.gatewayHeap,
    startTimeout: options.startTimeout,
    onProgress: options.onProgress,
  });
  const resolved: ResolvedLocalHBaseOptions = {
    ...checked,
    gateways: options.gateways.map((g) => g.kind),
    descriptors: options.gateways,
    fixedPorts: options.ports,
    directory: options.stateDir,
    keepData: true, // the logs stay readable after a stop (the next start wipes them)
    reuseKey: options.key,
    mavenTimeout: options.mavenTimeout,
  };
  const { stateDir, key } = options;
  const release = await acquireLock(lockFile(stateDir, key), options.startTimeout);
  // Ctrl-C during the start: the JVMs it spawned are stopped first (launchInstance, addGateways),
  // then the lock goes, not left to a dead holder.
  const keepOnSignal = undoOnSignal(release);
  try {
    const found = readRecord(stateDir, recordId(key));
    if (found && alive(found, 'master')) {
      assertSamePorts(found, options.gateways);
      const missing = options.gateways.filter(
        (g) => !found.gateways.includes(g.name) || !alive(found, g.name),
      );
      const record = missing.length > 0 ? await addGateways(found, missing, resolved, stateDir) : found;
      const names = options.gateways.map((g) => g.name);
      // Those found running are waited for too (the master may still be initializing): quietly
      // unless it is (addGateways told of the master already).
      const masterReady = masterInitialized(join(instanceLayout(found.dir).logs, 'master.log'));
      const quiet = missing.length > 0 || masterReady ? { ...resolved, onProgress: () => {} } : resolved;
      await awaitReady(record, names, goneOf(record, names), quiet);
      return { record, alreadyRunning: true, started: missing.map((g) => g.name) };
    }
    const stale = await stopAll(stateDir, found);
    if (stale.length > 0)
      options.onProgress({
        stage: 'start',
        message: `stopped what was left of an instance: ${stale.join(', ')}`,
      });
    removeRecord(stateDir, recordId(key));
    const record = await launchInstance(resolved, stateDir, recordId(key));
    return { record, alreadyRunning: false, started: ['master', ...record.gateways] };
  } finally {
    keepOnSignal();
    release();
  }
}

/**
 * @internal Stops every process of the project's instance (recorded or carrying its folder's
 * marker) and forgets it, keeping its files. Resolves to the names of what was running.
 */
export async function stopProjectHBase(stateDir: string, key: string, waitMs: number): Promise<string[]> {
  const release = await acquireLock(lockFile(stateDir, key), waitMs);
  try {
    const stopped = await stopAll(stateDir, readRecord(stateDir, recordId(key)));
    removeRecord(stateDir, recordId(key));
    return stopped;
  } finally {
    release();
  }
}

/** @internal One process in {@link ProjectHBaseStatus}. */
export interface ProjectProcessStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  port: number;
  /** The master: whether its log says it finished initializing. */
  initialized?: boolean;
  /** A running gateway: undefined when it answered, else why not. */
  failure?: string;
  /** A running gateway: how long its probe took. */
  probeMs?: number;
}

/** @internal What {@link projectHBaseStatus} reports. */
export interface ProjectHBaseStatus {
  /** `running`: the master and every recorded gateway up and answering; `stopped`: nothing alive. */
  state: 'running' | 'partial' | 'stopped';
  processes: ProjectProcessStatus[];
  /** JVMs carrying the folder's marker that no record names. */
  orphans: number[];
  logsDir: string;
}

/** @internal The project's instance as it is: each process alive or not, each gateway probed. */
export async function projectHBaseStatus(stateDir: string, key: string): Promise<ProjectHBaseStatus> {
  const record = readRecord(stateDir, recordId(key));
  const layout = instanceLayout(stateDir);
  const processes: ProjectProcessStatus[] = [];
  if (record) {
    const masterUp = alive(record, 'master');
    processes.push({
      name: 'master',
      pid: record.pids.master,
      running: masterUp,
      port: record.ports.master,
      initialized: masterUp && masterInitialized(join(layout.logs, 'master.log')),
    });
    const gateways = await Promise.all(
      record.gateways.map(async (name): Promise<ProjectProcessStatus> => {
        const running = alive(record, name);
        const entry = { name, pid: record.pids[name], running, port: record.ports.gateways[name]!.port };
        if (!running) return entry;
        const t0 = Date.now();
        const failure = await probeGateway(gatewayConnectionOptions(record, name));
        return { ...entry, failure, probeMs: Date.now() - t0 };
      }),
    );
    processes.push(...gateways);
  }
  const known = new Set(Object.values(record?.pids ?? {}));
  const orphans = findInstanceJvms(stateDir).filter((pid) => !known.has(pid));
  const up = (p: ProjectProcessStatus) => p.running && (p.name === 'master' ? p.initialized : !p.failure);
  const anyAlive = orphans.length > 0 || processes.some((p) => p.running);
  const state =
    record && orphans.length === 0 && processes.every(up) ? 'running' : anyAlive ? 'partial' : 'stopped';
  return { state, processes, orphans, logsDir: layout.logs };
}

/**
 * @internal The pid of a running process (`master` or a gateway) of the project's instance, for
 * the fault tests that kill one; undefined when it does not run.
 */
export function projectProcessPid(stateDir: string, key: string, name: string): number | undefined {
  const record = readRecord(stateDir, recordId(key));
  return record && alive(record, name) ? record.pids[name] : undefined;
}

/** @internal The record of the project's instance (its ports and gateways), if one was started. */
export const projectRecord = (stateDir: string, key: string): InstanceRecord | undefined =>
  readRecord(stateDir, recordId(key));
