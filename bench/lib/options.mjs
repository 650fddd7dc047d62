// Benchmark settings: a scale preset, overridden by BENCH_* environment variables, overridden by
// --name=value arguments. `node bench/run.mjs --help` lists them.

/** Sizes per scale. `default` is sized to finish in about 10 minutes on a 2-core machine. */
export const SCALES = {
  small: {
    rounds: 2,
    putGet: 200,
    poolGet: 2000,
    bulkRows: 2000,
    dataRows: 2000,
    counters: 200,
    mapperOps: 200,
    mapperRows: 1000,
    warmup: 50,
    minSeconds: 1,
  },
  // Call workloads first run as many untimed operations as they time (the warm-up is capped at
  // `n`): a fresh Node.js process needs ~10k calls before V8 has optimised the call path (the first
  // 2,000 pooled gets cost ~140 µs of client CPU each, the steady state ~35 µs), and what a service
  // sees is the steady state. The Python runners do the same warm-up (it only opens connections).
  default: {
    rounds: 5,
    putGet: 5000,
    poolGet: 8000,
    bulkRows: 20000,
    dataRows: 20000,
    counters: 5000,
    mapperOps: 3000,
    mapperRows: 20000,
    warmup: 10000,
    minSeconds: 2,
  },
  // The issue's original bulk size (200k rows x 4 cells): for a quiet machine with time to spare.
  large: {
    rounds: 5,
    putGet: 5000,
    poolGet: 40000,
    bulkRows: 200000,
    dataRows: 200000,
    counters: 5000,
    mapperOps: 5000,
    mapperRows: 50000,
    warmup: 10000,
    minSeconds: 2,
  },
};

/** Settings that are not sizes, with their defaults. */
const FIXED = {
  concurrency: 64,
  poolSize: 8,
  batchSize: 1000,
  valueSize: 100,
  workloads: 'all',
  libs: 'hbase-mapper,happybase,aiohappybase',
  gateways: 'default,framed',
  peers: '',
  build: true,
  startHbase: true,
  keepTables: false,
  profile: false,
  python: 'python3',
  out: 'bench/results',
  runTimeout: 900,
};

const HELP = `usage: npm run bench -- [--name=value ...]   (or BENCH_NAME=value npm run bench)

  --scale=small|default|large   size preset (BENCH_SCALE)              default: default
  --rounds=N                    rounds; each runs every library once   (BENCH_ROUNDS)
  --put-get=N                   sequential put+get pairs               (BENCH_PUT_GET)
  --pool-get=N                  concurrent gets                        (BENCH_POOL_GET)
  --bulk-rows=N                 rows (x 4 cells) of the bulk load      (BENCH_BULK_ROWS)
  --data-rows=N                 rows (x 4 cells) preloaded for scans/gets (BENCH_DATA_ROWS)
  --counters=N                  sequential counter increments          (BENCH_COUNTERS)
  --mapper-ops=N                repository saves / finds               (BENCH_MAPPER_OPS)
  --mapper-rows=N               entities preloaded for finds and scans (BENCH_MAPPER_ROWS)
  --warmup=N                    untimed operations before each timing, at most as many
                                as are timed                           (BENCH_WARMUP)
  --min-seconds=2               each timed part repeats its pass (the sizes above) until this
                                many seconds have passed: samples >= 2 s (BENCH_MIN_SECONDS)
  --concurrency=64 --pool-size=8 --batch-size=1000 --value-size=100
  --workloads=a,b               put-get,pool-get,pipelined-get,bulk-load,scan-full,scan-columns,
                                counters,mapper-save,mapper-find,mapper-scan (default all)
  --libs=a,b                    hbase-mapper,happybase,aiohappybase
  --gateways=a,b                default (9090 buffered/binary), framed (9091 framed/compact),
                                thrift2 (9092, HBase's Thrift2 gateway: hbase-mapper there,
                                reported against its Thrift1 path on default),
                                thrift2-framed (9093, framed/compact; against framed)
  --peers=java-thrift2,java-native
                                HBase's own Java client: java-thrift2 on the thrift2 gateway,
                                java-native over HBase's RPC (through ZooKeeper, HBASE_ZK_PORT,
                                default 2181), reported on the default gateway's rows
                                (needs a JDK and Maven; skipped with a message without them)
  --build=false                 skip npm run build (measure the build already in dist/)
  --start-hbase=false           fail instead of starting the local HBase when it is not running
  --keep-tables=true            leave the run's tables in HBase
  --profile=true                run the TS runner under node --cpu-prof (bench/results/profiles/)
  --python=python3              interpreter that creates bench/.venv    (BENCH_PYTHON)
  --run-timeout=900             seconds before one runner process is killed
  --out=bench/results           where latest.{json,md,png} go
`;

const toKebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const toEnv = (name) => `BENCH_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

function coerce(name, value, example) {
  if (typeof example === 'number') {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be an integer >= 0: ${value}`);
    return number;
  }
  if (typeof example === 'boolean') {
    if (!['true', 'false', '1', '0', ''].includes(value)) throw new Error(`${name} must be true or false`);
    return value === 'true' || value === '1' || value === '';
  }
  return value;
}

/** Resolves the settings from the preset, the environment and the command line. */
export function resolveOptions(argv, env) {
  const cli = new Map();
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new Error(`bad argument ${JSON.stringify(arg)} (see --help)`);
    cli.set(match[1], match[2] ?? '');
  }
  const scale = cli.get('scale') ?? env.BENCH_SCALE ?? 'default';
  if (!(scale in SCALES)) throw new Error(`unknown scale ${scale}: ${Object.keys(SCALES).join(', ')}`);
  const defaults = { ...SCALES[scale], ...FIXED };
  const options = { scale };
  for (const [name, example] of Object.entries(defaults)) {
    const given = cli.get(toKebab(name)) ?? env[toEnv(name)];
    options[name] = given === undefined ? example : coerce(`--${toKebab(name)}`, given, example);
    cli.delete(toKebab(name));
  }
  cli.delete('scale');
  if (cli.size > 0) throw new Error(`unknown option(s): ${[...cli.keys()].join(', ')} (see --help)`);
  if (options.rounds < 1) throw new Error('--rounds must be >= 1');
  return options;
}
