#!/usr/bin/env node
// `node bench/secure.mjs`: what Kerberos costs (issue 18 item 5). Gets (sequential, and 64 in flight
// over a pool of 8) and full scans (--rows rows x 4 cells of --value-size B) through a PLAIN gateway
// and through the secure gateways at qop auth / auth-int / auth-conf, all in front of the SAME
// Kerberized HBase (the secure instance of scripts/hbase --secure): the plain gateway is a twin of
// the `auth` one started here with the same configuration minus `hbase.thrift.security.qop` (it logs
// in to HBase from its keytab and serves clients without SASL), so the only difference measured is
// the client-gateway security layer. Each sample is one TS runner process (bench/ts/runner.ts, the
// `auth` option from BENCH_AUTH) timed for >= --min-seconds; client CPU from process.cpuUsage, the
// gateway's and HBase's from /proc; medians of the rounds. Also the handshake: the median time of
// Connection.open() (TCP + SASL GSSAPI with the KDC's service ticket cached). Writes
// bench/results/secure/latest.{json,md}. See bench/README.md, "Secure gateways".
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { startSecure, stopSecure } from '../scripts/hbase/secure.mjs';
import { parseFlags } from './lib/flags.mjs';
import { runOne } from './lib/run-one.mjs';
import { cpuSeconds } from './lib/server-cpu.mjs';
import { gitRevision, prepareTsRunner, TS_RUNNER } from './lib/snapshot.mjs';

const log = (message) => process.stderr.write(`[secure-bench] ${message}\n`);

const DEFAULTS = {
  rounds: 3,
  minSeconds: 2,
  rows: 20_000,
  valueSize: 100,
  gets: 2000,
  concurrency: 64,
  poolSize: 8,
  handshakes: 20,
  apis: 'thrift1',
  build: true,
  runTimeout: 300,
  out: 'bench/results/secure',
};

const HELP = `usage: node bench/secure.mjs [--name=value ...]   (the secure instance's HBASE_SECURE_* env)

  --rounds=3          rounds; each runs every entry once, in a rotated order
  --min-seconds=2     each sample repeats its pass until this many seconds have passed
  --rows=20000        rows (x 4 cells of --value-size B) of the scanned and read table
  --gets=2000         gets per pass (and as many untimed first)
  --concurrency=64 --pool-size=8   the pooled gets: in flight, connections
  --handshakes=20     Connection.open() timed per gateway
  --apis=thrift1      thrift1,thrift2 (Thrift2 adds its three secure gateways and a plain twin)
  --build=false       reuse the runner and package copy of the last run (.build/bench)
  --out=bench/results/secure
`;

function parseOptions(argv) {
  return parseFlags(argv, DEFAULTS, HELP);
}

/** Per API: the secure gateway names by QOP (the plain twin copies the `auth` one). */
const SECURE = {
  thrift1: { auth: 'auth', 'auth-int': 'auth-int', 'auth-conf': 'auth-conf' },
  thrift2: { auth: 'thrift2-auth', 'auth-int': 'thrift2-auth-int', 'auth-conf': 'thrift2-auth-conf' },
};
const WORKLOADS = [
  { id: 'get-seq', label: 'gets, sequential', runner: 'pool-get', concurrency: 1, poolSize: 1 },
  { id: 'get-pool', label: 'gets, 64 in flight (pool of 8)', runner: 'pool-get' },
  { id: 'scan-full', label: 'full scan', runner: 'scan-full' },
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a plain twin of the secure gateway `name`: its JVM command line (from /proc) with a copy of
 * its configuration folder lacking `hbase.thrift.security.qop`, on `port`. It carries the instance's
 * marker, so `hbase:stop -- --secure` stops it too. Resolves with its pid once it listens.
 */
async function startPlainTwin(record, name, port) {
  const argv = readFileSync(`/proc/${record.pids[name]}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cp = argv.indexOf('-cp');
  const [confDir, ...jars] = argv[cp + 1].split(':');
  const twin = `${confDir}-plain-bench`;
  cpSync(confDir, twin, { recursive: true });
  const site = join(twin, 'hbase-site.xml');
  writeFileSync(
    site,
    readFileSync(site, 'utf8')
      .split('\n')
      .filter((line) => !line.includes('<name>hbase.thrift.security.qop</name>'))
      .join('\n'),
  );
  const twinName = `${name}-plain-bench`;
  const args = argv.slice(1).map((arg, i, all) => {
    if (all[i - 1] === '-cp') return [twin, ...jars].join(':');
    if (all[i - 1] === '-p') return String(port);
    if (arg.startsWith('-Dhbase.mapper.testing.role=')) return `-Dhbase.mapper.testing.role=${twinName}`;
    if (arg.startsWith('-Dlog4j2.configurationFile='))
      return `-Dlog4j2.configurationFile=${join(twin, 'log4j2.properties')}`;
    return arg;
  });
  const logFile = join(record.dir, 'logs', `${twinName}.log`);
  // Appended to: only what this start writes (past `from`) tells that it listens.
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  const child = spawn(argv[0], args, { cwd: record.dir, detached: true, stdio: ['ignore', fd, fd] });
  child.unref();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const text = readFileSync(logFile).subarray(from).toString('utf8');
    if (text.includes('starting HBase ThreadPool Thrift server on') && (await acceptsTcp(port))) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the plain twin of ${name} did not start (see ${logFile})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log(`plain twin of ${name} listening on ${port} (pid ${child.pid})`);
  return child.pid;
}

/** True when 127.0.0.1:`port` accepts a TCP connection (closed at once). */
const acceptsTcp = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median ms of `n` Connection.open() calls (each a new socket, and a SASL handshake when secure). */
async function handshakeMs(lib, options, n) {
  const times = [];
  for (let i = 0; i < n + 2; i++) {
    const connection = new lib.Connection({ ...options, timeout: 30_000 });
    const start = performance.now();
    await connection.open();
    if (i >= 2) times.push(performance.now() - start); // the first two warm up the code paths
    await connection.close();
  }
  return median(times);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const apis = options.apis.split(',');
  const lib = prepareTsRunner({ build: options.build, log });
  const secure = await startSecure({ log });
  const record = secure.record;
  const plainPids = [];
  const ccacheDir = mkdtempSync(join(os.tmpdir(), 'secure-bench-'));
  const ccache = `FILE:${join(ccacheDir, 'cc')}`;
  const table = `benchsec${Date.now().toString(36)}_data`;
  let admin;
  try {
    // The runners' GSS-API library reads the realm's krb5.conf; admin is an HBase superuser.
    process.env.KRB5_CONFIG = record.krb5Conf;
    execFileSync('kinit', ['-kt', join(record.keytabDir, 'admin.keytab'), 'admin@HBASE.TEST'], {
      env: { ...process.env, KRB5CCNAME: ccache },
    });
    const gateways = [];
    for (const api of apis) {
      const port = await freePort();
      const pid = await startPlainTwin(record, SECURE[api].auth, port);
      plainPids.push(pid);
      gateways.push({ api, qop: 'plain', port, pid });
      for (const [qop, name] of Object.entries(SECURE[api]))
        gateways.push({ api, qop, port: record.ports[name], pid: record.pids[name] });
    }
    const authOf = (g) => (g.qop === 'plain' ? undefined : { mechanism: 'kerberos', ccache, qop: g.qop });
    const plain = gateways[0];
    admin = new lib.Connection({ host: 'localhost', port: plain.port, timeout: 120_000 });
    await admin.createTable(table, { d: { maxVersions: 1 } });
    log(`loading ${options.rows} rows x 4 cells of ${options.valueSize} B into ${table}`);
    const common = { host: 'localhost', table, 'value-size': options.valueSize, 'batch-size': 1000 };
    const load = await runOne(
      process.execPath,
      [
        TS_RUNNER,
        ...flags({ ...common, workload: 'bulk-load', 'key-prefix': 'r', n: options.rows, port: plain.port }),
      ],
      { timeoutSeconds: options.runTimeout },
    );
    if (load.error) throw new Error(`preload failed: ${load.error}`);

    const handshakes = {};
    for (const g of gateways) {
      const auth = authOf(g);
      handshakes[`${g.api}/${g.qop}`] = await handshakeMs(
        lib,
        { host: 'localhost', port: g.port, ...(auth ? { auth } : {}) },
        options.handshakes,
      );
    }

    const samples = [];
    const entries = WORKLOADS.flatMap((w) => gateways.map((g) => ({ w, g })));
    for (let round = 0; round < options.rounds; round++) {
      const shift = (round * gateways.length) % entries.length;
      for (const { w, g } of [...entries.slice(shift), ...entries.slice(0, shift)]) {
        const auth = authOf(g);
        if (auth) process.env.BENCH_AUTH = JSON.stringify(auth);
        else delete process.env.BENCH_AUTH;
        const n = w.runner === 'scan-full' ? options.rows : options.gets;
        const result = await runOne(
          process.execPath,
          [
            TS_RUNNER,
            ...flags({
              ...common,
              workload: w.runner,
              port: g.port,
              n,
              warmup: n,
              concurrency: w.concurrency ?? options.concurrency,
              'pool-size': w.poolSize ?? options.poolSize,
              'data-rows': options.rows,
              'key-prefix': w.runner === 'scan-full' ? '' : 'r',
              seed: round + 1,
              'min-seconds': options.minSeconds,
            }),
          ],
          { timeoutSeconds: options.runTimeout, watch: { gateway: g.pid, hbase: record.pids.master } },
        );
        delete process.env.BENCH_AUTH;
        samples.push({
          ...result,
          runnerWorkload: result.workload,
          round,
          workload: w.id,
          api: g.api,
          qop: g.qop,
        });
        const rate = result.error
          ? result.error
          : `${Math.round(result.ops / result.seconds)} ${result.unit}/s`;
        log(`round ${round + 1}: ${w.id} ${g.api}/${g.qop}: ${rate}`);
      }
    }
    const summary = summarize(samples, gateways);
    const meta = {
      date: new Date().toISOString(),
      revision: gitRevision(),
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg(),
      options,
      hbaseCpuSecondsAtEnd: cpuSeconds(record.pids.master),
    };
    mkdirSync(options.out, { recursive: true });
    writeFileSync(
      join(options.out, 'latest.json'),
      `${JSON.stringify({ meta, handshakes, summary, samples }, null, 2)}\n`,
    );
    const md = markdown(summary, handshakes, meta);
    writeFileSync(join(options.out, 'latest.md'), md);
    process.stdout.write(md);
    if (samples.some((s) => s.error)) process.exitCode = 1;
  } finally {
    if (admin) {
      await admin
        .deleteTable(table, { disable: true })
        .catch((e) => log(`could not drop ${table}: ${e.message}`));
      await admin.close();
    }
    for (const pid of plainPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    if (!secure.alreadyRunning) await stopSecure();
  }
}

const flags = (o) => Object.entries(o).map(([k, v]) => `--${k}=${v}`);

/** Per workload, API and QOP: medians of throughput, client and gateway CPU per op; ratio to plain. */
function summarize(samples, gateways) {
  const rows = [];
  for (const w of WORKLOADS) {
    for (const g of gateways) {
      const mine = samples.filter(
        (s) => s.workload === w.id && s.api === g.api && s.qop === g.qop && !s.error,
      );
      const rate = median(mine.map((s) => s.ops / s.seconds));
      rows.push({
        workload: w.id,
        label: w.label,
        api: g.api,
        qop: g.qop,
        samples: mine.length,
        unit: mine[0]?.unit,
        rate,
        clientCpuMicrosPerOp: median(
          mine.map((s) => ((s.cpuUserSeconds + s.cpuSystemSeconds) / s.ops) * 1e6),
        ),
        gatewayCpuMicrosPerOp: median(mine.map((s) => ((s.processCpu?.gateway ?? Number.NaN) / s.ops) * 1e6)),
        hbaseCpuMicrosPerOp: median(mine.map((s) => ((s.processCpu?.hbase ?? Number.NaN) / s.ops) * 1e6)),
      });
    }
  }
  for (const row of rows) {
    const plain = rows.find((r) => r.workload === row.workload && r.api === row.api && r.qop === 'plain');
    row.ratioToPlain = plain?.rate && row.rate ? row.rate / plain.rate : undefined;
  }
  return rows;
}

function markdown(summary, handshakes, meta) {
  const f = (v, digits = 0) => (v === undefined ? '–' : v.toFixed(digits));
  const lines = [
    '# Secure gateways vs plain (bench/secure.mjs)',
    '',
    `${meta.date}, revision ${meta.revision}, Node ${meta.node}, ${meta.cpus} cores SHARED with other ` +
      `sessions and both HBase instances (load average at the end ${meta.loadAverage.map((l) => l.toFixed(1)).join(' / ')}). ` +
      `${meta.options.rounds} rounds, samples >= ${meta.options.minSeconds} s, medians of the rounds. ` +
      `Table: ${meta.options.rows} rows x 4 cells of ${meta.options.valueSize} B. The plain gateway is a twin ` +
      'of the secure `auth` one in front of the same Kerberized HBase (same configuration minus the QOP).',
    '',
    '| workload | API | gateway | throughput | secure ÷ plain | client CPU µs/op | gateway CPU µs/op |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of summary)
    lines.push(
      `| ${r.label} | ${r.api} | ${r.qop} | ${f(r.rate)} ${r.unit ?? ''}/s | ${f(r.ratioToPlain, 2)} | ` +
        `${f(r.clientCpuMicrosPerOp, 1)} | ${f(r.gatewayCpuMicrosPerOp, 1)} |`,
    );
  lines.push('', '| handshake: Connection.open() | median ms |', '| --- | ---: |');
  for (const [gateway, ms] of Object.entries(handshakes)) lines.push(`| ${gateway} | ${f(ms, 1)} |`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exitCode = 1;
});
