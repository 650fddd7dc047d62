// The CLI's files and their failures, in process: an output stream's error rejects the next write
// (never thrown from the event), an export file is written as `<out>.partial` and renamed only
// when complete, checkpoints and headers that are JSON but not what they should be are refused
// naming the file, and the progress bar lets the process end (no timer, no signal handler left).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { newCheckpoint, readCheckpoint, writeCheckpoint } from '../../../src/cli/checkpoint';
import { CliError } from '../../../src/cli/exit-codes';
import { parseHeader } from '../../../src/cli/export-format';
import { openOutputFile } from '../../../src/cli/file-streams';
import { Output } from '../../../src/cli/output';
import { createProgressReporter } from '../../../src/cli/progress-reporter';
import { runProcess } from '../../support/cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hbase-mapper-cli-unit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = {
  format: 'hbase-mapper-export',
  version: 1,
  table: 't',
  families: { cf: {} },
  bytes: 'utf8-or-base64',
  timestamps: 'milliseconds',
  exportedAt: new Date(0).toISOString(),
};

describe('Output', () => {
  it('rejects the write after a stream error with the wrapped error, and every one after it', async () => {
    const failing = new Writable({
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        const error: NodeJS.ErrnoException = new Error('no space');
        error.code = 'ENOSPC';
        callback(error);
      },
    });
    const out = new Output(failing, (error) => new CliError(`--out: cannot write (${error.code})`));
    // The first write is buffered, and fails on its way to the "disk".
    await expect(out.write('a long first line')).rejects.toThrow('--out: cannot write (ENOSPC)');
    await expect(out.write('more')).rejects.toThrow('--out: cannot write (ENOSPC)');
    expect(() => out.check()).toThrow(CliError);
  });

  it('treats EPIPE as a reader that left: writes are dropped, no error', async () => {
    const stream = new Writable({ write: (_c, _e, callback) => callback() });
    const out = new Output(stream);
    const error: NodeJS.ErrnoException = new Error('pipe');
    error.code = 'EPIPE';
    stream.emit('error', error);
    expect(out.closed).toBe(true);
    await expect(out.write('x')).resolves.toBeUndefined();
  });
});

describe('openOutputFile', () => {
  it('fails at once on a path that cannot be written, naming the flag', () => {
    const path = join(dir, 'missing-folder', 'x.jsonl.gz');
    expect(() => openOutputFile(path, '--out')).toThrow(`--out: cannot write ${path} (ENOENT)`);
  });

  it.each(['plain.jsonl', 'packed.jsonl.gz'])(
    'writes %s as <file>.partial and renames it once complete',
    async (name) => {
      const path = join(dir, name);
      const file = openOutputFile(path, '--out');
      const out = new Output(file.stream, file.describe);
      await out.write('line 1\n');
      expect(existsSync(`${path}.partial`)).toBe(true);
      expect(existsSync(path)).toBe(false);
      await out.write('line 2\n');
      await file.commit();
      expect(existsSync(`${path}.partial`)).toBe(false);
      const bytes = readFileSync(path);
      expect((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString()).toBe('line 1\nline 2\n');
    },
  );

  it('leaves no file on abort, and an older file at the path untouched', async () => {
    const path = join(dir, 'kept.jsonl.gz');
    writeFileSync(path, 'the previous export');
    const file = openOutputFile(path, '--out');
    await new Output(file.stream).write('half an export\n');
    await file.abort();
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('the previous export');
  });
});

describe('checkpoints', () => {
  const input = () => {
    const path = join(dir, 'input.jsonl');
    writeFileSync(path, `${JSON.stringify(HEADER)}\n`);
    return path;
  };

  it.each(['null', '42', '"text"', '[1]', 'not json'])(
    'refuses a checkpoint file containing %s, naming the file',
    (content) => {
      const file = input();
      const path = join(dir, 'odd.checkpoint');
      writeFileSync(path, content);
      expect(() => readCheckpoint(path, 't', file)).toThrow(
        new CliError(`${path}: not a checkpoint (delete it, or pass --restart)`),
      );
    },
  );

  it('reads back what it wrote, and refuses a path that cannot be written, naming --checkpoint', () => {
    const file = input();
    const path = join(dir, 'good.checkpoint');
    const checkpoint = { ...newCheckpoint('t', file), rowsDone: 7 };
    writeCheckpoint(path, checkpoint);
    expect(readCheckpoint(path, 't', file)).toEqual(checkpoint);
    // Under a file, not a folder: ENOTDIR even for root (a read-only folder would not stop root).
    const blocked = join(file, 'x.checkpoint');
    expect(() => writeCheckpoint(blocked, checkpoint)).toThrow(/^--checkpoint: cannot write .*ENOTDIR/);
  });
});

describe('parseHeader', () => {
  it.each([undefined, null, 'cf', ['cf']])('refuses "families": %j, naming the file', (families) => {
    const line = JSON.stringify({ ...HEADER, families });
    expect(() => parseHeader(line, 'f.jsonl')).toThrow(
      new CliError('f.jsonl: the header\'s "families" is not an object of column families'),
    );
  });

  it('takes a valid header', () => {
    expect(parseHeader(JSON.stringify(HEADER), 'f.jsonl').families).toEqual({ cf: {} });
  });
});

describe('progress bar', () => {
  it('stops its redraw timer and its signal handlers on stop(), without finish()', () => {
    const written: string[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written.push(chunk.toString());
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = { timers: timers(), sigint: process.listenerCount('SIGINT') };
    const reporter = createProgressReporter({ label: 'count', mode: 'bar', interval: 0, stream });
    reporter.update({ rows: 10, bytes: 100 });
    expect(timers()).toBeGreaterThan(before.timers);
    expect(process.listenerCount('SIGINT')).toBe(before.sigint + 1);
    reporter.stop();
    reporter.stop(); // twice is harmless
    expect(timers()).toBe(before.timers);
    expect(process.listenerCount('SIGINT')).toBe(before.sigint);
    expect(written.join('')).toContain('count: 10 rows');
  });
});

describe('progress bar and Ctrl-C', () => {
  it('shows the cursor again and still ends the process with the signal', async () => {
    // A program drawing a bar in a pseudo-terminal (util-linux `script`), then sent SIGINT while
    // a timer would keep it alive: as `count` and `export`, which have no handler of their own.
    const program = join(dir, 'bar-then-sigint.ts');
    const reporter = join(__dirname, '../../../src/cli/progress-reporter');
    writeFileSync(
      program,
      [
        `import { createProgressReporter } from ${JSON.stringify(reporter)};`,
        "const r = createProgressReporter({ label: 'count', mode: 'bar', interval: 0, stream: process.stderr });",
        'r.update({ rows: 1, bytes: 1 });',
        "process.kill(process.pid, 'SIGINT');",
        "setTimeout(() => console.log('still running'), 10_000);",
      ].join('\n'),
    );
    const register = join(__dirname, '../../support/ts-register-cached.cjs');
    const command = `'${process.execPath}' -r '${register}' '${program}'`;
    const result = await runProcess('script', ['-q', '-e', '-c', command, '/dev/null'], { timeout: 30_000 });
    expect(result.code).toBe(130); // the child's death by SIGINT, as script reports it
    expect(result.stdout).toContain('\u001b[?25l'); // hidden while drawing
    expect(result.stdout.slice(result.stdout.lastIndexOf('\u001b[?25l'))).toContain('\u001b[?25h');
    expect(result.stdout).not.toContain('still running');
  }, 40_000);
});
