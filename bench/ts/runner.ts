// One benchmark workload with hbase-mapper, in its own process. The command line and the JSON it
// prints are the same as bench/python/runner.py's, so the orchestrator (bench/run.mjs) treats the
// three libraries alike. Usage: node .build/bench/ts/runner.js --workload=put-get --table=... --n=...
import { Connection, type ConnectionOptions, ConnectionPool, Repository, type Table } from 'hbase-mapper';
import { cellValue, parseArgs, type RunnerArgs, randomIndexes, rowKey } from './cli';
import { decodePersonRow, Person, personCells } from './entity';

interface Measurement {
  ops: number;
  unit: 'ops' | 'rows';
  seconds: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  check?: Record<string, number>;
}

/** Times `fn`: wall clock and this process's CPU time (every thread: JS, GC helpers, libuv). */
async function timed(
  ops: number,
  unit: Measurement['unit'],
  fn: () => Promise<Record<string, number> | undefined>,
): Promise<Measurement> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const check = await fn();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    ops,
    unit,
    seconds,
    cpuUserSeconds: used.user / 1e6,
    cpuSystemSeconds: used.system / 1e6,
    ...(check ? { check } : {}),
  };
}

function connectionOptions(args: RunnerArgs): ConnectionOptions {
  return {
    host: args.host,
    port: args.port,
    transport: args.transport,
    protocol: args.protocol,
    timeout: 120_000,
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
  return await timed(args.n * 2, 'ops', async () => {
    for (let i = 0; i < args.n; i++) await once(rowKey(args.keyPrefix, i));
    return undefined;
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
  return await timed(args.n, 'ops', async () => {
    await run(args.warmup, args.warmup + args.n);
    return undefined;
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
  return await timed(args.n, 'rows', async () => {
    await load(table, args, args.keyPrefix, args.n);
    return undefined;
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
  // One untimed pass over the same rows, in every runner (see bench/README.md).
  if (args.warmup > 0) {
    for await (const _ of table.scan(options));
  }
  return await timed(args.n, 'rows', async () => {
    let rows = 0;
    let cells = 0;
    for await (const [, data] of table.scan(options)) {
      rows++;
      for (const _ in data) cells++;
    }
    if (rows !== args.n) throw new Error(`scanned ${rows} rows, expected ${args.n}`);
    return { rows, cells };
  });
}

async function counters(args: RunnerArgs): Promise<Measurement> {
  await using connection = new Connection(connectionOptions(args));
  const table = connection.table(args.table);
  for (let i = 0; i < args.warmup; i++) await table.counterInc(`${args.keyPrefix}w`, 'c:n');
  return await timed(args.n, 'ops', async () => {
    let last = 0n;
    for (let i = 0; i < args.n; i++) last = await table.counterInc(args.keyPrefix, 'c:n');
    if (last !== BigInt(args.n)) throw new Error(`counter is ${last}, expected ${args.n}`);
    return undefined;
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
  return await timed(args.n, 'ops', async () => {
    for (let i = 0; i < args.n; i++) await save(keyed(args.keyPrefix, i));
    return undefined;
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
  return await timed(args.n, 'ops', async () => {
    for (let i = args.warmup; i < args.warmup + args.n; i++) await read(i);
    return undefined;
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
  if (args.warmup > 0) await iterate(undefined); // one untimed pass, as for the scans
  return await timed(args.n, 'rows', async () => {
    const rows = await iterate(undefined);
    if (rows !== args.n) throw new Error(`scanned ${rows} entities, expected ${args.n}`);
    return { rows };
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
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const workload = WORKLOADS[args.workload];
  if (!workload) throw new Error(`unknown workload ${args.workload}`);
  const measurement = await workload(args);
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
