import { readFileSync } from 'node:fs';
import { Connection } from '../client/connection';
import type { ConnectionOptions } from '../client/connection-options';

const PROBE_TIMEOUT_MS = 5000;
const PROBE_INTERVAL_MS = 500;
/**
 * A gateway answers getTableNames as soon as hbase:meta is open, seconds before the master has
 * finished initializing (a createTable then stalls in PleaseHoldException retries): the master's
 * own log line is the second gate.
 */
const MASTER_READY_LINE = 'Master has completed initialization';

/** @internal True once the master's log says it finished initializing. */
export function masterInitialized(masterLog: string): boolean {
  try {
    return readFileSync(masterLog, 'utf8').includes(MASTER_READY_LINE);
  } catch {
    return false;
  }
}

/**
 * @internal One real round trip through this library (`tables()`): a gateway accepts connections
 * long before HBase can serve, so only an answer counts. Never throws.
 */
export async function probeGateway(
  options: ConnectionOptions,
  cancel?: ProbeCancel,
): Promise<string | undefined> {
  if (cancel?.cancelled) return 'cancelled';
  const connection = new Connection({ ...options, timeout: PROBE_TIMEOUT_MS });
  // Closing rejects the call in flight at once (ConnectionClosedError): an abandoned probe ends now.
  const close = () => void connection.close().catch(() => {});
  cancel?.closers.add(close);
  try {
    await connection.tables();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  } finally {
    cancel?.closers.delete(close);
    await connection.close().catch(() => {});
  }
}

/** @internal How {@link waitReady} ends the probes still in flight when it resolves. */
export interface ProbeCancel {
  cancelled: boolean;
  /** Each probe in flight registers here how to close its connection. */
  closers: Set<() => void>;
}

/** @internal What {@link waitReady} watches. */
export interface ReadinessTarget {
  masterLog: string;
  gateways: Array<{ name: string; options: ConnectionOptions }>;
  /** The name of a process that has exited, if any (checked between probes). */
  exited(): string | undefined;
  deadline: number;
  onReady(what: string): void;
}

/** @internal Why the instance is not ready (resolves once it is, or the deadline passed). */
export type Readiness =
  | { ready: true }
  | { ready: false; exited: string }
  | { ready: false; waitingFor: string; log: string };

/**
 * @internal Waits until the master has initialized and every gateway answers. Each gateway is
 * probed on its own cadence, one probe in flight. Thrift2 gateways are probed only once the
 * master is up: their probe is a master call that otherwise just hangs until its timeout. Probes
 * still in flight when it resolves are closed and settled first: none outlives the start (whose
 * failure then stops the JVMs they talk to).
 */
export async function waitReady(target: ReadinessTarget): Promise<Readiness> {
  const cancel: ProbeCancel = { cancelled: false, closers: new Set() };
  const inflight = new Set<Promise<void>>();
  try {
    return await watch(target, cancel, inflight);
  } finally {
    cancel.cancelled = true;
    for (const close of cancel.closers) close();
    await Promise.allSettled(inflight);
  }
}

async function watch(
  target: ReadinessTarget,
  cancel: ProbeCancel,
  inflight: Set<Promise<void>>,
): Promise<Readiness> {
  const state = new Map(
    target.gateways.map((g) => [g.name, { ok: false, inflight: false, nextAt: 0, last: 'not probed yet' }]),
  );
  let master = false;
  for (;;) {
    const exited = target.exited();
    if (exited) return { ready: false, exited };
    if (!master && masterInitialized(target.masterLog)) {
      master = true;
      target.onReady('master');
    }
    if (master && [...state.values()].every((s) => s.ok)) return { ready: true };
    const now = Date.now();
    if (now >= target.deadline) {
      if (!master) return { ready: false, waitingFor: 'master: not initialized', log: 'master' };
      const [name, s] = [...state.entries()].find(([, s]) => !s.ok)!;
      return { ready: false, waitingFor: `${name}: ${s.last}`, log: name };
    }
    for (const { name, options } of target.gateways) {
      const s = state.get(name)!;
      if (s.ok || s.inflight || now < s.nextAt || (!master && options.api === 'thrift2')) continue;
      s.inflight = true;
      const probe = probeGateway(options, cancel).then((failure) => {
        inflight.delete(probe);
        if (cancel.cancelled) return;
        Object.assign(s, { inflight: false, nextAt: Date.now() + PROBE_INTERVAL_MS, last: failure ?? 'ok' });
        if (failure === undefined) {
          s.ok = true;
          target.onReady(name);
        }
      });
      inflight.add(probe);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
