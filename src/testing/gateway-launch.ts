import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessExitedError, StartTimeoutError } from './errors';
import { gatewayConnectionOptions } from './gateway-options';
import { GATEWAY_SPECS, type GatewayDescriptor } from './gateways';
import type { InstanceRecord } from './instance-record';
import { type StartedJvm, spawnJvm } from './jvm';
import type { ResolvedLocalHBaseOptions } from './options';
import { waitReady } from './readiness';
import { instanceLayout, type KeystoreFiles, writeSiteConfig } from './site-config';

// thrift2's server extends thrift1's (same options, same hbase-site keys), swapping the processor.
/** @internal The main class of each gateway API. */
export const THRIFT_MAIN = {
  thrift1: 'org.apache.hadoop.hbase.thrift.ThriftServer',
  thrift2: 'org.apache.hadoop.hbase.thrift2.ThriftServer',
};

/** @internal The last lines of a log, for an error message. */
export function lastLines(file: string, count = 40): string {
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

/** @internal What a gateway JVM needs besides its descriptor. */
export interface GatewayLaunch {
  java: string;
  classpath: string;
  heap: string;
  keystore: KeystoreFiles | undefined;
}

/** @internal Starts one gateway JVM of `record` (its port already in `record.ports`). */
export function spawnGateway(
  record: InstanceRecord,
  gateway: GatewayDescriptor,
  launch: GatewayLaunch,
): StartedJvm {
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

/** @internal Records a gateway's kind and own settings when its name alone does not tell them. */
export function describeInRecord(record: InstanceRecord, gateway: GatewayDescriptor): void {
  if (gateway.kind !== gateway.name) record.kinds = { ...record.kinds, [gateway.name]: gateway.kind };
  if (gateway.siteProperties)
    record.siteProperties = { ...record.siteProperties, [gateway.name]: gateway.siteProperties };
}

/** @internal The first of `jvms` that ended, if any. */
export const firstExited = (jvms: StartedJvm[]): ExitedProcess => {
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
