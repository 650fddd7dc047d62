// One benchmark workload with hbase-mapper, in its own process. The command line and the JSON it
// prints are the same as bench/python/runner.py's, so the orchestrator (bench/run.mjs) treats the
// three libraries alike. Usage: node .build/bench/ts/runner.js --workload=put-get --table=... --n=...
import * as hbase from 'hbase-mapper';
import { Connection, type ConnectionOptions, ConnectionPool, Repository, type Table } from 'hbase-mapper';
import { cellValue, parseArgs, type RunnerArgs, randomIndexes, rowKey } from './cli';
import { decodePersonRow, Person, personCells } from './entity';

interface Measurement {
  ops: number;
  unit: 'ops' | 'rows';
  seconds: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  /** How many times the workload's pass ran in the timed part. */
  passes: number;
  check?: Record<string, number>;
}

/**
 * Times passes of a workload: `pass(p)` does one pass (the `n` operations of the workload) and
 * returns how many operations it did; passes repeat until `minSeconds` have passed (at least one),
 * so that a sample is long enough not to be moved by the scheduler of a shared machine. Measures
 * the wall clock and this process's CPU time (every thread: JS, GC helpers, libuv). The markers
 * on stderr let the orchestrator read the servers' CPU time around exactly this part.
 */
async function timedPasses(
  args: RunnerArgs,
  unit: Measurement['unit'],
  pass: (p: number) => Promise<number>,
  check?: () => Record<string, number>,
): Promise<Measurement> {
  if (MARKERS) process.stderr.write('@timed-start\n');
  const cpu = process.cpuUsage();
  const start = performance.now();
  let ops = 0;
  let passes = 0;
  do ops += await pass(passes++);
  while (performance.now() - start < args.minSeconds * 1000);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (MARKERS) process.stderr.write('@timed-end\n');
  const checked = check?.();
  return {
    ops,
    unit,
    seconds,
    cpuUserSeconds: used.user / 1e6,
    cpuSystemSeconds: used.system / 1e6,
    passes,
    ...(checked ? { check: checked } : {}),
  };
}

/** Whether to write the markers (set by bench/lib/run-one.mjs; other callers need not see them). */
const MARKERS = process.env.BENCH_TIMED_MARKERS === '1';

/**
 * Keys of pass `p` of a writing workload: every timed pass writes new rows. A run of one pass
 * (`minSeconds` 0: the orchestrator's preloads) writes the keys the reading workloads expect.
 */
const passPrefix = (args: RunnerArgs, p: number) =>
  args.minSeconds > 0 ? `${args.keyPrefix}p${p}_` : args.keyPrefix;

function connectionOptions(args: RunnerArgs): ConnectionOptions {
  return {
    host: args.host,
    port: args.port,
    transport: args.transport,
    protocol: args.protocol,
    timeout: 120_000,
    // bench/secure.mjs: the `auth` option of its secure gateways (JSON in BENCH_AUTH).
    ...(process.env.BENCH_AUTH ? { auth: JSON.parse(process.env.BENCH_AUTH) } : {}),
  };
}

const FOUR_COLUMNS = ['d:c0', 'd:c1', 'd:c2', 'd:c3'];

async function putGet(args: RunnerArgs): Promise<Measurement> {
  await using connection = new Connection(connectionOptions(args));
  const table = connection.table(args.table);
  const value = cellValue(0, 0, args.valueSize);
  const once = async (key: string) => {
    await table.put(key, { 'd:c0': value });
    const row = await table.row(key);
    if (row['d:c0']?.length !== value.length) throw new Error(`row ${key} did not come back`);
  };
  for (let i = 0; i < args.warmup; i++) await once(rowKey(`${args.keyPrefix}w`, i));
  return await timedPasses(args, 'ops', async (p) => {
    for (let i = 0; i < args.n; i++) await once(rowKey(passPrefix(args, p), i));
    return args.n * 2;
  });
}

/** Many concurrent gets; `pick` says which connection serves a worker. */
async function concurrentGets(
  args: RunnerArgs,
  get: (worker: number, key: string) => Promise<Record<string, Buffer>>,
): Promise<Measurement> {
  const indexes = randomIndexes(args.seed, args.warmup + args.n, args.dataRows);
  const run = async (from: number, to: number) => {
    let next = from;
    let found = 0;
    await Promise.all(
      Array.from({ length: args.concurrency }, async (_, worker) => {
        for (let i = next++; i < to; i = next++) {
          const row = await get(worker, rowKey('r', indexes[i]!));
          if (row['d:c0'] !== undefined) found++;
        }
      }),
    );
    if (found !== to - from) throw new Error(`${to - from - found} of ${to - from} rows missing`);
  };
  await run(0, args.warmup);
  // Every pass reads the same random keys (the sequence is the same in every runner).
  return await timedPasses(args, 'ops', async () => {
    await run(args.warmup, args.warmup + args.n);
    return args.n;
  });
}

async function poolGet(args: RunnerArgs): Promise<Measurement> {
  await using pool = new ConnectionPool({ size: args.poolSize, ...connectionOptions(args) });
  return await concurrentGets(args, (_, key) => pool.connection((c) => c.table(args.table).row(key)));
}

/** TS only: the same gets pipelined over `poolSize` shared connections instead of leased ones. */
async function pipelinedGet(args: RunnerArgs): Promise<Measurement> {
  const connections = Array.from({ length: args.poolSize }, () => new Connection(connectionOptions(args)));
  const tables = connections.map((c) => c.table(args.table));
  try {
    return await concurrentGets(args, (worker, key) => tables[worker % tables.length]!.row(key));
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
}

async function load(table: Table, args: RunnerArgs, prefix: string, rows: number): Promise<void> {
  const values = FOUR_COLUMNS.map((_, c) => cellValue(0, c, args.valueSize));
  await table.batch({ batchSize: args.batchSize }, async (batch) => {
    for (let i = 0; i < rows; i++) {
      await batch.put(rowKey(prefix, i), {
        'd:c0': values[0]!,
        'd:c1': values[1]!,
        'd:c2': values[2]!,
        'd:c3': values[3]!,
      });
    }
  });
}

async function bulkLoad(args: RunnerArgs): Promise<Measurement> {
  await using connection = new Connection(connectionOptions(args));
  const table = connection.table(args.table);
  // One untimed load of the same size, in every runner (see bench/README.md).
  if (args.warmup > 0) await load(table, args, `${args.keyPrefix}w`, args.n);
  return await timedPasses(args, 'rows', async (p) => {
    await load(table, args, passPrefix(args, p), args.n);
    return args.n;
  });
}

async function scan(args: RunnerArgs): Promise<Measurement> {
  await using connection = new Connection(connectionOptions(args));
  const table = connection.table(args.table);
  const options = {
    batchSize: args.batchSize,
    ...(args.keyPrefix ? { rowPrefix: args.keyPrefix } : {}),
    ...(args.columns.length > 0 ? { columns: args.columns } : {}),
  };
  // One untimed pass over the same rows (the first `warmup` of them), in every runner (see
  // bench/README.md).
  if (args.warmup > 0) {
    for await (const _ of table.scan({
      ...options,
      ...(args.warmup < args.n ? { limit: args.warmup } : {}),
    }));
  }
  let cells = 0;
  return await timedPasses(
    args,
    'rows',
    async () => {
      let rows = 0;
      for await (const [, data] of table.scan(options)) {
        rows++;
        for (const _ in data) cells++;
      }
      if (rows !== args.n) throw new Error(`scanned ${rows} rows, expected ${args.n}`);
      return rows;
    },
    () => ({ cells }),
  );
}

async function counters(args: RunnerArgs): Promise<Measurement> {
  await using connection = new Connection(connectionOptions(args));
  const table = connection.table(args.table);
  for (let i = 0; i < args.warmup; i++) await table.counterInc(`${args.keyPrefix}w`, 'c:n');
  return await timedPasses(args, 'ops', async (p) => {
    let last = 0n;
    for (let i = 0; i < args.n; i++) last = await table.counterInc(args.keyPrefix, 'c:n');
    const expected = BigInt(args.n * (p + 1));
    if (last !== expected) throw new Error(`counter is ${last}, expected ${expected}`);
    return args.n;
  });
}

// Mapper overhead: the same work through a Repository and through the raw client by hand.

function mapperConnection(args: RunnerArgs): Connection {
  return new Connection({ ...connectionOptions(args), tablePrefix: args.prefix });
}

export function person(i: number): Person {
  return Object.assign(new Person(), {
    id: `${i}`,
    name: `name ${i}`,
    age: i % 100,
    score: i / 7,
    email: `user${i}@example.com`,
  });
}

async function mapperSave(args: RunnerArgs): Promise<Measurement> {
  await using connection = mapperConnection(args);
  const repository = new Repository(Person, connection);
  const table = connection.table('entities');
  const save =
    args.variant === 'repository'
      ? (entity: Person) => repository.save(entity)
      : (entity: Person) => table.put(entity.id, personCells(entity));
  const keyed = (prefix: string, i: number) => {
    const entity = person(i);
    entity.id = rowKey(prefix, i);
    return entity;
  };
  for (let i = 0; i < args.warmup; i++) await save(keyed(`${args.keyPrefix}w`, i));
  return await timedPasses(args, 'ops', async (p) => {
    for (let i = 0; i < args.n; i++) await save(keyed(passPrefix(args, p), i));
    return args.n;
  });
}

async function mapperFind(args: RunnerArgs): Promise<Measurement> {
  await using connection = mapperConnection(args);
  const repository = new Repository(Person, connection);
  const table = connection.table('entities');
  const find =
    args.variant === 'repository'
      ? (id: string) => repository.findOne(id)
      : async (id: string) => decodePersonRow(Buffer.from(id), await table.row(id));
  const indexes = randomIndexes(args.seed, args.warmup + args.n, args.dataRows);
  const read = async (i: number) => {
    const entity = await find(rowKey(args.keyPrefix, indexes[i]!));
    if (entity?.email === undefined) throw new Error(`entity ${indexes[i]} not found`);
  };
  for (let i = 0; i < args.warmup; i++) await read(i);
  return await timedPasses(args, 'ops', async () => {
    for (let i = args.warmup; i < args.warmup + args.n; i++) await read(i);
    return args.n;
  });
}

async function mapperScan(args: RunnerArgs): Promise<Measurement> {
  await using connection = mapperConnection(args);
  const repository = new Repository(Person, connection);
  const table = connection.table('entities');
  const iterate = async (limit: number | undefined): Promise<number> => {
    let count = 0;
    if (args.variant === 'repository') {
      for await (const entity of repository.scan({
        prefix: args.keyPrefix,
        batchSize: args.batchSize,
        ...(limit ? { limit } : {}),
      })) {
        if (entity.email !== undefined) count++;
      }
    } else {
      for await (const [key, data] of table.scan({
        rowPrefix: args.keyPrefix,
        batchSize: args.batchSize,
        ...(limit ? { limit } : {}),
      })) {
        if (decodePersonRow(key, data)?.email !== undefined) count++;
      }
    }
    return count;
  };
  if (args.warmup > 0) await iterate(args.warmup < args.n ? args.warmup : undefined); // as for the scans
  return await timedPasses(args, 'rows', async () => {
    const rows = await iterate(undefined);
    if (rows !== args.n) throw new Error(`scanned ${rows} entities, expected ${args.n}`);
    return rows;
  });
}

// Slots of the scale benchmark (bench/scale.mjs) for APIs that other branches add: each runs when
// this build has the API (a feature test, not a flag) and otherwise reports "not available in this
// build", which the orchestrator prints and skips.

/** Thrown when the build lacks the API a workload measures. */
class NotInThisBuild extends Error {}

type ScanLike = (options: Record<string, unknown>) => AsyncIterable<[Buffer, Record<string, Buffer>]>;

/**
 * The region-parallel scan of this build, or undefined. Looks for `table.parallelScan(options)`,
 * then for a `parallel` option of `table.scan` (an unknown option is rejected before anything is
 * sent). Wire the final API here once it is merged.
 */
async function parallelScanOf(table: Table, parallel: number): Promise<ScanLike | undefined> {
  const t = table as unknown as Record<string, unknown>;
  if (typeof t.parallelScan === 'function') {
    return (options) => (t.parallelScan as ScanLike).call(table, { ...options, parallel });
  }
  const withParallel: ScanLike = (options) =>
    table.scan({ ...options, parallel } as Parameters<Table['scan']>[0]) as AsyncIterable<
      [Buffer, Record<string, Buffer>]
    >;
  try {
    for await (const _ of withParallel({ limit: 1 })) break;
    return withParallel;
  } catch (error) {
    if ((error as Error).name === 'InvalidArgumentError') return undefined;
    throw error;
  }
}

/** `scan-parallel`: the full scan of `scan-full` through the region-parallel scan, unordered. */
async function scanParallel(args: RunnerArgs): Promise<Measurement> {
  // Over a single connection the lanes would share one socket: the parallelism comes from a pool
  // (a lease per lane, issue 17 item 1).
  await using pool = new ConnectionPool({ size: args.parallel, ...connectionOptions(args) });
  const table = await pool.connection(async (c) => c.table(args.table));
  const scan = await parallelScanOf(table, args.parallel);
  if (scan === undefined) throw new NotInThisBuild('region-parallel scan (table.scan({ parallel }))');
  const options = { batchSize: args.batchSize };
  if (args.warmup > 0) for await (const _ of scan({ ...options, limit: Math.min(args.warmup, args.n) }));
  let cells = 0;
  return await timedPasses(
    args,
    'rows',
    async () => {
      let rows = 0;
      for await (const [, data] of scan(options)) {
        rows++;
        for (const _ in data) cells++;
      }
      if (rows !== args.n) throw new Error(`scanned ${rows} rows, expected ${args.n}`);
      return rows;
    },
    () => ({ cells }),
  );
}

interface BulkWriterLike {
  put(row: string, cells: Record<string, Buffer>): unknown;
  close(): Promise<unknown>;
}

type BulkWriterFactory = (
  source: ConnectionPool,
  table: string,
  options: { parallel: number },
) => BulkWriterLike;

/**
 * The bulk writer of this build (`bulkWriter(pool, table, { parallel })`, issue 17 item 2), or
 * undefined in a build without it (an older snapshot under `bench/ab.mjs`).
 */
function bulkWriterOf(
  pool: ConnectionPool,
  table: string,
  parallel: number,
): (() => BulkWriterLike) | undefined {
  const factory = (hbase as Record<string, unknown>).bulkWriter;
  if (typeof factory !== 'function') return undefined;
  return () => (factory as BulkWriterFactory)(pool, table, { parallel });
}

/** `bulk-writer`: the rows of `bulk-load` through the bulk writer (regions written in parallel). */
async function bulkWriterLoad(args: RunnerArgs): Promise<Measurement> {
  // A lease per batch in flight: the writer's parallelism comes from the pool.
  await using pool = new ConnectionPool({ size: args.parallel, ...connectionOptions(args) });
  const open = bulkWriterOf(pool, args.table, args.parallel);
  if (open === undefined) throw new NotInThisBuild('bulk writer (bulkWriter(pool, table))');
  const values = FOUR_COLUMNS.map((_, c) => cellValue(0, c, args.valueSize));
  const write = async (prefix: string, rows: number) => {
    const writer = open();
    for (let i = 0; i < rows; i++) {
      await writer.put(rowKey(prefix, i), {
        'd:c0': values[0]!,
        'd:c1': values[1]!,
        'd:c2': values[2]!,
        'd:c3': values[3]!,
      });
    }
    await writer.close();
  };
  if (args.warmup > 0) await write(`${args.keyPrefix}w`, Math.min(args.warmup, args.n));
  return await timedPasses(args, 'rows', async (p) => {
    await write(passPrefix(args, p), args.n);
    return args.n;
  });
}

const WORKLOADS: Record<string, (args: RunnerArgs) => Promise<Measurement>> = {
  'put-get': putGet,
  'pool-get': poolGet,
  'pipelined-get': pipelinedGet,
  'bulk-load': bulkLoad,
  'scan-full': scan,
  'scan-columns': scan,
  counters,
  'mapper-save': mapperSave,
  'mapper-find': mapperFind,
  'mapper-scan': mapperScan,
  'scan-parallel': scanParallel,
  'bulk-writer': bulkWriterLoad,
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const workload = WORKLOADS[args.workload];
  if (!workload) throw new Error(`unknown workload ${args.workload}`);
  let measurement: Measurement;
  try {
    measurement = await workload(args);
  } catch (error) {
    if (!(error instanceof NotInThisBuild)) throw error;
    const unavailable = `not available in this build: ${error.message}`;
    process.stdout.write(
      `${JSON.stringify({ lib: 'hbase-mapper', workload: args.workload, unavailable })}\n`,
    );
    return;
  }
  const result = {
    lib: 'hbase-mapper',
    workload: args.workload,
    ...(args.workload.startsWith('mapper-') ? { variant: args.variant } : {}),
    ...measurement,
    peakRssKb: process.resourceUsage().maxRSS,
    runtime: `node ${process.version}`,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
