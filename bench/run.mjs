#!/usr/bin/env node
// `npm run bench`: hbase-mapper against HappyBase and AIOHappybase on the same local HBase (and,
// with --peers=java-thrift2,java-native, against HBase's own Java client on the Thrift2 gateway and
// over its native RPC).
// Builds the package, prepares bench/.venv, starts (or reuses) HBase, creates this run's tables,
// runs every workload in separate processes, interleaving the libraries round by round, writes
// bench/results/latest.{json,md,png} and drops the tables. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureHBase, stopHBase } from '../scripts/hbase/ensure.mjs';
import { missingOutsideGateways, status } from '../scripts/hbase/project.mjs';
import { JAVA_PEER, JAVA_WORKLOADS, prepareJavaPeer } from './lib/java-peer.mjs';
import { resolveOptions } from './lib/options.mjs';
import { JAVA_NATIVE, markdown, OURS, PYTHON_PEERS, summarizeAll } from './lib/report.mjs';
import { runOne } from './lib/run-one.mjs';
import { findServers } from './lib/server-cpu.mjs';
import { gitRevision, prepareTsRunner, TS_RUNNER } from './lib/snapshot.mjs';
import { ensureVenv, venvPython } from './lib/venv.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const options = resolveOptions(process.argv.slice(2), process.env);
const PY_RUNNER = 'bench/python/runner.py';

const GATEWAYS = {
  default: {
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    transport: 'buffered',
    protocol: 'binary',
  },
  framed: {
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_FRAMED_PORT ?? 9091),
    transport: 'framed',
    protocol: 'compact',
  },
  // HBase's Thrift2 gateway: the Java peer's, and ours when named in --gateways. HappyBase and
  // AIOHappyBase speak only Thrift1 and never run on it.
  thrift2: {
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT2_PORT ?? 9092),
    transport: 'buffered',
    protocol: 'binary',
    api: 'thrift2',
  },
  // A Thrift2 gateway with framed transport and compact protocol: ours only, when named.
  'thrift2-framed': {
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT2_FRAMED_PORT ?? 9093),
    transport: 'framed',
    protocol: 'compact',
    api: 'thrift2',
  },
};

const both = ['default', 'framed'];
/**
 * `table`: a table of this run (`fresh`: one per run, created before and dropped after it).
 * `gateways`: the Thrift1 gateways it runs on; every non-mapper workload also runs on `thrift2`
 * when that gateway is in play (for the contestants that speak Thrift2).
 */
const WORKLOADS = [
  { id: 'put-get', table: 'kv', gateways: both, n: (o) => o.putGet },
  { id: 'pool-get', table: 'data', gateways: both, n: (o) => o.poolGet },
  { id: 'pipelined-get', table: 'data', gateways: both, n: (o) => o.poolGet, only: [OURS] },
  { id: 'bulk-load', table: 'fresh', gateways: both, n: (o) => o.bulkRows },
  { id: 'scan-full', table: 'data', gateways: both, n: (o) => o.dataRows },
  { id: 'scan-columns', table: 'data', gateways: both, n: (o) => o.dataRows, columns: 'd:c1' },
  { id: 'counters', table: 'counters', gateways: ['default'], n: (o) => o.counters },
  { id: 'mapper-save', mapper: true, gateways: ['default'], n: (o) => o.mapperOps },
  { id: 'mapper-find', mapper: true, gateways: ['default'], n: (o) => o.mapperOps },
  { id: 'mapper-scan', mapper: true, gateways: ['default'], n: (o) => o.mapperRows },
];

const list = (value) => value.split(',').filter(Boolean);
const wantedWorkloads = options.workloads === 'all' ? WORKLOADS.map((w) => w.id) : list(options.workloads);
for (const id of wantedWorkloads) {
  if (!WORKLOADS.some((w) => w.id === id)) throw new Error(`unknown workload ${id}`);
}
const wantedLibs = list(options.libs);
const wantedGateways = list(options.gateways);
for (const g of wantedGateways) if (!(g in GATEWAYS)) throw new Error(`unknown gateway ${g}`);
const wantedPeers = list(options.peers);
for (const p of wantedPeers) {
  if (p !== JAVA_PEER && p !== JAVA_NATIVE)
    throw new Error(`unknown peer ${p} (known: ${JAVA_PEER}, ${JAVA_NATIVE})`);
}
/** ZooKeeper of the local HBase, for the native Java client. */
const ZK_PORT = Number(process.env.HBASE_ZK_PORT ?? 2181);
const isThrift2 = (gateway) => GATEWAYS[gateway].api === 'thrift2';

/**
 * The gateways a workload runs on in this run: its Thrift1 ones, then the Thrift2 ones in play
 * (named in --gateways; `thrift2` also for the Java peer's workloads).
 */
function gatewaysOf(workload, javaPeer) {
  const thrift1 = workload.gateways.filter((g) => wantedGateways.includes(g) && !isThrift2(g));
  if (workload.mapper) return thrift1;
  const thrift2 = Object.keys(GATEWAYS).filter(
    (g) =>
      isThrift2(g) &&
      (wantedGateways.includes(g) || (g === 'thrift2' && javaPeer && JAVA_WORKLOADS.includes(workload.id))),
  );
  return [...thrift1, ...thrift2];
}

/**
 * Who runs a workload on a gateway. Thrift2: hbase-mapper when the gateway is in --gateways, and
 * on `thrift2` the Java peer when enabled; Thrift1: the --libs as always (the Java peer speaks
 * only Thrift2).
 */
function contestantsOf(workload, gateway, javaPeer) {
  if (workload.mapper) return ['raw', 'repository'];
  const allowed = (lib) => !workload.only || workload.only.includes(lib);
  if (!isThrift2(gateway)) {
    // The native Java client uses no gateway: it runs once per workload, on the default gateway's row.
    const native =
      gateway === 'default' && nativePeer && allowed(JAVA_NATIVE) && JAVA_WORKLOADS.includes(workload.id)
        ? [JAVA_NATIVE]
        : [];
    return [...wantedLibs.filter(allowed), ...native];
  }
  const ours = wantedGateways.includes(gateway) && wantedLibs.includes(OURS) && allowed(OURS) ? [OURS] : [];
  const java =
    gateway === 'thrift2' && javaPeer && allowed(JAVA_PEER) && JAVA_WORKLOADS.includes(workload.id)
      ? [JAVA_PEER]
      : [];
  return [...ours, ...java];
}

/** Set once the Java peer is built: `{ command, args }` (see lib/java-peer.mjs). */
let javaRunner;
/** Whether the native Java client runs (--peers=java-native, and the Java runner was built). */
let nativePeer = false;

function runnerCommand(contestant, flags) {
  const args = Object.entries(flags).map(([k, v]) => `--${k}=${v}`);
  if (contestant === JAVA_PEER || contestant === JAVA_NATIVE) {
    const api = contestant === JAVA_NATIVE ? ['--api=native', `--zk-port=${ZK_PORT}`] : [];
    return [
      javaRunner.command,
      [...javaRunner.args, ...api, ...args.filter((a) => !a.startsWith('--prof-name'))],
    ];
  }
  if (contestant === OURS || contestant === 'raw' || contestant === 'repository') {
    const node = options.profile
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${join(options.out, 'profiles')}`,
          `--cpu-prof-name=${flags['prof-name']}`,
        ]
      : [];
    return [process.execPath, [...node, TS_RUNNER, ...args.filter((a) => !a.startsWith('--prof-name'))]];
  }
  return [
    venvPython,
    [PY_RUNNER, `--lib=${contestant}`, ...args.filter((a) => !a.startsWith('--prof-name'))],
  ];
}

async function main() {
  const startedAt = new Date().toISOString();
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)),
  };
  log(
    `scale ${options.scale}, ${options.rounds} rounds; ${machine.cores} cores, load ${machine.loadAverage}`,
  );
  // The Python environment only when a Python peer runs (a run of hbase-mapper and the Java peer
  // needs neither Python nor PyPI).
  const python = wantedLibs.some((lib) => PYTHON_PEERS.includes(lib));
  const versions = {
    node: `node ${process.version}`,
    hbaseMapper: gitRevision(),
    ...(python ? ensureVenv({ python: options.python, log }) : {}),
  };
  if (wantedPeers.length > 0) {
    const prepared = prepareJavaPeer({ log });
    if (prepared.skipped) {
      log(`skipping the Java peers: ${prepared.skipped}`);
    } else {
      javaRunner = prepared;
      versions.java = prepared.version;
      log(`Java peers (${wantedPeers.join(', ')}): ${prepared.version}`);
    }
  }
  const javaPeer = javaRunner !== undefined && wantedPeers.includes(JAVA_PEER);
  nativePeer = javaRunner !== undefined && wantedPeers.includes(JAVA_NATIVE);

  // The TS runner imports 'hbase-mapper' from a copy of the build taken now (lib/snapshot.mjs).
  const { Connection } = prepareTsRunner({ build: options.build, log });

  const inPlay = WORKLOADS.filter((w) => wantedWorkloads.includes(w.id)).flatMap((w) =>
    gatewaysOf(w, javaPeer),
  );
  const gatewayNames = [...new Set(['default', ...wantedGateways, ...inPlay])];
  const answers = async () => (await missingOutsideGateways(['default'])).length === 0;
  if (!options.startHbase && (await status()).state !== 'running' && !(await answers())) {
    throw new Error('--start-hbase=false and no HBase gateway answers on the default port');
  }
  const { startedByUs } = await ensureHBase({ gateways: gatewayNames, log });
  const servers = findServers();
  // No '_' in the prefix itself: a table prefix may not hold its separator.
  const prefix = `bench${Date.now().toString(36)}`;
  const admin = new Connection({ ...GATEWAYS.default, timeout: 120_000, tablePrefix: prefix });
  const full = (name) => `${prefix}_${name}`;
  const samples = [];
  const failures = [];
  mkdirSync(options.out, { recursive: true });
  try {
    log(`tables: ${prefix}_*`);
    await admin.createTable('data', { d: { maxVersions: 1 } });
    await admin.createTable('kv', { d: { maxVersions: 1 } });
    await admin.createTable('counters', { c: {} });
    await admin.createTable('entities', { d: { maxVersions: 1 } });
    const common = {
      host: GATEWAYS.default.host,
      'batch-size': options.batchSize,
      'value-size': options.valueSize,
    };
    const preload = async (what, contestant, flags) => {
      const [command, args] = runnerCommand(contestant, {
        ...common,
        ...flags,
        'prof-name': 'preload.cpuprofile',
      });
      const result = await runOne(command, args, { timeoutSeconds: options.runTimeout });
      if (result.error) throw new Error(`preloading ${what} failed: ${result.error}`);
      log(`preloaded ${what}: ${result.ops} rows in ${result.seconds.toFixed(1)} s`);
    };
    const needs = (pred) => WORKLOADS.some((w) => wantedWorkloads.includes(w.id) && pred(w));
    if (needs((w) => w.table === 'data')) {
      await preload('data', OURS, {
        workload: 'bulk-load',
        table: full('data'),
        'key-prefix': 'r',
        n: options.dataRows,
        port: GATEWAYS.default.port,
      });
    }
    if (needs((w) => w.id === 'mapper-find' || w.id === 'mapper-scan')) {
      await preload('entities', 'raw', {
        workload: 'mapper-save',
        variant: 'raw',
        prefix,
        'key-prefix': 'e',
        n: options.mapperRows,
        port: GATEWAYS.default.port,
      });
    }

    for (let round = 0; round < options.rounds; round++) {
      for (const workload of WORKLOADS) {
        if (!wantedWorkloads.includes(workload.id)) continue;
        for (const gateway of gatewaysOf(workload, javaPeer)) {
          let contestants = contestantsOf(workload, gateway, javaPeer);
          // Interleaved, and each round starts with a different contestant.
          contestants = contestants.map((_, i) => contestants[(i + round) % contestants.length]);
          for (const contestant of contestants) {
            const g = GATEWAYS[gateway];
            const tag = `${contestant.replace(/[^a-z]/g, '')}${round}${gateway[0]}`;
            let table = workload.table === 'fresh' ? `load_${tag}` : workload.table;
            if (workload.table === 'fresh') await admin.createTable(table, { d: { maxVersions: 1 } });
            table = table && full(table);
            const flags = {
              ...common,
              workload: workload.id,
              port: g.port,
              transport: g.transport,
              protocol: g.protocol,
              n: workload.n(options),
              warmup: Math.min(options.warmup, workload.n(options)),
              concurrency: options.concurrency,
              'pool-size': options.poolSize,
              seed: round + 1,
              'min-seconds': options.minSeconds,
              'prof-name': `${workload.id}-${gateway}-${contestant}-${round}.cpuprofile`,
            };
            if (table) flags.table = table;
            if (workload.table === 'data') flags['data-rows'] = options.dataRows;
            if (workload.id.startsWith('scan-')) flags['key-prefix'] = '';
            else flags['key-prefix'] = `${tag}_`;
            if (workload.columns) flags.columns = workload.columns;
            if (workload.mapper) {
              Object.assign(flags, { prefix, variant: contestant });
              if (workload.id !== 'mapper-save') {
                flags['key-prefix'] = 'e';
                flags['data-rows'] = options.mapperRows;
              }
            }
            const [command, args] = runnerCommand(contestant, flags);
            const watch = {
              hbase: servers.hbase,
              ...(contestant === JAVA_NATIVE ? {} : { gateway: servers.gateways.get(g.port) }),
            };
            const result = await runOne(command, args, { timeoutSeconds: options.runTimeout, watch });
            const sample = { ...result, workload: workload.id, gateway, contestant, round };
            if (workload.table === 'fresh') await admin.deleteTable(`load_${tag}`, { disable: true });
            if (result.error) {
              failures.push(sample);
              log(`round ${round + 1} ${workload.id} ${gateway} ${contestant}: FAILED ${result.error}`);
              continue;
            }
            samples.push(sample);
            const rate = Math.round(result.ops / result.seconds).toLocaleString('en-US');
            log(
              `round ${round + 1}/${options.rounds} ${workload.id} ${gateway} ${contestant}: ` +
                `${rate} ${result.unit}/s (${result.seconds.toFixed(2)} s)`,
            );
          }
        }
      }
    }
  } finally {
    if (!options.keepTables) {
      for (const name of await admin.tables()) await admin.deleteTable(name, { disable: true });
      log(`dropped the tables ${prefix}_*`);
    }
    await admin.close();
    if (startedByUs) {
      log('stopping the local HBase started for this run');
      await stopHBase();
    }
  }

  const order = (r) =>
    WORKLOADS.findIndex((w) => w.id === r.workload) * 10 + Object.keys(GATEWAYS).indexOf(r.gateway);
  const summary = summarizeAll(samples).sort((a, b) => order(a) - order(b));
  const meta = { startedAt, finishedAt: new Date().toISOString(), options, machine, versions, failures };
  const report = markdown(summary, meta);
  writeFileSync(
    join(options.out, 'latest.json'),
    `${JSON.stringify({ ...meta, summary, samples }, null, 2)}\n`,
  );
  writeFileSync(join(options.out, 'latest.md'), `${report}\n`);
  process.stdout.write(`${report}\n`);
  log(`wrote ${options.out}/latest.json and latest.md`);
  if (python) drawChart();
  else log('no chart: it is drawn with the Python environment, which this run did not need');
  if (failures.length > 0) process.exitCode = 1;
}

function drawChart() {
  try {
    const said = execFileSync(venvPython, ['bench/python/chart.py', join(options.out, 'latest.json')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    log(`chart: ${said.trim()}`);
  } catch (error) {
    log(`the chart could not be drawn: ${error.message}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
