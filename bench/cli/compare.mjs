#!/usr/bin/env node
// Export and import throughput of the CLI (`hbase-mapper export|import`, the built one in dist/)
// against the same job written with HappyBase (happybase_export_import.py), on the Thrift1 gateway
// (HappyBase speaks only Thrift1). Both read and write the same JSON-lines format, plain (no gzip),
// with the same batch size; the CLI imports with its default --concurrency (4), HappyBase with its
// one connection. The rounds alternate the two. Each import goes into a fresh table.
//
// Usage: npm run build && node bench/cli/compare.mjs --python=bench/.venv/bin/python [--rows=100000] [--rounds=3] [--warmup=1]
// (a Python with happybase 1.3.0, e.g. the benchmark's venv: see bench/README.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const python = args.python ?? 'bench/.venv/bin/python';
const rows = Number(args.rows ?? 100_000);
const rounds = Number(args.rounds ?? 3);
// Untimed rounds first (both jobs of both libraries): the gateway's JIT warmed up and the source's
// load settled (flushes), so that the first timed round does not pay for them.
const warmup = Number(args.warmup ?? 1);
const port = process.env.HBASE_THRIFT_PORT ?? '9090';
const prefix = `bench-cli-${process.pid}`;
const cli = (...a) =>
  execFileSync(process.execPath, ['dist/cjs/cli/bin.js', ...a, '--port', port, '--table-prefix', prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
const happybase = (...a) =>
  execFileSync(
    python,
    ['bench/cli/happybase_export_import.py', ...a, `--port=${port}`, `--table-prefix=${prefix}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
const { Connection } = await import('../../dist/esm/index.mjs');
const connection = new Connection({ port: Number(port), tablePrefix: prefix });
const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
// The CPU time (user + system) of the children this process has waited for, from /proc/self/stat
// (cutime and cstime, in clock ticks: 100 per second on Linux); undefined elsewhere.
const childCpu = () => {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of proc(5)
};
/** Runs one job: its wall seconds and its process's CPU seconds. */
const timed = (run) => {
  const cpu = childCpu();
  const start = performance.now();
  run();
  const seconds = (performance.now() - start) / 1000;
  return { seconds, cpu: cpu === undefined ? undefined : childCpu() - cpu };
};

try {
  // The source: `rows` rows of three cells (a name, a number, 6 binary bytes), written at four
  // timestamps as four bulk loads would leave them.
  const source = await connection.createTable('source', { cf: {}, bin: {} });
  for (let t = 0; t < 4; t++) {
    await source.batch({ batchSize: 10_000, timestamp: 1_700_000_000_000 + t }, async (b) => {
      for (let i = t; i < rows; i += 4) {
        const key = Buffer.alloc(6);
        key.writeUInt32BE((i * 2654435761) >>> 0, 0);
        key.writeUInt16BE(i & 0xffff, 4);
        await b.put(key, { 'cf:name': `name-${i}`, 'cf:n': String(i), 'bin:raw': key });
      }
    });
  }
  const results = { cli: { export: [], import: [] }, happybase: { export: [], import: [] } };
  let bytes = 0;
  for (let round = -warmup; round < rounds; round++) {
    const record = round >= 0 ? (list, result) => list.push(result) : () => undefined;
    for (const lib of (round + warmup) % 2 === 0 ? ['cli', 'happybase'] : ['happybase', 'cli']) {
      const file = join(dir, `${lib}.jsonl`);
      const target = `copy${lib}${round + warmup}`;
      await connection.createTable(target, { cf: {}, bin: {} });
      if (lib === 'cli') {
        record(
          results.cli.export,
          timed(() => cli('export', 'source', '--out', file, '--progress', 'none')),
        );
        record(
          results.cli.import,
          timed(() => cli('import', target, file, '--progress', 'none')),
        );
      } else {
        record(
          results.happybase.export,
          timed(() => happybase('export', '--table=source', `--file=${file}`)),
        );
        record(
          results.happybase.import,
          timed(() => happybase('import', `--table=${target}`, `--file=${file}`)),
        );
      }
      bytes = statSync(file).size;
      await connection.deleteTable(target, { disable: true });
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `${rows} rows, ${(bytes / 1e6).toFixed(1)} MB of JSON lines, median of ${rounds} rounds (after ${warmup} untimed)`,
  );
  // CPU: the whole process (startup included), per row, in µs.
  console.log(
    '| job | CLI rows/s | CLI MB/s | HappyBase rows/s | HappyBase MB/s | CLI / HappyBase | CPU µs/row (CLI / HappyBase) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const job of ['export', 'import']) {
    const ours = median(results.cli[job].map((r) => r.seconds));
    const theirs = median(results.happybase[job].map((r) => r.seconds));
    const row = (s) => [Math.round(rows / s), (bytes / 1e6 / s).toFixed(1)];
    const cpu = (lib) => {
      const values = results[lib][job].map((r) => r.cpu);
      return values.includes(undefined) ? '–' : ((median(values) / rows) * 1e6).toFixed(1);
    };
    console.log(
      `| ${job} | ${row(ours).join(' | ')} | ${row(theirs).join(' | ')} | ${(theirs / ours).toFixed(2)}x | ${cpu('cli')} / ${cpu('happybase')} |`,
    );
  }
  // Each round's own ratio (the two ran one after the other, under the same load).
  for (const job of ['export', 'import']) {
    const ratios = results.cli[job].map((r, i) => (results.happybase[job][i].seconds / r.seconds).toFixed(2));
    console.log(`${job}: CLI / HappyBase per round ${ratios.join(', ')}`);
  }
} finally {
  for (const name of await connection.tables()) await connection.deleteTable(name, { disable: true });
  await connection.close();
  rmSync(dir, { recursive: true, force: true });
}
