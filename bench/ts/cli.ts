// The runner's command line, the same as bench/python/runner.py's: `--name=value` pairs.

export interface RunnerArgs {
  lib: string;
  workload: string;
  host: string;
  port: number;
  transport: 'buffered' | 'framed';
  protocol: 'binary' | 'compact';
  /** Full table name (no prefix is applied). */
  table: string;
  /** Table prefix, for the mapper workloads (the entity's table is `<prefix>_entities`). */
  prefix: string;
  /** Operations (or rows) to time. */
  n: number;
  /** Untimed operations first, to warm up the JIT/caches and open connections. */
  warmup: number;
  concurrency: number;
  poolSize: number;
  batchSize: number;
  valueSize: number;
  keyPrefix: string;
  /** Rows of the preloaded data table (random gets pick keys below it). */
  dataRows: number;
  /** Comma-separated columns for scans; empty = all. */
  columns: string[];
  /** Mapper workloads: `raw` (the client by hand) or `repository`. */
  variant: 'raw' | 'repository';
  seed: number;
  /**
   * The timed part repeats its pass (`n` operations) until this many seconds have passed, so that
   * every sample is long enough to be steady on a shared machine; 0 = one pass.
   */
  minSeconds: number;
  /** Scanners in flight for `scan-parallel` (the scale benchmark). */
  parallel: number;
}

export function parseArgs(argv: string[]): RunnerArgs {
  const raw = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (!match) throw new Error(`bad argument ${JSON.stringify(arg)}: expected --name=value`);
    raw.set(match[1]!, match[2]!);
  }
  const str = (name: string, fallback?: string): string => {
    const value = raw.get(name) ?? fallback;
    if (value === undefined) throw new Error(`missing --${name}`);
    return value;
  };
  const int = (name: string, fallback?: number): number => {
    const value = Number(str(name, fallback === undefined ? undefined : String(fallback)));
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be an integer >= 0`);
    return value;
  };
  const transport = str('transport', 'buffered');
  const protocol = str('protocol', 'binary');
  const variant = str('variant', 'raw');
  if (transport !== 'buffered' && transport !== 'framed') throw new Error('--transport: buffered|framed');
  if (protocol !== 'binary' && protocol !== 'compact') throw new Error('--protocol: binary|compact');
  if (variant !== 'raw' && variant !== 'repository') throw new Error('--variant: raw|repository');
  const columns = str('columns', '');
  return {
    lib: str('lib', 'ts'),
    workload: str('workload'),
    host: str('host', 'localhost'),
    port: int('port', 9090),
    transport,
    protocol,
    table: str('table', ''),
    prefix: str('prefix', ''),
    n: int('n'),
    warmup: int('warmup', 0),
    concurrency: int('concurrency', 64),
    poolSize: int('pool-size', 8),
    batchSize: int('batch-size', 1000),
    valueSize: int('value-size', 100),
    keyPrefix: str('key-prefix', 'k'),
    dataRows: int('data-rows', 0),
    columns: columns === '' ? [] : columns.split(','),
    variant,
    seed: int('seed', 1),
    minSeconds: Number(str('min-seconds', '0')),
    parallel: int('parallel', 4),
  };
}

/** Row key `<prefix><i, 8 digits>`, the same in every runner. */
export function rowKey(prefix: string, i: number): string {
  return prefix + String(i).padStart(8, '0');
}

/** The key sequence of the random-read workloads: xorshift32, the same in every runner. */
export function randomIndexes(seed: number, count: number, below: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x % below;
  }
  return out;
}

/** A value of `size` bytes that varies with the row, the same in every runner. */
export function cellValue(i: number, column: number, size: number): Buffer {
  const head = `${i}:${column}:`;
  const buffer = Buffer.alloc(size, 0x78); // 'x'
  buffer.write(head.slice(0, size), 0, 'latin1');
  return buffer;
}
