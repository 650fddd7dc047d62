// Resolving HBase's jars: Maven offline first, online (counting downloads into onProgress) when
// offline fails, then the cached list with no Maven at all. A stand-in `mvn` script plays Maven
// (a real first download is ~200 MB); the real Maven then resolves offline from ~/.m2.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClasspathResolutionError, type LocalHBaseProgress } from '../../../src/testing';
import { resolveClasspath } from '../../../src/testing/classpath';

jest.setTimeout(120_000);

const scratch = mkdtempSync(join(tmpdir(), 'hbase-kit-cp-'));
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake `mvn` that fails offline and, online, "downloads" three files and lists /bin/sh as the classpath. */
function fakeMaven(): string {
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'mvn'),
    `#!/bin/sh
for a in "$@"; do case "$a" in -o) echo "[ERROR] offline: artifact not cached"; exit 1;; -Dmdep.outputFile=*) out="\${a#-Dmdep.outputFile=}";; esac; done
for n in 1 2 3; do echo "[INFO] Downloaded from central: https://repo.maven.apache.org/x$n.jar (1 kB at 1 MB/s)"; done
printf /bin/sh > "$out"
`,
  );
  chmodSync(join(bin, 'mvn'), 0o755);
  return bin;
}

test('offline first, then online with a count of the downloads, then from the cache without Maven', async () => {
  const cache = join(scratch, 'cache-fake');
  process.env.PATH = `${fakeMaven()}:${savedPath}`;
  const progress: LocalHBaseProgress[] = [];
  expect(await resolveClasspath(cache, (p) => progress.push(p))).toBe('/bin/sh');
  expect(progress.filter((p) => p.downloaded !== undefined).map((p) => p.downloaded)).toEqual([1, 2, 3]);
  expect(progress.map((p) => p.message)).toContain(
    'fetching the HBase jars from Maven Central (~200 MB, once)',
  );
  expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  // Cached: no Maven needed any more.
  process.env.PATH = join(scratch, 'nothing');
  const again: LocalHBaseProgress[] = [];
  expect(await resolveClasspath(cache, (p) => again.push(p))).toBe('/bin/sh');
  expect(again).toEqual([]);
});

test('Maven failing both ways: ClasspathResolutionError with its last lines', async () => {
  const bin = join(scratch, 'bin-failing');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'mvn'),
    '#!/bin/sh\necho "[ERROR] Could not transfer artifact: Network is unreachable"\nexit 1\n',
  );
  chmodSync(join(bin, 'mvn'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  const error = await resolveClasspath(join(scratch, 'cache-failing'), () => {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ClasspathResolutionError);
  expect((error as ClasspathResolutionError).output).toContain('Network is unreachable');
});

test('Maven past the bound its caller passes is killed (the kit reads no variable for it)', async () => {
  const bin = join(scratch, 'bin-hanging');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'mvn'), '#!/bin/sh\necho "[INFO] hanging"\nexec sleep 30\n');
  chmodSync(join(bin, 'mvn'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  process.env.HBASE_MVN_TIMEOUT = '0.001'; // ignored: only the scripts read it, and pass it
  const t0 = Date.now();
  try {
    const error = await resolveClasspath(join(scratch, 'cache-hanging'), () => {}, 300).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClasspathResolutionError);
    expect((error as Error).message).toContain('signal SIGKILL');
    // Twice the bound (offline, then online), far below the sleep.
    expect(Date.now() - t0).toBeLessThan(10_000);
  } finally {
    delete process.env.HBASE_MVN_TIMEOUT;
  }
});

test('the real Maven resolves the shipped pom offline from its repository', async () => {
  const progress: LocalHBaseProgress[] = [];
  const classpath = await resolveClasspath(join(scratch, 'cache-real'), (p) => progress.push(p));
  expect(classpath.split(':').some((jar) => /hbase-server-[\d.]+-hadoop3\.jar$/.test(jar))).toBe(true);
  expect(classpath.split(':').some((jar) => /hbase-thrift-[\d.]+\.jar$/.test(jar))).toBe(true);
  expect(progress.map((p) => p.message)).toEqual(['resolving the HBase jars with Maven (offline first)']);
});

test('starts resolving at once share one Maven run (the bug: they shared one output file)', async () => {
  const bin = join(scratch, 'bin-counting');
  const runs = join(scratch, 'runs.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'mvn'),
    `#!/bin/sh
echo run >> "${runs}"
for a in "$@"; do case "$a" in -Dmdep.outputFile=*) out="\${a#-Dmdep.outputFile=}";; esac; done
sleep 1; printf /bin/sh > "$out"
`,
  );
  chmodSync(join(bin, 'mvn'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  const cache = join(scratch, 'cache-concurrent');
  const results = await Promise.all([1, 2, 3].map(() => resolveClasspath(cache, () => {})));
  expect(results).toEqual(['/bin/sh', '/bin/sh', '/bin/sh']);
  expect(readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(1);
});
