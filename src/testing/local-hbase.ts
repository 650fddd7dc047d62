import { join } from 'node:path';
import type { ConnectionOptions } from '../client/connection-options';
import { InvalidArgumentError } from '../client/errors';
import { cacheDirectory } from './cache-dir';
import { ProcessExitedError } from './errors';
import { forgetAtExit } from './exit-cleanup';
import { gatewayConnectionOptions, gatewayUrl } from './gateway-options';
import type { LocalGatewayName } from './gateways';
import {
  type InstanceRecord,
  readRecord,
  recordAlive,
  removeFiles,
  removeRecord,
  sweepOrphans,
} from './instance-record';
import { stopJvms } from './jvm';
import { launchInstance, newInstanceId } from './launch';
import { acquireLock } from './lock';
import { type LocalHBaseOptions, type ResolvedLocalHBaseOptions, resolveLocalHBaseOptions } from './options';
import { probeGateway } from './readiness';
import { isReuseKey, REUSE_KEY_RULE } from './reuse-key';

/** The ports of a running {@link LocalHBase}, all drawn at random among the free ones at start. */
export interface LocalHBasePorts {
  /** ZooKeeper's client port. */
  readonly zookeeper: number;
  /** The master's RPC port. */
  readonly master: number;
  /** The region server's RPC port. */
  readonly regionServer: number;
  /** Each gateway's port, by name. */
  readonly gateways: Readonly<Partial<Record<LocalGatewayName, number>>>;
}

/** The web UI ports of a {@link LocalHBase} started with `webUi: true` (on 127.0.0.1). */
export interface LocalHBaseWebUiPorts {
  /** The master's web UI. */
  readonly master: number;
  /** The region server's web UI. */
  readonly regionServer: number;
  /** Each gateway's web UI (`hbase.thrift.info.port`), by name. */
  readonly gateways: Readonly<Partial<Record<LocalGatewayName, number>>>;
}

/**
 * A real standalone HBase (ZooKeeper, master and region server in one Java process) with the
 * Thrift gateways asked for, each a Java process of its own, all on free ports of 127.0.0.1: for
 * test suites. Several run side by side on one machine. It needs Java 17+, and Maven the first
 * time, to fetch HBase's jars (then cached, see {@link cacheDirectory}).
 *
 * @example
 * ```ts
 * import { Connection } from 'hbase-mapper';
 * import { LocalHBase } from 'hbase-mapper/testing';
 *
 * await using hbase = await LocalHBase.start({ gateways: ['thrift1', 'thrift2'] });
 * const connection = new Connection(hbase.connectionOptions('thrift2'));
 * ```
 */
export class LocalHBase {
  readonly #record: InstanceRecord;
  readonly #cacheDir: string;
  readonly #reusable: boolean;
  #stopping: Promise<void> | undefined;

  /** The gateways running, the first being the default of {@link LocalHBase.connectionOptions}. */
  readonly gateways: readonly LocalGatewayName[];
  /** Every port in use. */
  readonly ports: LocalHBasePorts;
  /** The web UI ports, with `webUi: true`; undefined otherwise. */
  readonly webUiPorts: LocalHBaseWebUiPorts | undefined;
  /** The instance's folder: `conf/`, `data/`, `logs/<process>.log`. */
  readonly directory: string;
  /**
   * True when `start()` found a running instance recorded under its `reuse` key instead of
   * starting one (its tables are those the previous runs left).
   */
  readonly reused: boolean;

  private constructor(record: InstanceRecord, cacheDir: string, reusedNow: boolean) {
    this.#record = record;
    this.#cacheDir = cacheDir;
    this.#reusable = record.owner === undefined;
    this.reused = reusedNow;
    // A public start names each gateway by its kind.
    this.gateways = Object.freeze([...record.gateways] as LocalGatewayName[]);
    this.directory = record.dir;
    const gatewayPorts = (key: 'port' | 'infoPort') =>
      Object.freeze(Object.fromEntries(record.gateways.map((g) => [g, record.ports.gateways[g]![key]])));
    this.ports = Object.freeze({
      zookeeper: record.ports.zookeeper,
      master: record.ports.master,
      regionServer: record.ports.regionServer,
      gateways: gatewayPorts('port'),
    });
    this.webUiPorts =
      record.ports.masterInfo > 0
        ? Object.freeze({
            master: record.ports.masterInfo,
            regionServer: record.ports.regionServerInfo,
            gateways: gatewayPorts('infoPort'),
          })
        : undefined;
  }

  /**
   * Starts an instance and resolves once it is ready: the master has finished initializing and
   * every gateway answered a real call. Takes ~20-30 s (the first time also the jar download).
   *
   * @throws `InvalidArgumentError` for bad options (before anything starts), `JavaNotFoundError`,
   *   `MavenNotFoundError`, `ClasspathResolutionError`, `ProcessExitedError`, `StartTimeoutError`
   *   (the last two with the tail of the log), a plain `LocalHBaseError` when another process held
   *   the lock of the `reuse` key too long, and Node.js's own file-system errors (`EACCES`,
   *   `ENOSPC`) when the cache or temporary folder cannot be written; what was started is stopped
   *   first.
   */
  static async start(options?: LocalHBaseOptions): Promise<LocalHBase> {
    const resolved = resolveLocalHBaseOptions(options);
    const cacheDir = cacheDirectory();
    sweepOrphans(cacheDir);
    const key = resolved.reuseKey;
    if (key === undefined) {
      return new LocalHBase(await launchWithRetry(resolved, cacheDir, newInstanceId), cacheDir, false);
    }
    const id = `reuse-${key}`;
    const release = await acquireLock(
      join(cacheDir, 'instances', `${id}.lock`),
      resolved.startTimeout + 15 * 60_000,
    );
    try {
      const found = readRecord(cacheDir, id);
      if (found && (await usable(found, resolved.gateways))) return new LocalHBase(found, cacheDir, true);
      if (found) await stopRecorded(found, cacheDir); // dead, or serving other gateways
      return new LocalHBase(await launchWithRetry(resolved, cacheDir, () => id), cacheDir, false);
    } finally {
      release();
    }
  }

  /**
   * Stops the instance recorded under a `reuse` key (default `default`), if one runs, and
   * removes its files. Resolves to whether one was running.
   */
  static async stopReused(key: string | true = true): Promise<boolean> {
    if (key !== true && !isReuseKey(key)) {
      throw new InvalidArgumentError('key', `true or a key of ${REUSE_KEY_RULE}`, key);
    }
    const cacheDir = cacheDirectory();
    const found = readRecord(cacheDir, `reuse-${key === true ? 'default' : key}`);
    if (!found) return false;
    const alive = recordAlive(found);
    await stopRecorded(found, cacheDir);
    return alive;
  }

  /**
   * The options of a `Connection` (or, with a `size`, a `ConnectionPool`) to a
   * gateway: host, port, transport, protocol, API, and for an https gateway the certificate to trust.
   *
   * @param gateway - one of {@link LocalHBase.gateways} (default: the first).
   */
  connectionOptions(gateway?: LocalGatewayName): ConnectionOptions {
    return gatewayConnectionOptions(this.#record, this.#gateway(gateway));
  }

  /**
   * The connection URL of a gateway, e.g. `hbase://127.0.0.1:23456?api=thrift1`, for `HBASE_URL`.
   * An https gateway's URL works only where its certificate is trusted (see `connectionOptions`).
   *
   * @param gateway - one of {@link LocalHBase.gateways} (default: the first).
   */
  url(gateway?: LocalGatewayName): string {
    return gatewayUrl(this.#record, this.#gateway(gateway));
  }

  /**
   * Stops the Java processes (all at once, SIGKILL after 5 s) and removes the instance's folder
   * (unless `keepData`). An instance started with `reuse` keeps running for the next run instead:
   * {@link LocalHBase.stopReused} stops it. Idempotent.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#reusable ? Promise.resolve() : stopRecorded(this.#record, this.#cacheDir);
    return this.#stopping;
  }

  /** Stops the instance at the end of an `await using` block (see {@link LocalHBase.stop}). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #gateway(gateway: LocalGatewayName | undefined): LocalGatewayName {
    if (gateway === undefined) return this.gateways[0]!;
    if (!this.gateways.includes(gateway)) {
      throw new InvalidArgumentError(
        'gateway',
        `one of the gateways running (${this.gateways.join(', ')})`,
        gateway,
      );
    }
    return gateway;
  }
}

/**
 * Launches, once more on other ports if a JVM could not bind its port: a port is free when drawn,
 * but a program outside our reservations may take it in the seconds before the JVM binds it.
 */
async function launchWithRetry(
  options: ResolvedLocalHBaseOptions,
  cacheDir: string,
  id: () => string,
): Promise<InstanceRecord> {
  try {
    return await launchInstance(options, cacheDir, id());
  } catch (error) {
    const portTaken =
      error instanceof ProcessExitedError && /BindException|Address already in use/.test(error.logTail);
    if (!portTaken) throw error;
    options.onProgress({
      stage: 'start',
      message: `${error.process} found its port taken: starting again on others`,
    });
    return await launchInstance(options, cacheDir, id());
  }
}

/** Whether a recorded instance is alive, serves the gateways wanted, and answers. */
async function usable(record: InstanceRecord, gateways: LocalGatewayName[]): Promise<boolean> {
  if (!gateways.every((g) => record.gateways.includes(g)) || !recordAlive(record)) return false;
  const failures = await Promise.all(gateways.map((g) => probeGateway(gatewayConnectionOptions(record, g))));
  return failures.every((f) => f === undefined);
}

async function stopRecorded(record: InstanceRecord, cacheDir: string): Promise<void> {
  // Gateways and master at once: the data is thrown away, so nothing needs an orderly shutdown.
  await stopJvms(Object.values(record.pids) as number[], record.dir, 5000);
  removeFiles(record);
  removeRecord(cacheDir, record.id);
  forgetAtExit(record.id);
}
