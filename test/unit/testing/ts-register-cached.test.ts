// test/support/ts-register-cached.cjs (how scripts/hbase runs the kit's TypeScript): its cache is
// a folder of this user's only (0700), one open to others is not used, and a cache that cannot be
// written only means no caching, never a crash.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const register = join(__dirname, '../../support/ts-register-cached.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'hbase-ts-cache-'));
const program = join(scratch, 'program.ts');
writeFileSync(program, "const answer: number = 42;\nconsole.log('answer', answer);\n");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

jest.setTimeout(60_000);

function runWithCache(cache: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', register, program],
      { env: { ...process.env, HBASE_MAPPER_TS_CACHE: cache }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('the cache folder is created owner-only, its files too, and is read back', async () => {
  const cache = join(scratch, 'own', 'cache');
  expect(await runWithCache(cache)).toMatchObject({ code: 0, stdout: 'answer 42\n' });
  expect(statSync(cache).mode & 0o777).toBe(0o700);
  const files = readdirSync(cache);
  expect(files).toHaveLength(1);
  expect(statSync(join(cache, files[0]!)).mode & 0o777).toBe(0o600);
  // A second run reads it: same output, no second file.
  expect(await runWithCache(cache)).toMatchObject({ code: 0, stdout: 'answer 42\n' });
  expect(readdirSync(cache)).toEqual(files);
});

test('a folder open to other users is not used (nothing read from it, nothing written)', async () => {
  const cache = join(scratch, 'open');
  mkdirSync(cache);
  chmodSync(cache, 0o777);
  expect(await runWithCache(cache)).toMatchObject({ code: 0, stdout: 'answer 42\n' });
  expect(readdirSync(cache)).toEqual([]);
});

test('a cache that cannot be created or written: the program still runs, uncached', async () => {
  const blocker = join(scratch, 'a-file');
  writeFileSync(blocker, '');
  expect(await runWithCache(join(blocker, 'cache'))).toMatchObject({ code: 0, stdout: 'answer 42\n' });
  const readOnly = join(scratch, 'read-only');
  mkdirSync(readOnly, { mode: 0o700 });
  chmodSync(readOnly, 0o500);
  try {
    const run = await runWithCache(readOnly);
    expect(run).toMatchObject({ code: 0, stdout: 'answer 42\n', stderr: '' });
  } finally {
    chmodSync(readOnly, 0o700);
  }
});
