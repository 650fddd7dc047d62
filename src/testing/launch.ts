import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveClasspath } from './classpath';
import { ProcessExitedError, StartTimeoutError } from './errors';
import { forgetAtExit, killAtExit } from './exit-cleanup';
import { gatewayConnectionOptions } from './gateway-options';
import { GATEWAY_SPECS, type LocalGatewayName } from './gateways';
import { type InstanceRecord, removeFiles, removeRecord, writeRecord } from './instance-record';
import { findJava } from './java';
import { type StartedJvm, spawnJvm, stopJvms } from './jvm';
import { ensureKeystore } from './keystore';
import type { ResolvedLocalHBaseOptions } from './options';
import { reservePorts } from './ports';
import { waitReady } from './readiness';
import { type InstancePorts, instanceLayout, writeSiteConfig } from './site-config';

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

/** The ports to draw: ZooKeeper, master, region server, one per gateway, and the web UIs' if on. */
function assignPorts(drawn: number[], gateways: LocalGatewayName[], webUi: boolean): InstancePorts {
  const next = () => drawn.shift()!;
  const info = () => (webUi ? next() : -1);
  return {
    zookeeper: next(),
    master: next(),
    masterInfo: info(),
    regionServer: next(),
    regionServerInfo: info(),
    gateways: Object.fromEntries(gateways.map((g) => [g, { port: next(), infoPort: info() }])),
  };
}

/**
 * @internal Starts a fresh instance: checks Java, resolves the jars, draws and reserves free ports,
 * writes the configuration, starts the master and the gateways (at once: a gateway's JVM start-up
 * overlaps the master's, and it retries ZooKeeper), and waits until all are ready. On failure,
 * stops what it started and removes its files before rejecting.
 */
export async function launchInstance(
  options: ResolvedLocalHBaseOptions,
  cacheDir: string,
  id: string,
): Promise<InstanceRecord> {
  const progress = options.onProgress;
  const runtime = await findJava();
  const classpath = await resolveClasspath(cacheDir, progress);
  const needsTls = options.gateways.some((g) => GATEWAY_SPECS[g].tls);
  const keystore = needsTls ? await ensureKeystore(cacheDir, runtime.keytool) : undefined;
  const portCount = 3 + options.gateways.length + (options.webUi ? 2 + options.gateways.length : 0);
  const reservation = await reservePorts(cacheDir, portCount);
  const ports = assignPorts([...reservation.ports], options.gateways, options.webUi);
  const ownDir = options.directory === undefined;
  let dir: string;
  try {
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
    gateways: options.gateways,
    caPem: keystore?.caPem,
    owner: options.reuseKey === undefined ? process.pid : undefined,
  };
  const jvms: StartedJvm[] = [];
  try {
    for (const sub of ['data', 'conf', 'logs']) rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(layout.data, { recursive: true });
    const logFile = (name: string) => join(layout.logs, `${name}.log`);
    const start = (name: 'master' | LocalGatewayName, mainClass: string, heap: string, args: string[]) => {
      const jvm = spawnJvm({
        java: runtime.java,
        dir,
        name,
        mainClass,
        confDir: writeSiteConfig(layout, ports, name, keystore),
        classpath,
        heap,
        args,
        logFile: logFile(name),
      });
      jvms.push(jvm);
      record.pids[name] = jvm.pid;
    };
    progress({ stage: 'start', message: `starting HBase in ${dir}` });
    start('master', MASTER_MAIN, options.masterHeap, ['start']);
    for (const name of options.gateways) {
      const spec = GATEWAY_SPECS[name];
      // The HTTP server takes no server type; sockets get the thread-pool server (one thread per
      // connection), which serves both transports.
      const type = spec.transport === 'http' ? [] : ['-threadpool'];
      start(name, THRIFT_MAIN[spec.api], options.gatewayHeap, [
        '-p',
        String(ports.gateways[name]!.port),
        ...type,
        'start',
      ]);
    }
    writeRecord(cacheDir, record);
    if (record.owner !== undefined) killAtExit(record, cacheDir);
    const readiness = await waitReady({
      masterLog: logFile('master'),
      gateways: options.gateways.map((name) => ({ name, options: gatewayConnectionOptions(record, name) })),
      exited: () => jvms.find((j) => j.exit !== undefined)?.name,
      deadline: Date.now() + options.startTimeout,
      onReady: (what) => progress({ stage: 'ready', message: `${what} ready` }),
    });
    if (!readiness.ready) {
      if ('exited' in readiness) {
        const jvm = jvms.find((j) => j.name === readiness.exited)!;
        throw new ProcessExitedError(jvm.name, jvm.exit!, lastLines(logFile(jvm.name)));
      }
      throw new StartTimeoutError(
        options.startTimeout,
        readiness.waitingFor,
        lastLines(logFile(readiness.log)),
      );
    }
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

/** @internal A new id for an instance that is not reused. */
export const newInstanceId = (): string => `run-${process.pid}-${randomBytes(4).toString('hex')}`;
