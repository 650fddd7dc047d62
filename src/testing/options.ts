import { InvalidArgumentError } from '../client/errors';
import {
  optionalBoolean,
  optionalInteger,
  requireOneOf,
  requireOptions,
  requireString,
} from '../client/validate';
import { GATEWAY_NAMES, type GatewayDescriptor, type LocalGatewayName } from './gateways';
import type { LocalHBaseProgress } from './progress';
import { isReuseKey, REUSE_KEY_RULE } from './reuse-key';

/** Options of {@link LocalHBase.start}. Every one is optional. */
export interface LocalHBaseOptions {
  /**
   * The gateways to run, each on a free port (default `['thrift1']`). Every gateway is a Java
   * process of its own (~150 MB, ~3 s more start-up CPU): ask for those the tests use.
   */
  gateways?: LocalGatewayName[];
  /**
   * The instance's folder (configuration, data, logs). Default: a new folder in the system's
   * temporary folder. Removed at `stop()` unless `keepData` (only its `data`, `conf` and `logs`
   * subfolders when it is given here). A folder given here has its `data`, `conf` and `logs`
   * subfolders wiped by `start()`, even with `keepData`: every start begins empty (`keepData` keeps
   * them only after `stop()`, to read).
   */
  directory?: string;
  /** Keep the instance's folder at `stop()` (to read its logs, say). Default `false`. */
  keepData?: boolean;
  /**
   * Reuse an instance across runs (a test runner's watch mode): `true`, or a key naming the
   * instance (default key `default`). The first start records it (pids, ports, folder) in the
   * cache folder and leaves it running at `stop()`; later starts with the same key check that it
   * is alive and serves every gateway asked for, and use it (in ~0.1 s). Its tables live on
   * between runs: use {@link tablePrefix} with `unique: true`, or drop what a test creates.
   * {@link LocalHBase.stopReused} stops it for good.
   */
  reuse?: boolean | string;
  /** Java heap of the master (ZooKeeper, master and region server in one JVM), e.g. `'1g'` (default). */
  masterHeap?: string;
  /** Java heap of each gateway, e.g. `'256m'` (default). */
  gatewayHeap?: string;
  /** Milliseconds the start may take once the jars are there (default `180000`). */
  startTimeout?: number;
  /**
   * Run the web UIs (master, region server, each gateway), each on a free port, loopback only
   * (default `false`: fewer ports, a faster start). {@link LocalHBase.webUiPorts} lists them.
   */
  webUi?: boolean;
  /** Told of each step: jar downloads the first time (with a count), the start, readiness. */
  onProgress?: (progress: LocalHBaseProgress) => void;
}

/**
 * @internal Fixed ports of the master's JVM (the project's own HBase, scripts/hbase, runs on
 * well-known ports); those not given are drawn at random.
 */
export interface FixedPorts {
  zookeeper?: number;
  master?: number;
  regionServer?: number;
}

/** @internal The options, validated, with defaults applied. */
export interface ResolvedLocalHBaseOptions {
  gateways: LocalGatewayName[];
  /** The gateways to launch: those of `gateways`, each named by its kind, unless set internally. */
  descriptors: GatewayDescriptor[];
  /** Internal only (the project's scripts): `{}` from the public options. */
  fixedPorts: FixedPorts;
  directory: string | undefined;
  keepData: boolean;
  reuseKey: string | undefined;
  masterHeap: string;
  gatewayHeap: string;
  startTimeout: number;
  webUi: boolean;
  /** Internal only (the project's scripts): how long Maven may take (ms); the default when unset. */
  mavenTimeout?: number;
  onProgress: (progress: LocalHBaseProgress) => void;
}

const OPTION_NAMES = [
  'gateways',
  'directory',
  'keepData',
  'reuse',
  'masterHeap',
  'gatewayHeap',
  'startTimeout',
  'webUi',
  'onProgress',
] as const;

/** A JVM heap size as `-Xmx` takes it. */
function heap(value: unknown, argument: string, fallback: string): string {
  if (value === undefined) return fallback;
  const text = requireString(value, argument);
  if (!/^\d+[kKmMgG]$/.test(text))
    throw new InvalidArgumentError(argument, 'a heap size like 512m or 2g', value);
  return text;
}

/** @internal Validates {@link LocalHBaseOptions} (throwing `InvalidArgumentError`) before anything starts. */
export function resolveLocalHBaseOptions(options: unknown): ResolvedLocalHBaseOptions {
  const o = requireOptions(options, 'options', OPTION_NAMES);
  let gateways: LocalGatewayName[] = ['thrift1'];
  if (o.gateways !== undefined) {
    if (!Array.isArray(o.gateways) || o.gateways.length === 0) {
      throw new InvalidArgumentError(
        'options.gateways',
        `a non-empty array of ${GATEWAY_NAMES.join(', ')}`,
        o.gateways,
      );
    }
    gateways = [
      ...new Set(o.gateways.map((g, i) => requireOneOf(g, `options.gateways[${i}]`, GATEWAY_NAMES))),
    ];
  }
  let reuseKey: string | undefined;
  if (o.reuse === true) reuseKey = 'default';
  else if (typeof o.reuse === 'string') {
    if (!isReuseKey(o.reuse)) {
      throw new InvalidArgumentError('options.reuse', `true or a key of ${REUSE_KEY_RULE}`, o.reuse);
    }
    reuseKey = o.reuse;
  } else if (o.reuse !== undefined && o.reuse !== false) {
    throw new InvalidArgumentError('options.reuse', 'a boolean or a key', o.reuse);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new InvalidArgumentError('options.onProgress', 'a function', o.onProgress);
  }
  return {
    gateways,
    descriptors: gateways.map((name) => ({ name, kind: name })),
    fixedPorts: {},
    directory: o.directory === undefined ? undefined : requireString(o.directory, 'options.directory'),
    keepData: optionalBoolean(o.keepData, 'options.keepData') ?? false,
    reuseKey,
    masterHeap: heap(o.masterHeap, 'options.masterHeap', '1g'),
    gatewayHeap: heap(o.gatewayHeap, 'options.gatewayHeap', '256m'),
    startTimeout: optionalInteger(o.startTimeout, 'options.startTimeout', 1000, 3_600_000) ?? 180_000,
    webUi: optionalBoolean(o.webUi, 'options.webUi') ?? false,
    onProgress: (o.onProgress as ResolvedLocalHBaseOptions['onProgress'] | undefined) ?? (() => {}),
  };
}
