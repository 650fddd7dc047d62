// What a user without Java 17 or Maven meets: typed errors naming what to install, raised before
// anything starts. Also the start timeout, with the log's tail. PATH, JAVA_HOME and the cache
// folder are swapped for each case (and restored), so the real tools on this machine are hidden.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '../../../src';
import { JavaNotFoundError, LocalHBase, MavenNotFoundError, StartTimeoutError } from '../../../src/testing';
import { findInstanceJvms } from '../../../src/testing/jvm';

jest.setTimeout(120_000);

const scratch = mkdtempSync(join(tmpdir(), 'hbase-kit-req-'));
const saved = {
  PATH: process.env.PATH,
  JAVA_HOME: process.env.JAVA_HOME,
  CACHE: process.env.HBASE_MAPPER_CACHE,
};

afterEach(() => {
  process.env.PATH = saved.PATH;
  for (const [name, value] of [
    ['JAVA_HOME', saved.JAVA_HOME],
    ['HBASE_MAPPER_CACHE', saved.CACHE],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder for PATH holding only the given programs (links to the real ones, or scripts). */
function binFolder(name: string, programs: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [program, target] of Object.entries(programs)) {
    if (target.startsWith('#!')) {
      writeFileSync(join(dir, program), target);
      chmodSync(join(dir, program), 0o755);
    } else symlinkSync(target, join(dir, program));
  }
  return dir;
}

function realJava(): string {
  return require('node:child_process')
    .execFileSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' })
    .trim();
}

test('no java on the PATH: JavaNotFoundError naming Java 17 and how to install it', async () => {
  delete process.env.JAVA_HOME;
  process.env.PATH = binFolder('empty', {});
  const error = await LocalHBase.start().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JavaNotFoundError);
  expect((error as JavaNotFoundError).foundVersion).toBeUndefined();
  expect((error as Error).message).toMatch(/Java 17 or newer.*`java` was not found.*openjdk-17/);
});

test('a JAVA_HOME without java: JavaNotFoundError naming that path', async () => {
  process.env.JAVA_HOME = join(scratch, 'no-jdk');
  const error = await LocalHBase.start().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JavaNotFoundError);
  expect((error as JavaNotFoundError).command).toBe(join(scratch, 'no-jdk', 'bin', 'java'));
});

test('Java 11: JavaNotFoundError with the version found', async () => {
  delete process.env.JAVA_HOME;
  process.env.PATH = binFolder('java11', {
    java: '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n',
  });
  const error = await LocalHBase.start().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JavaNotFoundError);
  expect((error as JavaNotFoundError).foundVersion).toBe('11.0.2');
  expect((error as Error).message).toContain('Java 11.0.2');
});

test('Java 8 (version "1.8.0_292"): too old as well', async () => {
  delete process.env.JAVA_HOME;
  process.env.PATH = binFolder('java8', {
    java: '#!/bin/sh\necho \'java version "1.8.0_292"\' >&2\n',
  });
  const error = await LocalHBase.start().catch((e: unknown) => e);
  expect((error as JavaNotFoundError).foundVersion).toBe('1.8.0_292');
});

test('no mvn and no cached jars: MavenNotFoundError naming Maven', async () => {
  delete process.env.JAVA_HOME;
  process.env.PATH = binFolder('java-only', { java: realJava() });
  process.env.HBASE_MAPPER_CACHE = join(scratch, 'empty-cache');
  const error = await LocalHBase.start().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MavenNotFoundError);
  expect((error as Error).message).toMatch(/`mvn` was not found.*Install Maven/);
});

test('bad options are refused before anything starts', async () => {
  await expect(LocalHBase.start({ gateways: ['thrift3' as never] })).rejects.toThrow(InvalidArgumentError);
  await expect(LocalHBase.start({ masterHeap: 'lots' })).rejects.toThrow(/options.masterHeap/);
  await expect(LocalHBase.start({ reuse: 'no spaces' })).rejects.toThrow(/options.reuse/);
  await expect(LocalHBase.start({ startTimeout: 5 })).rejects.toThrow(/options.startTimeout/);
  await expect(LocalHBase.start({ colour: 'red' } as never)).rejects.toThrow(/options.colour/);
});

test('a start that times out: StartTimeoutError with the log tail, and nothing left running', async () => {
  const directory = join(scratch, 'timeout');
  const error = await LocalHBase.start({ startTimeout: 1000, directory }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StartTimeoutError);
  expect((error as Error).message).toMatch(
    /not ready after 1000 ms \(master: not initialized\); last log lines:/,
  );
  expect(typeof (error as StartTimeoutError).logTail).toBe('string');
  expect(findInstanceJvms(directory)).toEqual([]);
});
