// A/B comparison of two builds of hbase-mapper on the call workloads (put-get, pool-get) and,
// with --workloads=put-get,pool-get,scan-full, a full scan, run alternately in the same session so
// that a shared machine's load falls on both alike.
//
//   npm run build && npx tsc -p bench/tsconfig.json && node bench/ab.mjs snapshot .build/ab-before
//   ... change the code ...
//   npm run build && npx tsc -p bench/tsconfig.json && node bench/ab.mjs snapshot .build/ab-after
//   node bench/ab.mjs compare .build/ab-before .build/ab-after --rounds=10 --put-get=2000 --pool-get=6000
//   node bench/ab.mjs compare .build/ab-before .build/ab-after --workloads=put-get,pool-get,scan-full --scan-full=10000
//
// A snapshot taken with --preload=<file.cjs> runs its runner under `node --require <file>` (the
// file is copied into the snapshot): e.g. bench/trace-subscriber.cjs subscribes to the tracing
// channels, so `compare` of two snapshots of one build, one with it, measures what a subscriber
// costs (bench/README.md, "Tracing overhead").
//
// A snapshot holds the TS runner (.build/bench/ts) and a copy of dist/ it imports as 'hbase-mapper',
// as bench/run.mjs does; dependencies resolve from the project's node_modules. Each round runs
// both builds on each workload, each in a fresh process with as many untimed warm-up operations
// as timed ones, the order alternating between rounds. Prints client CPU per operation (user +
// system, the whole process, timed part only) and the median of the paired ratios (after/before).
// Uses the default gateway (HBASE_THRIFT_HOST / HBASE_THRIFT_PORT, else localhost:9090) and one
// table of its own, dropped at the end.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [command, ...rest] = process.argv.slice(2);
const positional = rest.filter((arg) => !arg.startsWith('--'));
const flags = Object.fromEntries(
  rest.filter((arg) => arg.startsWith('--')).map((arg) => arg.slice(2).split('=', 2)),
);

if (command === 'snapshot') {
  const dir = positional[0];
  if (!dir) throw new Error('usage: node bench/ab.mjs snapshot <dir>');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules/hbase-mapper'), { recursive: true });
  cpSync('.build/bench/ts', join(dir, 'ts'), { recursive: true });
  cpSync('dist', join(dir, 'node_modules/hbase-mapper/dist'), { recursive: true });
  cpSync('package.json', join(dir, 'node_modules/hbase-mapper/package.json'));
  if (flags.preload) cpSync(flags.preload, join(dir, 'preload.cjs'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "hbase-mapper-ab", "private": true }\n');
  console.log(`snapshot of dist/ and the runner in ${dir}`);
} else if (command === 'compare') {
  await compare(positional[0], positional[1]);
} else {
  throw new Error('usage: node bench/ab.mjs snapshot <dir> | compare <before> <after> [--rounds=N]');
}

async function compare(before, after) {
  if (!before || !after) throw new Error('usage: node bench/ab.mjs compare <before> <after>');
  const rounds = Number(flags.rounds ?? 10);
  const sizes = {
    'put-get': Number(flags['put-get'] ?? 2000),
    'pool-get': Number(flags['pool-get'] ?? 6000),
    'scan-full': Number(flags['scan-full'] ?? 2000),
  };
  const workloads = (flags.workloads ?? 'put-get,pool-get').split(',');
  for (const workload of workloads) {
    if (!(workload in sizes)) throw new Error(`unknown workload ${workload}: one of ${Object.keys(sizes)}`);
  }
  // pool-get reads the first 2,000 preloaded rows; scan-full scans all of them.
  const preload = Math.max(2000, workloads.includes('scan-full') ? sizes['scan-full'] : 0);
  const host = process.env.HBASE_THRIFT_HOST ?? 'localhost';
  const port = Number(process.env.HBASE_THRIFT_PORT ?? 9090);
  const { Connection } = createRequire(import.meta.url)(resolve(before, 'node_modules/hbase-mapper'));
  const table = `bench_ab_${process.pid}_${Date.now().toString(36)}`;
  const admin = (fn) => Connection.using({ host, port }, fn);
  const run = (dir, args) => {
    const preload = join(dir, 'preload.cjs');
    const out = execFileSync(
      'node',
      [
        ...(existsSync(preload) ? ['--require', resolve(preload)] : []),
        join(dir, 'ts/runner.js'),
        `--host=${host}`,
        `--port=${port}`,
        `--table=${table}`,
        ...args,
      ],
      { encoding: 'utf8' },
    );
    return JSON.parse(out.trim().split('\n').pop());
  };
  await admin((c) => c.createTable(table, { d: {} }));
  try {
    run(before, ['--workload=bulk-load', '--key-prefix=r', `--n=${preload}`, '--warmup=0']);
    const cpu = {
      [before]: Object.fromEntries(workloads.map((w) => [w, []])),
      [after]: Object.fromEntries(workloads.map((w) => [w, []])),
    };
    const rate = {
      [before]: Object.fromEntries(workloads.map((w) => [w, []])),
      [after]: Object.fromEntries(workloads.map((w) => [w, []])),
    };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [before, after] : [after, before];
      for (const workload of workloads) {
        for (const dir of order) {
          const n = sizes[workload];
          const args =
            workload === 'put-get'
              ? [
                  '--workload=put-get',
                  `--key-prefix=p${r}${dir === before ? 'a' : 'b'}`,
                  `--n=${n}`,
                  `--warmup=${n}`,
                ]
              : workload === 'pool-get'
                ? ['--workload=pool-get', '--data-rows=2000', `--n=${n}`, `--warmup=${n}`]
                : ['--workload=scan-full', '--key-prefix=r', `--n=${n}`, '--warmup=1'];
          const m = run(dir, args);
          const us = ((m.cpuUserSeconds + m.cpuSystemSeconds) / m.ops) * 1e6;
          cpu[dir][workload].push(us);
          rate[dir][workload].push(m.ops / m.seconds);
          console.log(
            `round ${r} ${workload} ${dir}: ${us.toFixed(2)} µs CPU/op, ${(m.ops / m.seconds).toFixed(0)} ops/s`,
          );
        }
      }
    }
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const quartiles = (xs, digits = 1) => {
      const s = [...xs].sort((a, b) => a - b);
      const at = (q) => s[Math.floor(q * s.length)].toFixed(digits);
      return `${at(0.25)}–${at(0.75)}`;
    };
    for (const workload of workloads) {
      const a = cpu[before][workload];
      const b = cpu[after][workload];
      const ratios = a.map((x, i) => b[i] / x);
      console.log(
        `${workload}: CPU µs/op median ${median(a).toFixed(2)} → ${median(b).toFixed(2)} ` +
          `(IQR ${quartiles(a)} → ${quartiles(b)}), median of paired ratios ${median(ratios).toFixed(3)} ` +
          `(IQR ${quartiles(ratios, 3)}); throughput: median of paired ratios ` +
          `${median(rate[after][workload].map((x, i) => x / rate[before][workload][i])).toFixed(3)}`,
      );
    }
  } finally {
    await admin((c) => c.deleteTable(table, { disable: true }));
  }
}
