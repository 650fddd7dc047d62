// A start that fails before any JVM runs leaves nothing behind: here the system's temporary
// folder is missing, so the instance's folder cannot be made after its ports were reserved.
// Starts no JVM (Java and the cached jars are only looked up), in a process of its own (whose
// TMPDIR the test sets: a Jest test's process.env does not reach os.tmpdir()).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory } from '../../../src/testing/cache-dir';

jest.setTimeout(300_000);

/** The ports reserved in the name of process `pid` (files in `<cache>/ports/`). */
function reservationsOf(pid: number): string[] {
  const dir = join(cacheDirectory(), 'ports');
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files.filter((f) => {
    try {
      return (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { pid: number }).pid === pid;
    } catch {
      return false; // released in between
    }
  });
}

test('a temporary folder that cannot be made fails the start with its own error, and frees the ports', () => {
  const run = spawnSync(
    process.execPath,
    ['-r', join(__dirname, 'fixtures/register-ts.cjs'), join(__dirname, 'fixtures/start-and-report.ts')],
    {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, TMPDIR: join(cacheDirectory(), 'no-such-folder', String(process.pid)) },
    },
  );
  expect({ status: run.status, out: run.stdout.trim() }).toEqual({ status: 0, out: 'ENOENT' });
  expect(reservationsOf(run.pid!)).toEqual([]);
});
