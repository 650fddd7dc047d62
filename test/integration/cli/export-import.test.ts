// export and import as child processes against the real HBase: 100k rows exported (gzip), imported
// into another table and exported again, compared byte for byte; an import killed midway and
// resumed from its checkpoint, no cell written twice; the progress bar in a pseudo-terminal
// (util-linux `script`) and plain lines when piped.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Connection } from '../../../src';
import { cliCommand, gatewayFlags, runCli, runProcess, startProcess } from '../../support/cli';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../../support/gateway';

const ROWS = 100_000;
const prefix = uniquePrefix('cli-export');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
let connection: Connection;
let dir: string;

/** A row key of 6 bytes, most of them not valid UTF-8, spread over the key space. */
const keyOf = (i: number) => {
  const key = Buffer.alloc(6);
  key.writeUInt32BE((i * 2654435761) >>> 0, 0);
  key.writeUInt16BE(i & 0xffff, 4);
  return key;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hbase-mapper-cli-'));
  ({ connection } = await openScratchTable(prefix));
  const source = await connection.createTable('source', { cf: { maxVersions: 3 }, bin: {} });
  // Four timestamps, as four loads would leave: the import writes one call per timestamp and chunk.
  for (let t = 0; t < 4; t++) {
    await source.batch({ batchSize: 10_000, timestamp: 1_700_000_000_000 + t }, async (b) => {
      for (let i = t; i < ROWS; i += 4) {
        await b.put(keyOf(i), { 'cf:name': `name-${i} ✓`, 'cf:n': String(i), 'bin:raw': keyOf(i * 7) });
      }
    });
  }
}, 120_000);

afterAll(async () => {
  await closeScratch(connection);
  rmSync(dir, { recursive: true, force: true });
});

/** The data lines of an export file (the header has the table's name and the time: left out). */
const dataLines = (file: string) => {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.slice(text.indexOf('\n') + 1);
};

describe('hbase-mapper export and import', () => {
  it('exports 100k rows, imports them into another table, which exports byte for byte the same', async () => {
    const file = join(dir, 'source.jsonl.gz');
    const exported = await runCli(['export', 'source', '--out', file, ...flags], { timeout: 120_000 });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(new RegExp(`export: ${ROWS} rows, .* \\(done\\)\\n$`));
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!);
    expect(header).toMatchObject({
      format: 'hbase-mapper-export',
      version: 1,
      table: 'source',
      bytes: 'utf8-or-base64',
      timestamps: 'milliseconds',
      families: { cf: { maxVersions: 3 }, bin: {} },
    });

    const imported = await runCli(['import', 'copy', file, '--create', '--concurrency', '4', ...flags], {
      timeout: 120_000,
    });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`import: ${ROWS} rows, .* \\(done\\)\\n$`));
    expect(existsSync(`${file}.checkpoint`)).toBe(false);

    const again = join(dir, 'copy.jsonl');
    expect((await runCli(['export', 'copy', '--out', again, ...flags], { timeout: 120_000 })).code).toBe(0);
    const lines = dataLines(again);
    expect(lines.split('\n').length - 1).toBe(ROWS);
    expect(lines === dataLines(file)).toBe(true);
  }, 300_000);

  it('resumes an import killed midway from its checkpoint, writing no cell twice', async () => {
    const file = join(dir, 'resume.jsonl');
    expect((await runCli(['export', 'source', '--out', file, ...flags], { timeout: 120_000 })).code).toBe(0);
    await connection.createTable('resumed', { cf: { maxVersions: 3 }, bin: {} });
    const checkpoint = `${file}.checkpoint`;

    // Small chunks, one at a time: slow enough to be killed halfway.
    const args = ['import', 'resumed', file, '--batch-size', '200', '--concurrency', '1', ...flags];
    const [node, argv] = cliCommand(args);
    const first = startProcess(node, argv, { timeout: 120_000 });
    // Wait (bounded) for a checkpoint that records some rows, then kill the import with SIGKILL:
    // no handler runs, as after a crash.
    const deadline = Date.now() + 60_000;
    let recorded = 0;
    while (Date.now() < deadline) {
      recorded = existsSync(checkpoint)
        ? (JSON.parse(readFileSync(checkpoint, 'utf8')).rowsDone as number)
        : 0;
      if (recorded > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(ROWS);
    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.signal).toBe('SIGKILL');

    const resumed = await runCli(args, { timeout: 120_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^import: resuming after row \d+ /);
    expect(existsSync(checkpoint)).toBe(false);

    // With three versions kept per cell, a cell written twice at another timestamp would show.
    const t2 = [...gatewayFlags(gateways.thrift2()), '--table-prefix', prefix];
    const copy = join(dir, 'resumed-copy.jsonl');
    const source = join(dir, 'source-versions.jsonl');
    const exportCopy = await runCli(
      ['export', 'resumed', '--out', copy, '--versions', '3', '--progress-interval', '1000', ...t2],
      { timeout: 120_000 },
    );
    expect(exportCopy).toMatchObject({ code: 0 });
    const exportSource = await runCli(['export', 'source', '--out', source, '--versions', '3', ...t2], {
      timeout: 120_000,
    });
    expect(exportSource).toMatchObject({ code: 0 });
    expect(dataLines(copy) === dataLines(source)).toBe(true);
  }, 300_000);

  it('stops on SIGINT after the writes in flight, records the checkpoint and exits 130', async () => {
    const file = join(dir, 'resume.jsonl'); // written by the test above
    await connection.createTable('interrupted', { cf: { maxVersions: 3 }, bin: {} });
    const checkpoint = join(dir, 'interrupted.checkpoint');
    const args = [
      'import',
      'interrupted',
      file,
      '--batch-size',
      '200',
      '--concurrency',
      '2',
      '--checkpoint',
      checkpoint,
    ];
    const [node, argv] = cliCommand([...args, ...flags]);
    const run = startProcess(node, argv, { timeout: 120_000 });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !existsSync(checkpoint))
      await new Promise((resolve) => setTimeout(resolve, 20));
    run.child.kill('SIGINT');
    const stopped = await run.result;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('hbase-mapper: interrupted: run the same command again to resume\n');
    const recorded = JSON.parse(readFileSync(checkpoint, 'utf8')).rowsDone as number;
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(ROWS);
    const resumed = await runCli([...args, ...flags], { timeout: 120_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`import: resuming after row ${recorded} `);
    expect(existsSync(checkpoint)).toBe(false);
  }, 300_000);

  it('exports the regions of a split table in parallel with --concurrency, in key order', async () => {
    // Split keys need a Thrift2 gateway (createTable's splitKeys); the export may use either.
    const thrift2 = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
    try {
      const splitKeys = [0x40, 0x80, 0xc0].map((b) => Buffer.from([b]));
      const split = await thrift2.createTable('split', { cf: {} }, { splitKeys });
      await split.batch({ batchSize: 5000 }, async (b) => {
        for (let i = 0; i < 20_000; i++) await b.put(keyOf(i), { 'cf:n': String(i) });
      });
      expect(await split.regions()).toHaveLength(4);
    } finally {
      await thrift2.close();
    }
    const one = join(dir, 'split-1.jsonl');
    const four = join(dir, 'split-4.jsonl');
    expect((await runCli(['export', 'split', '--out', one, ...flags])).code).toBe(0);
    const parallel = await runCli([
      'export',
      'split',
      '--out',
      four,
      '--concurrency',
      '4',
      '--batch-size',
      '500',
      ...flags,
    ]);
    expect(parallel.code).toBe(0);
    expect(dataLines(four).split('\n').length - 1).toBe(20_000);
    expect(dataLines(four) === dataLines(one)).toBe(true);
    // A range across two regions: the parts in each.
    const range = ['--start', 'QA==', '--stop', 'oA==', '--key-encoding', 'base64'];
    const rangeOne = join(dir, 'range-1.jsonl');
    const rangeFour = join(dir, 'range-4.jsonl');
    expect((await runCli(['export', 'split', '--out', rangeOne, ...range, ...flags])).code).toBe(0);
    expect(
      (await runCli(['export', 'split', '--out', rangeFour, '--concurrency', '4', ...range, ...flags])).code,
    ).toBe(0);
    expect(dataLines(rangeFour).length).toBeGreaterThan(0);
    expect(dataLines(rangeFour) === dataLines(rangeOne)).toBe(true);
  }, 120_000);

  it('shows a progress bar with rows/s, bytes and ETA in a pseudo-terminal', async () => {
    const file = join(dir, 'small.jsonl');
    const rows = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ key: `k${i}`, cells: [{ column: 'cf:v', value: `v${i}`, timestamp: 5 }] }),
    );
    const header = {
      format: 'hbase-mapper-export',
      version: 1,
      table: 'x',
      families: { cf: {} },
      bytes: 'utf8-or-base64',
      timestamps: 'milliseconds',
      exportedAt: new Date(0).toISOString(),
    };
    writeFileSync(file, `${JSON.stringify(header)}\n${rows.join('\n')}\n`);
    const [node, argv] = cliCommand([
      'import',
      'bar',
      file,
      '--create',
      '--batch-size',
      '50',
      '--concurrency',
      '1',
      ...flags,
    ]);
    const quoted = [node, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    // util-linux script: runs the command with a pseudo-terminal as its stdin, stdout and stderr.
    const result = await runProcess('script', ['-q', '-e', '-c', quoted, '/dev/null'], { timeout: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/import \[[█░]+\] \d+% \| \d+ rows \| \d+ rows\/s \| [\d.]+ k?B \| ETA /);
    expect(result.stdout).toContain('\r'); // redrawn in place
    expect(result.stdout).toMatch(/import: 3000 rows, .* \(done\)/);
  }, 120_000);

  it('prints plain progress lines when piped, with --progress-interval', async () => {
    const file = join(dir, 'small.jsonl');
    const result = await runCli(
      [
        'import',
        'bar',
        file,
        '--batch-size',
        '50',
        '--concurrency',
        '1',
        '--progress-interval',
        '0',
        ...flags,
      ],
      { timeout: 60_000 },
    );
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('\n')).not.toContain('\r');
    for (const line of lines.slice(0, -1)) {
      expect(line).toMatch(/^import: \d+ rows, [\d.]+ k?B, \d+ rows\/s, [\d.]+ s, \d+%, ETA [\d.]+ s$/);
    }
    expect(lines.at(-1)).toMatch(/^import: 3000 rows, .* \(done\)$/);
  }, 120_000);

  it("writes at the server's time with --no-timestamps, and fails on a missing table without --create", async () => {
    const file = join(dir, 'small.jsonl'); // written by the pseudo-terminal test: timestamps 5
    const missing = await runCli(['import', 'absent', file, '--progress', 'none', ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      "hbase-mapper: table absent does not exist (--create creates it with the export's families)\n",
    );
    await connection.createTable('now', { cf: {} });
    const before = Date.now();
    const result = await runCli(['import', 'now', file, '--no-timestamps', '--progress', 'none', ...flags]);
    expect(result.code).toBe(0);
    const cells = await connection.table('now').row('k1', { includeTimestamp: true });
    expect(cells['cf:v']!.timestamp).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('refuses a file that is not an export, and a corrupt line, naming the line and not its content', async () => {
    const notExport = join(dir, 'not-export.jsonl');
    writeFileSync(notExport, '{"hello":"world"}\n');
    const refused = await runCli(['import', 'bar', notExport, ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not an hbase-mapper export');
    const corrupt = join(dir, 'corrupt.jsonl');
    const small = readFileSync(join(dir, 'small.jsonl'), 'utf8').split('\n');
    small[3] = '{"key":"secret-value","cells":[{"column":"cf:v","value":{"base64":"%%"},"timestamp":1}]}';
    writeFileSync(corrupt, small.join('\n'));
    const failed = await runCli(['import', 'bar', corrupt, '--progress', 'none', ...flags]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(`hbase-mapper: ${corrupt}:4: a cell's "column" or "value" is not bytes\n`);
    expect(failed.stderr).not.toContain('secret');
    // A gzip file cut short: a read error naming the file, exit code 1.
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, readFileSync(join(dir, 'source.jsonl.gz')).subarray(0, 5000));
    const truncated = await runCli(['import', 'bar', cut, '--progress', 'none', ...flags]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(
      new RegExp(`^hbase-mapper: ${cut.replace(/[.]/g, '\\.')}: cannot read \\(`),
    );
  });
});
