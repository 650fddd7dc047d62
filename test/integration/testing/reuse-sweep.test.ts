// A reusable instance with one dead JVM: the next start kills its other JVMs and removes its
// folder (nothing else would: no process owns it) before it starts a fresh one. Starts two
// instances, one after the other; never touches the project's shared HBase.
import { existsSync } from 'node:fs';
import { LocalHBase } from '../../../src/testing';
import { cacheDirectory } from '../../../src/testing/cache-dir';
import { readRecord } from '../../../src/testing/instance-record';
import { findInstanceJvms } from '../../../src/testing/jvm';

jest.setTimeout(300_000);

const key = `jest-sweep-${process.pid}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

afterAll(async () => {
  await LocalHBase.stopReused(key);
});

test('a reusable instance whose gateway died is stopped whole by the next start with its key', async () => {
  const first = await LocalHBase.start({ reuse: key });
  const record = readRecord(cacheDirectory(), `reuse-${key}`)!;
  const { master, thrift1 } = record.pids as { master: number; thrift1: number };
  process.kill(thrift1, 'SIGKILL');
  for (let i = 0; i < 100 && alive(thrift1); i++) await new Promise((r) => setTimeout(r, 50));
  expect(alive(thrift1)).toBe(false);

  const second = await LocalHBase.start({ reuse: key });
  expect(second.reused).toBe(false);
  expect(alive(master)).toBe(false); // the old master (1 GB of heap) does not run on
  expect(findInstanceJvms(first.directory)).toEqual([]);
  expect(existsSync(first.directory)).toBe(false);
  expect(second.directory).not.toBe(first.directory);

  expect(await LocalHBase.stopReused(key)).toBe(true);
  expect(findInstanceJvms(second.directory)).toEqual([]);
  expect(existsSync(second.directory)).toBe(false);
});
