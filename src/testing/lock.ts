import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalHBaseError } from './errors';

function holderAlive(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid === process.pid) return true;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @internal Takes the lock file `file` (waiting at most `waitMs` for another process holding it;
 * one left by a dead process is taken over) and resolves to its release. Two test runs starting
 * the same reusable instance at once then start it once.
 */
export async function acquireLock(file: string, waitMs: number): Promise<() => void> {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new LocalHBaseError(`another process kept ${file} for ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
