// The CLI's failures as child processes against the real HBase: each ends the process with one
// line naming the flag, the file or the line, exit code 1 (or 143 for SIGTERM), and never hangs,
// crashes with a stack trace or leaves a file that looks complete.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../../../src';
import { cliCommand, gatewayFlags, runCli, startProcess } from '../../support/cli';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix('cli-failures');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
const ROWS = 20_000;
let connection: Connection;
let dir: string;
let big: string;

const header = {
  format: 'hbase-mapper-export',
  version: 1,
  table: 'x',
  families: { cf: {} },
  bytes: 'utf8-or-base64',
  timestamps: 'milliseconds',
  exportedAt: new Date(0).toISOString(),
};
const rowLine = (i: number) =>
  JSON.stringify({
    key: `k${String(i).padStart(6, '0')}`,
    cells: [{ column: 'cf:v', value: `v${i}`, timestamp: 5 }],
  });
const exportFile = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${[JSON.stringify(header), ...lines].join('\n')}\n`);
  return path;
};
/** Waits (bounded) for a file to appear. */
const appears = async (path: string) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 20));
  return existsSync(path);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hbase-mapper-cli-failures-'));
  ({ connection } = await openScratchTable(prefix));
  const source = await connection.createTable('source', { cf: {}, other: {} });
  await source.batch({ batchSize: 1000 }, async (b) => {
    for (let i = 0; i < 1000; i++) await b.put(`r${i}`, { 'cf:a': `a${i}`, 'other:b': `b${i}` });
  });
  big = exportFile(
    'big.jsonl',
    Array.from({ length: ROWS }, (_, i) => rowLine(i)),
  );
}, 120_000);

afterAll(async () => {
  await closeScratch(connection);
  rmSync(dir, { recursive: true, force: true });
});

describe('hbase-mapper export failures', () => {
  it.each(['x.jsonl', 'x.jsonl.gz'])('exits 1 naming --out when %s cannot be written', async (name) => {
    const out = join(dir, 'no-such-folder', name);
    const result = await runCli(['export', 'source', '--out', out, ...flags]);
    expect(result).toMatchObject({ code: 1, stderr: `hbase-mapper: --out: cannot write ${out} (ENOENT)\n` });
  });

  it('leaves no file at --out when the scan fails, and an older file there untouched', async () => {
    const out = join(dir, 'failed.jsonl.gz');
    writeFileSync(out, 'an older export');
    const result = await runCli(['export', 'source', '--out', out, '--filter', 'NoSuchFilter()', ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('an older export');
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('exports only the --columns asked for, renaming <out>.partial once done', async () => {
    const out = join(dir, 'columns.jsonl');
    const result = await runCli(['export', 'source', '--out', out, '--columns', 'other', ...flags]);
    expect(result.code).toBe(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(1000);
    for (const row of rows) expect(row.cells.map((c: { column: string }) => c.column)).toEqual(['other:b']);
  });
});

describe('hbase-mapper import failures', () => {
  it('ends with exit code 1 on a bad line while the progress bar is drawn (no hang)', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => rowLine(i));
    lines[2500] = '{"key":"secret","cells":"nope"}';
    const file = exportFile('bad-line.jsonl', lines);
    const result = await runCli(
      [
        'import',
        'bar',
        file,
        '--create',
        '--batch-size',
        '50',
        '--concurrency',
        '1',
        '--progress',
        'bar',
        ...flags,
      ],
      { timeout: 60_000 },
    );
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`hbase-mapper: ${file.replace(/[.]/g, '\\.')}:2502: "cells" is not an array\\n$`),
    );
    expect(result.stderr).not.toContain('secret');
  });

  it('exits 1 naming the line when the library refuses its data (an empty key), not 2', async () => {
    const file = exportFile('empty-key.jsonl', [
      rowLine(1),
      JSON.stringify({ key: '', cells: [{ column: 'cf:v', value: 'v', timestamp: 5 }] }),
    ]);
    const result = await runCli(['import', 'bar', file, '--create', '--progress', 'none', ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^hbase-mapper: ${file.replace(/[.]/g, '\\.')}:3: Invalid row: `),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a header whose "families" is not an object, and a checkpoint that is not one', async () => {
    const file = join(dir, 'bad-families.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...header, families: 'cf' })}\n${rowLine(1)}\n`);
    const families = await runCli(['import', 'bar', file, '--create', '--progress', 'none', ...flags]);
    expect(families).toMatchObject({
      code: 1,
      stderr: `hbase-mapper: ${file}: the header's "families" is not an object of column families\n`,
    });
    const settings = join(dir, 'bad-settings.jsonl');
    writeFileSync(settings, `${JSON.stringify({ ...header, families: { cf: { maxVersions: -1 } } })}\n`);
    const refusedSettings = await runCli(['import', 'badsettings', settings, '--create', ...flags]);
    expect(refusedSettings.code).toBe(1);
    expect(refusedSettings.stderr).toMatch(
      new RegExp(`^hbase-mapper: ${settings.replace(/[.]/g, '\\.')}: the header's families: Invalid `),
    );
    const checkpoint = join(dir, 'null.checkpoint');
    writeFileSync(checkpoint, 'null');
    const good = exportFile('good.jsonl', [rowLine(1)]);
    const refused = await runCli(['import', 'bar', good, '--checkpoint', checkpoint, ...flags]);
    expect(refused).toMatchObject({
      code: 1,
      stderr: `hbase-mapper: ${checkpoint}: not a checkpoint (delete it, or pass --restart)\n`,
    });
  });

  it('fails before writing a row when the checkpoint cannot be written, naming --checkpoint', async () => {
    await connection.createTable('unsaved', { cf: {} });
    const file = exportFile('unsaved.jsonl', [rowLine(1), rowLine(2)]);
    // Under a file, not a folder: refused even for root (a read-only folder would not stop root).
    const checkpoint = join(file, 'cp');
    const result = await runCli(['import', 'unsaved', file, '--checkpoint', checkpoint, ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `hbase-mapper: --checkpoint: cannot write ${checkpoint} (ENOTDIR); pass --checkpoint <file> in a folder that can be written\n`,
    );
    let rows = 0;
    for await (const _ of connection.table('unsaved').scan()) rows++;
    expect(rows).toBe(0);
  });

  it('fails with exit code 1, not a crash, when a later checkpoint save fails', async () => {
    await connection.createTable('later', { cf: {} });
    const folder = join(dir, 'checkpoints');
    mkdirSync(folder);
    const checkpoint = join(folder, 'later.checkpoint');
    const args = [
      'import',
      'later',
      big,
      '--batch-size',
      '20',
      '--concurrency',
      '2',
      '--checkpoint',
      checkpoint,
    ];
    const [node, argv] = cliCommand([...args, '--progress', 'none', ...flags]);
    const run = startProcess(node, argv, { timeout: 120_000 });
    expect(await appears(checkpoint)).toBe(true);
    // The folder becomes a file: every later save fails (ENOTDIR).
    rmSync(folder, { recursive: true });
    writeFileSync(folder, '');
    const result = await run.result;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hbase-mapper: --checkpoint: cannot write .* \(ENOTDIR\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 150_000);

  it('exits 143 on SIGTERM, after recording the checkpoint', async () => {
    await connection.createTable('terminated', { cf: {} });
    const checkpoint = join(dir, 'terminated.checkpoint');
    const args = [
      'import',
      'terminated',
      big,
      '--batch-size',
      '20',
      '--concurrency',
      '1',
      '--checkpoint',
      checkpoint,
    ];
    const [node, argv] = cliCommand([...args, '--progress', 'none', ...flags]);
    const run = startProcess(node, argv, { timeout: 120_000 });
    expect(await appears(checkpoint)).toBe(true);
    run.child.kill('SIGTERM');
    const stopped = await run.result;
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toBe('hbase-mapper: interrupted: run the same command again to resume\n');
    const recorded = JSON.parse(readFileSync(checkpoint, 'utf8')).rowsDone as number;
    expect(recorded).toBeLessThan(ROWS);
  }, 150_000);
});
