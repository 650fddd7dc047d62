import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalHBaseError } from './errors';

/** A takeover guard older than this was left by a process that died within its few microseconds. */
const GUARD_STALE_MS = 10_000;

function readHolder(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether the process named in a lock's content (`<pid>:<token>`) runs. */
function holderAlive(content: string): boolean {
  const pid = Number.parseInt(content, 10);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @internal Removes the lock `file` if it still holds `seen` (the content of a lock whose holder
 * was found dead), and resolves to whether it did. Two waiters can both find one holder dead: the
 * check and the removal run under a guard file taken exclusively, so the second one sees the lock
 * the first took since (another content: every lock has a token of its own) and leaves it.
 */
export function removeStaleLock(file: string, seen: string): boolean {
  const guard = `${file}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // Gone already: the next try takes it.
    }
    return false;
  }
  try {
    if (readHolder(file) !== seen) return false;
    rmSync(file, { force: true });
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

/** @internal Another process held a lock longer than the caller would wait. */
export class LockBusyError extends LocalHBaseError {}

/**
 * @internal Takes the lock file `file` (waiting at most `waitMs` for another process holding it;
 * one left by a dead process is taken over) and resolves to its release. Two test runs starting
 * the same reusable instance at once then start it once.
 */
export async function acquireLock(file: string, waitMs: number): Promise<() => void> {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  const mine = `${process.pid}:${randomBytes(8).toString('hex')}`;
  for (;;) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      // Only our own lock is removed: after a takeover by another process it is no longer ours.
      return () => {
        if (readHolder(file) === mine) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder === undefined) continue; // released in between
    if (!holderAlive(holder) && removeStaleLock(file, holder)) continue;
    if (Date.now() >= deadline) throw new LockBusyError(`another process kept ${file} for ${waitMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
