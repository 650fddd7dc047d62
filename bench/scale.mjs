#!/usr/bin/env node
// `node bench/scale.mjs`: the benchmark at scale (issue 17). A table of --rows rows x 4 cells
// pre-split into --regions regions (Thrift2 createTable with split keys), loaded once and reused
// by later runs while it is complete; full scans of it by our single scanner (Thrift1 and Thrift2),
// HappyBase, HBase's Java client over its native RPC and over the Thrift2 gateway; loads of
// --load-rows rows into fresh pre-split tables by our batches, HappyBase's, and the Java native
// client (BufferedMutator, and put(List) batches like ours); slots for the region-parallel scan
// and the bulk writer, run when the build has them. Every sample records the CPU time of the
// client, the gateway, HBase's JVM and the whole machine (from /proc). Writes
// bench/results/scale/latest.{json,md}. See bench/README.md, "At scale".
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { missingOutsideGateways } from '../scripts/hbase/project.mjs';
import { parseFlags } from './lib/flags.mjs';
import { prepareJavaPeer } from './lib/java-peer.mjs';
import { runOne } from './lib/run-one.mjs';
import { scaleMarkdown, summarizeScale } from './lib/scale-report.mjs';
import { findServers } from './lib/server-cpu.mjs';
import { gitRevision, prepareTsRunner, SNAPSHOT, TS_RUNNER } from './lib/snapshot.mjs';
import { ensureVenv, venvPython } from './lib/venv.mjs';

const require = createRequire(import.meta.url);
const log = (message) => process.stderr.write(`[scale] ${message}\n`);

const DEFAULTS = {
  rows: 1_000_000,
  regions: 16,
  rounds: 2,
  minSeconds: 2,
  scanWarmup: 100_000,
  loadRows: 200_000,
  parallel: '4,8',
  batchSize: 1000,
  valueSize: 100,
  workloads: 'all',
  build: true,
  python: 'python3',
  fixtureTimeout: 900,
  runTimeout: 600,
  out: 'bench/results/scale',
};

const HELP = `usage: node bench/scale.mjs [--name=value ...]

  --rows=1000000        rows (x 4 cells of --value-size B) of the scanned table
  --regions=16          regions of the scanned table and of each load table (split keys)
  --rounds=2            rounds; each runs every entry once, in a rotated order
  --min-seconds=2       a scan repeats until this many seconds have passed
  --scan-warmup=100000  rows of the untimed scan before each timed one
  --load-rows=200000    rows of each load (sized to take >= 2 s; one untimed load of as many first)
  --parallel=4,8        scanners in flight for the parallel scan: one entry per value
  --workloads=a,b       full-scan,parallel-full-scan,load,bulk-writer-load (default all)
  --build=false         reuse the runner and package copy of the last run (.build/bench)
  --fixture-timeout=900 seconds the fixture's load may take before the run gives up
  --run-timeout=600     seconds before one runner process is killed
  --out=bench/results/scale
`;

function parseOptions(argv) {
  const options = parseFlags(argv, DEFAULTS, HELP);
  if (options.regions < 1 || options.rows < options.regions) throw new Error('--regions must be 1..--rows');
  const parallel = String(options.parallel).split(',').map(Number);
  if (parallel.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--parallel: integers >= 1, comma-separated');
  return { ...options, parallel };
}

const options = parseOptions(process.argv.slice(2));
const host = process.env.HBASE_THRIFT_HOST ?? 'localhost';
const GATEWAYS = {
  thrift1: { port: Number(process.env.HBASE_THRIFT_PORT ?? 9090), transport: 'buffered', protocol: 'binary' },
  thrift2: {
    port: Number(process.env.HBASE_THRIFT2_PORT ?? 9092),
    transport: 'buffered',
    protocol: 'binary',
  },
};
const ZK_PORT = Number(process.env.HBASE_ZK_PORT ?? 2181);

/**
 * What a run measures. `lib` picks the runner, `workload` is the runner's, `gateway` the gateway
 * (none: the native client), `slot`: an API another branch adds, skipped with "not available in
 * this build" when the build lacks it (the TS runner's feature test). `reference`: the entry the
 * others of its group are compared with (ours ÷ theirs).
 */
const ENTRIES = [
  {
    group: 'full-scan',
    label: 'hbase-mapper, one scanner (Thrift1)',
    lib: 'ts',
    gateway: 'thrift1',
    workload: 'scan-full',
    reference: true,
  },
  {
    group: 'full-scan',
    label: 'hbase-mapper, one scanner (Thrift2)',
    lib: 'ts',
    gateway: 'thrift2',
    workload: 'scan-full',
  },
  {
    group: 'full-scan',
    label: 'happybase (Thrift1)',
    lib: 'happybase',
    gateway: 'thrift1',
    workload: 'scan-full',
  },
  { group: 'full-scan', label: 'java-native (HBase RPC)', lib: 'java-native', workload: 'scan-full' },
  {
    group: 'full-scan',
    label: 'java-thrift2 (Thrift2)',
    lib: 'java-thrift2',
    gateway: 'thrift2',
    workload: 'scan-full',
  },
  // One entry per scanner count: how far parallelism pays depends on the cores the servers have.
  ...options.parallel.map((parallel) => ({
    group: 'parallel-full-scan',
    label: `hbase-mapper, parallel scan ×${parallel} (Thrift1)`,
    lib: 'ts',
    gateway: 'thrift1',
    workload: 'scan-parallel',
    parallel,
    slot: true,
  })),
  {
    group: 'load',
    label: 'hbase-mapper, batches (Thrift1)',
    lib: 'ts',
    gateway: 'thrift1',
    workload: 'bulk-load',
    reference: true,
  },
  {
    group: 'load',
    label: 'happybase, batches (Thrift1)',
    lib: 'happybase',
    gateway: 'thrift1',
    workload: 'bulk-load',
  },
  { group: 'load', label: 'java-native, BufferedMutator', lib: 'java-native', workload: 'bulk-mutator' },
  { group: 'load', label: 'java-native, put(List) batches', lib: 'java-native', workload: 'bulk-load' },
  {
    group: 'bulk-writer-load',
    label: 'hbase-mapper, bulk writer (Thrift1)',
    lib: 'ts',
    gateway: 'thrift1',
    workload: 'bulk-writer',
    slot: true,
  },
];
const wanted = options.workloads === 'all' ? undefined : options.workloads.split(',');
const entries = ENTRIES.filter((e) => wanted === undefined || wanted.includes(e.group));

/** Row key `<prefix><i, 8 digits>`, as every runner builds it. */
const rowKey = (prefix, i) => prefix + String(i).padStart(8, '0');
/** Split keys giving `regions` regions of equal row counts over keys `<prefix>0..rows-1`. */
const splitKeys = (prefix, rows, regions) =>
  Array.from({ length: regions - 1 }, (_, i) => rowKey(prefix, Math.round(((i + 1) * rows) / regions)));

let java;
function command(lib, flags) {
  const args = Object.entries(flags).map(([k, v]) => `--${k}=${v}`);
  if (lib === 'ts') return [process.execPath, [TS_RUNNER, ...args]];
  if (lib === 'happybase') return [venvPython, ['bench/python/runner.py', '--lib=happybase', ...args]];
  const api = lib === 'java-native' ? ['--api=native', `--zk-port=${ZK_PORT}`] : [];
  return [java.command, [...java.args, ...api, ...args]];
}

/** The scanned table: reused when it is complete (regions, first and last rows), else (re)loaded. */
async function ensureFixture(admin, name) {
  const started = performance.now();
  if ((await admin.tables()).includes(name)) {
    const table = admin.table(name);
    const regions = (await table.regions()).length;
    const first = await table.row(rowKey('r', 0));
    const last = await table.row(rowKey('r', options.rows - 1));
    const beyond = await table.row(rowKey('r', options.rows));
    if (regions >= options.regions && first['d:c3'] && last['d:c3'] && !beyond['d:c0']) {
      log(
        `reusing ${name} (${regions} regions; checked in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      // A table loaded before the block cache was the library's default has it off: every scan
      // would read from the file system. Turned on here (HBase reopens the regions).
      if ((await table.families()).d?.blockCacheEnabled !== true) {
        log(`${name}: turning its family's block cache on`);
        await admin.modifyColumnFamily(name, 'd', { blockCacheEnabled: true });
      }
      return { reused: true, regions };
    }
    log(`${name} is incomplete (${regions} regions): dropping and loading it again`);
    await admin.deleteTable(name, { disable: true });
  }
  await admin.createTable(
    name,
    { d: { maxVersions: 1 } },
    { splitKeys: splitKeys('r', options.rows, options.regions) },
  );
  log(
    `loading ${options.rows} rows into ${name} with hbase-mapper batches (at most ${options.fixtureTimeout} s)`,
  );
  const [cmd, args] = command('ts', {
    workload: 'bulk-load',
    host,
    ...portFlags('thrift1'),
    table: name,
    'key-prefix': 'r',
    n: options.rows,
    warmup: 0,
    'batch-size': options.batchSize,
    'value-size': options.valueSize,
  });
  const result = await runOne(cmd, args, { timeoutSeconds: options.fixtureTimeout });
  if (result.error) throw new Error(`loading the fixture failed: ${result.error}`);
  const regions = (await admin.table(name).regions()).length;
  log(
    `loaded ${name}: ${Math.round(result.ops / result.seconds)} rows/s, ${result.seconds.toFixed(1)} s, ${regions} regions`,
  );
  return {
    reused: false,
    regions,
    loadSeconds: result.seconds,
    loadRowsPerSecond: result.ops / result.seconds,
  };
}

/**
 * Puts the scanned table in the same state before every run: its rows in store files (disabling a
 * table flushes its memstores; a table just loaded would otherwise be read from memory, one
 * reloaded after a restart from files), then read once in full, untimed (the block cache warm,
 * so that no entry pays for the first read). That read also counts the rows.
 */
async function settleFixture(admin, name) {
  const started = performance.now();
  await admin.disableTable(name);
  await admin.enableTable(name);
  let rows = 0;
  for await (const _ of admin.table(name).scan({ batchSize: options.batchSize })) rows++;
  if (rows !== options.rows) throw new Error(`${name} holds ${rows} rows, not ${options.rows}`);
  const seconds = (performance.now() - started) / 1000;
  log(`${name}: flushed to store files and read once in full (${rows} rows, ${seconds.toFixed(1)} s)`);
  const blockCache = (await admin.table(name).families()).d?.blockCacheEnabled === true;
  return { settleSeconds: seconds, blockCache };
}

function portFlags(gateway) {
  const g = GATEWAYS[gateway];
  return { port: g.port, transport: g.transport, protocol: g.protocol };
}

async function main() {
  const startedAt = new Date().toISOString();
  // The project's `default` gateway where the environment puts it (HBASE_THRIFT_HOST/PORT).
  if ((await missingOutsideGateways(['default'])).length > 0) {
    throw new Error(
      `no HBase gateway answers on ${host}:${GATEWAYS.thrift1.port} (this script never starts one)`,
    );
  }
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)),
  };
  const versions = { node: `node ${process.version}`, hbaseMapper: gitRevision() };
  if (entries.some((e) => e.lib === 'happybase'))
    Object.assign(versions, ensureVenv({ python: options.python, log }));
  if (entries.some((e) => e.lib.startsWith('java'))) {
    const prepared = prepareJavaPeer({ log });
    if (prepared.skipped) log(`skipping the Java peers: ${prepared.skipped}`);
    else {
      java = prepared;
      versions.java = prepared.version;
    }
  }
  // --build=false reuses the runner and package copy of the last run (.build/bench) as they are.
  const { Connection } =
    !options.build && existsSync(join(SNAPSHOT, 'dist/cjs/index.js')) && existsSync(TS_RUNNER)
      ? require(`../${SNAPSHOT}/dist/cjs/index.js`)
      : prepareTsRunner({ build: options.build, log });
  const servers = findServers();
  // Thrift2: the only gateway API that creates pre-split tables.
  const admin = new Connection({ host, ...portFlags('thrift2'), api: 'thrift2', timeout: 300_000 });
  const fixtureName = `benchscale_r${options.rows}_s${options.regions}`;
  const samples = [];
  const failures = [];
  const unavailable = {};
  let fixture;
  const loadTables = [];
  try {
    if (entries.some((e) => e.group.endsWith('scan'))) {
      fixture = await ensureFixture(admin, fixtureName);
      Object.assign(fixture, await settleFixture(admin, fixtureName));
    }
    for (let round = 0; round < options.rounds; round++) {
      const order = entries.map((_, i) => entries[(i + round) % entries.length]);
      for (const entry of order) {
        if (entry.lib.startsWith('java') && !java) continue;
        if (unavailable[entry.label]) continue;
        const load = entry.workload.includes('bulk');
        const n = load ? options.loadRows : options.rows;
        let table = fixtureName;
        if (load) {
          table = `benchscale_load_${Date.now().toString(36)}`;
          await admin.createTable(
            table,
            { d: { maxVersions: 1 } },
            { splitKeys: splitKeys('', n, options.regions) },
          );
          loadTables.push(table);
        }
        const flags = {
          workload: entry.workload,
          host,
          ...(entry.gateway ? portFlags(entry.gateway) : {}),
          table,
          n,
          // Loads: one untimed load of as many rows (under other keys), sized so that the timed
          // one takes >= 2 s; scans: the first --scan-warmup rows, then passes for >= 2 s.
          warmup: load ? n : options.scanWarmup,
          'min-seconds': load ? 0 : options.minSeconds,
          'key-prefix': '',
          'data-rows': options.rows,
          parallel: entry.parallel ?? 1,
          'batch-size': options.batchSize,
          'value-size': options.valueSize,
        };
        const [cmd, args] = command(entry.lib, flags);
        const watch = {
          hbase: servers.hbase,
          ...(entry.gateway ? { gateway: servers.gateways.get(GATEWAYS[entry.gateway].port) } : {}),
        };
        const result = await runOne(cmd, args, { timeoutSeconds: options.runTimeout, watch });
        if (load) {
          await admin.deleteTable(table, { disable: true });
          loadTables.pop();
        }
        if (result.unavailable) {
          unavailable[entry.label] = result.unavailable;
          log(`${entry.group} / ${entry.label}: ${result.unavailable}`);
          continue;
        }
        const sample = { ...result, group: entry.group, label: entry.label, round };
        if (result.error) {
          failures.push(sample);
          log(`round ${round + 1} ${entry.group} / ${entry.label}: FAILED ${result.error}`);
          continue;
        }
        samples.push(sample);
        log(
          `round ${round + 1}/${options.rounds} ${entry.group} / ${entry.label}: ` +
            `${Math.round(result.ops / result.seconds).toLocaleString('en-US')} rows/s (${result.seconds.toFixed(2)} s)`,
        );
      }
    }
  } finally {
    for (const table of loadTables) await admin.deleteTable(table, { disable: true }).catch(() => {});
    await admin.close();
  }
  const summary = summarizeScale(samples, entries);
  const meta = {
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    machine,
    versions,
    fixture: { table: fixtureName, ...fixture },
    hbaseHeap: servers.hbaseHeap,
    unavailable,
    failures,
  };
  const report = scaleMarkdown(summary, meta);
  mkdirSync(options.out, { recursive: true });
  writeFileSync(
    join(options.out, 'latest.json'),
    `${JSON.stringify({ ...meta, summary, samples }, null, 2)}\n`,
  );
  writeFileSync(join(options.out, 'latest.md'), `${report}\n`);
  process.stdout.write(`${report}\n`);
  log(`wrote ${options.out}/latest.json and latest.md (the table ${fixtureName} is kept for the next run)`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
