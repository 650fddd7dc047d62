// The lock of a reusable instance: a lock whose holder died is taken over, by one waiter only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHBaseError } from '../../../src/testing';
import { acquireLock, removeStaleLock } from '../../../src/testing/lock';

/** The pid of a process that has exited (a recycled pid within the test is all but impossible). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kit-lock-'));
  file = join(dir, 'reuse-x.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a lock left by a dead process is taken over', async () => {
  writeFileSync(file, `${deadPid()}:stale`);
  const release = await acquireLock(file, 1000);
  expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^${process.pid}:`));
  release();
  expect(() => readFileSync(file)).toThrow();
});

test('two waiters that both found the holder dead: the second leaves the lock the first took', async () => {
  const stale = `${deadPid()}:stale`;
  writeFileSync(file, stale);
  // Both saw `stale` held by a dead process; the first removes it and takes the lock.
  expect(removeStaleLock(file, stale)).toBe(true);
  const release = await acquireLock(file, 0);
  const taken = readFileSync(file, 'utf8');
  // The second acts on what it saw: the lock now holds another content, and stays.
  expect(removeStaleLock(file, stale)).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe(taken);
  release();
});

test('a takeover in progress elsewhere (its guard) makes a waiter wait', () => {
  const stale = `${deadPid()}:stale`;
  writeFileSync(file, stale);
  writeFileSync(`${file}.takeover`, '1');
  expect(removeStaleLock(file, stale)).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe(stale);
});

test('a live holder is waited for, then the wait gives up with a LocalHBaseError', async () => {
  const release = await acquireLock(file, 0);
  await expect(acquireLock(file, 300)).rejects.toThrow(LocalHBaseError);
  release();
});

test('a release after the lock was taken over does not remove the new holder', async () => {
  const release = await acquireLock(file, 0);
  writeFileSync(file, `${process.pid}:other`);
  release();
  expect(readFileSync(file, 'utf8')).toBe(`${process.pid}:other`);
});
