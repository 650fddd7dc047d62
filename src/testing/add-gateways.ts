import { resolveClasspath } from './classpath';
import { undoOnSignal } from './exit-cleanup';
import { awaitReady, describeInRecord, firstExited, spawnGateway } from './gateway-launch';
import { GATEWAY_SPECS, type GatewayDescriptor } from './gateways';
import { type InstanceRecord, writeRecord } from './instance-record';
import { findJava } from './java';
import { isInstanceJvm, type StartedJvm, signalJvm, stopJvms } from './jvm';
import { ensureKeystore } from './keystore';
import type { ResolvedLocalHBaseOptions } from './options';
import { assertPortsFree, reservePorts } from './ports';

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
  const classpath = await resolveClasspath(cacheDir, progress, options.mavenTimeout);
  const needsTls = gateways.some((g) => GATEWAY_SPECS[g.kind].tls);
  const keystore = needsTls ? await ensureKeystore(cacheDir, runtime.keytool) : undefined;
  const toDraw = gateways.filter((g) => g.port === undefined && !record.ports.gateways[g.name]);
  const webUi = record.ports.masterInfo > 0;
  const reservation = await reservePorts(cacheDir, toDraw.length * (webUi ? 2 : 1));
  const drawn = [...reservation.ports];
  const updated: InstanceRecord = structuredClone(record);
  if (keystore) updated.caPem = keystore.caPem;
  const jvms: StartedJvm[] = [];
  // Ctrl-C while they start: the new gateways go, the record is the one before (the rest of the
  // instance keeps running: it was there before this call).
  const keepOnSignal = undoOnSignal(() => {
    for (const jvm of jvms) if (isInstanceJvm(jvm.pid, record.dir)) signalJvm(jvm.pid, 'SIGKILL');
    writeRecord(cacheDir, record);
    reservation.release();
  });
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
    keepOnSignal();
    await stopJvms(
      jvms.map((j) => j.pid),
      record.dir,
      0,
    );
    writeRecord(cacheDir, record);
    throw error;
  } finally {
    keepOnSignal();
    reservation.release();
  }
}
