// hbase-mapper/testing against real JVMs: two instances at once on free ports, each answering
// through this library with data of its own, reuse across runs, and no JVM left after stop() or
// after the owning process dies of a signal. Starts at most two instances at once (each ~15-30 s
// on a loaded machine); never touches the project's shared HBase.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, InvalidArgumentError } from '../../../src';
import {
  LocalHBase,
  type LocalHBaseOptions,
  type LocalHBaseProgress,
  SHARED_OPTIONS_VARIABLE,
  type SharedLocalHBase,
  shareConnectionOptions,
  sharedConnectionOptions,
} from '../../../src/testing';
import { cacheDirectory } from '../../../src/testing/cache-dir';
import { sweepOrphans } from '../../../src/testing/instance-record';
import { findInstanceJvms } from '../../../src/testing/jvm';
import vitestGlobalSetup from '../../../src/testing/vitest-global-setup';

jest.setTimeout(240_000);

/** Lets a plain Node.js process run this repository's TypeScript (see the file). */
const REGISTER_TS = join(__dirname, 'fixtures/register-ts.cjs');

/** Ports the shared HBase of this repository uses: no instance may take them. */
const SHARED_PORTS = [2181, 16000, 16020, 9080, 9081, 9090, 9091, 9092, 9093, 9094, 9095, 9096, 9443, 9444];

/** The TCP ports the given processes listen on (from `ss`). */
function listeningPorts(pids: number[]): number[] {
  const out = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => pids.some((pid) => line.includes(`pid=${pid},`)))
    .map((line) => Number(/:(\d+)\s/.exec(line)![1]))
    .sort((a, b) => a - b);
}

function reportedPorts(hbase: LocalHBase): number[] {
  const { zookeeper, master, regionServer, gateways } = hbase.ports;
  const web = hbase.webUiPorts;
  return [
    zookeeper,
    master,
    regionServer,
    ...Object.values(gateways),
    ...(web ? [web.master, web.regionServer, ...Object.values(web.gateways)] : []),
  ].sort((a, b) => a - b) as number[];
}

const reuseKey = `jest-${process.pid}`;

describe('two instances side by side', () => {
  let a: LocalHBase;
  let b: LocalHBase;
  let bTwin: LocalHBase;
  const progressOfA: LocalHBaseProgress[] = [];

  beforeAll(async () => {
    const started = Date.now();
    // B is reusable: the reuse tests below use it, sparing a third start. It is asked for twice at
    // once: the second start waits for the first (a lock per key) and reuses what it started.
    const bOptions = (): LocalHBaseOptions => ({
      gateways: ['thrift1-https', 'thrift2-framed'],
      reuse: reuseKey,
    });
    // allSettled: when one start fails, the others still finish, and must be stopped here (a
    // reusable instance outlives this process).
    const settled = await Promise.allSettled([
      LocalHBase.start({
        gateways: ['thrift1', 'thrift2'],
        webUi: true,
        onProgress: (p) => progressOfA.push(p),
      }),
      LocalHBase.start(bOptions()),
      LocalHBase.start(bOptions()),
    ]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const s of settled) if (s.status === 'fulfilled') await s.value.stop();
      await LocalHBase.stopReused(reuseKey);
      throw failed.reason;
    }
    [a, b, bTwin] = settled.map((s) => (s as PromiseFulfilledResult<LocalHBase>).value) as [
      LocalHBase,
      LocalHBase,
      LocalHBase,
    ];
    if (b.reused) [b, bTwin] = [bTwin, b];
    process.stdout.write(`two instances ready in ${Date.now() - started} ms\n`);
  });

  afterAll(async () => {
    await a?.stop();
    await LocalHBase.stopReused(reuseKey);
  });

  test('every port is drawn at start, distinct, none of the shared HBase, and HBase listens on no other', () => {
    const all = [...reportedPorts(a), ...reportedPorts(b)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((p) => SHARED_PORTS.includes(p))).toEqual([]);
    expect(a.webUiPorts).toBeDefined();
    expect(b.webUiPorts).toBeUndefined();
    for (const hbase of [a, b])
      expect(listeningPorts(findInstanceJvms(hbase.directory))).toEqual(reportedPorts(hbase));
  });

  test('both answer through this library, on each gateway, with data of their own', async () => {
    const ca = new Connection(a.connectionOptions());
    const cb = new Connection(b.connectionOptions('thrift1-https'));
    try {
      await ca.createTable('kit', { cf: {} });
      await ca.table('kit').put('row', { 'cf:q': 'from a' });
      await cb.createTable('kit', { cf: {} });
      await cb.table('kit').put('row', { 'cf:q': 'from b' });
      expect((await ca.table('kit').row('row'))['cf:q']?.toString()).toBe('from a');
      expect((await cb.table('kit').row('row'))['cf:q']?.toString()).toBe('from b');
    } finally {
      await ca.close();
      await cb.close();
    }
    for (const [hbase, gateway] of [
      [a, 'thrift2'],
      [b, 'thrift2-framed'],
    ] as const) {
      const tables = await Connection.using(hbase.connectionOptions(gateway), (c) => c.tables());
      expect(tables).toContain('kit');
    }
    // The URL form (what HBASE_URL receives) reaches the same gateway.
    expect(await Connection.using(a.url(), (c) => c.tables())).toContain('kit');
  });

  test('two starts of one reusable instance at once start it once', () => {
    expect([b.reused, bTwin.reused]).toEqual([false, true]);
    expect(bTwin.ports).toEqual(b.ports);
    expect(bTwin.directory).toBe(b.directory);
  });

  test('onProgress hears the start, then each process ready', () => {
    // (After 'jars' steps when the classpath was not cached yet.)
    const started = progressOfA.filter((p) => p.stage !== 'jars');
    expect(started[0]).toEqual({ stage: 'start', message: `starting HBase in ${a.directory}` });
    const ready = started.filter((p) => p.stage === 'ready').map((p) => p.message);
    expect(ready.sort()).toEqual(['master ready', 'thrift1 ready', 'thrift2 ready']);
  });

  test('a gateway the instance does not run is refused before anything is sent', () => {
    expect(() => a.connectionOptions('thrift1-http')).toThrow(InvalidArgumentError);
  });

  test('the connection options travel to test files through the environment', () => {
    const env: NodeJS.ProcessEnv = {};
    shareConnectionOptions(b, env);
    expect(env.HBASE_URL).toBe(b.url());
    const saved = process.env[SHARED_OPTIONS_VARIABLE];
    process.env[SHARED_OPTIONS_VARIABLE] = env[SHARED_OPTIONS_VARIABLE];
    try {
      expect(sharedConnectionOptions()).toEqual(b.connectionOptions());
      expect(sharedConnectionOptions('thrift2-framed')).toEqual(b.connectionOptions('thrift2-framed'));
    } finally {
      if (saved === undefined) delete process.env[SHARED_OPTIONS_VARIABLE];
      else process.env[SHARED_OPTIONS_VARIABLE] = saved;
    }
  });

  test('a reusable instance outlives stop() and is found again, with its ports and tables', async () => {
    await b.stop();
    await b.stop(); // idempotent
    const started = Date.now();
    const again = await LocalHBase.start({ gateways: ['thrift2-framed'], reuse: reuseKey });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(again.reused).toBe(true);
    expect(again.ports).toEqual(b.ports);
    expect(await Connection.using(again.connectionOptions('thrift2-framed'), (c) => c.tables())).toContain(
      'kit',
    );
  });

  test('stop() kills every JVM and removes the folder; stopReused() ends a reusable one', async () => {
    const aDir = a.directory;
    expect(findInstanceJvms(aDir).length).toBe(3);
    await Promise.all([a.stop(), a.stop()]);
    expect(findInstanceJvms(aDir)).toEqual([]);
    expect(existsSync(aDir)).toBe(false);
    const bDir = b.directory;
    expect(await LocalHBase.stopReused(reuseKey)).toBe(true);
    expect(findInstanceJvms(bDir)).toEqual([]);
    expect(existsSync(bDir)).toBe(false);
    expect(await LocalHBase.stopReused(reuseKey)).toBe(false);
  });
});

/** Starts fixtures/start-and-wait.ts in a process of its own; resolves once its instance is ready. */
async function startInChild(): Promise<{ child: ChildProcess; directory: string }> {
  const child = spawn(process.execPath, ['-r', REGISTER_TS, join(__dirname, 'fixtures/start-and-wait.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before its instance was ready`)));
  });
  return { child, directory: (JSON.parse(line) as { directory: string }).directory };
}

const exitOf = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

test('the JVMs die with the process that started them when it gets SIGINT', async () => {
  const { child, directory } = await startInChild();
  expect(findInstanceJvms(directory).length).toBe(2);
  const exited = exitOf(child);
  child.kill('SIGINT');
  expect(await exited).toBe('SIGINT'); // ended the way SIGINT ends a process
  expect(findInstanceJvms(directory)).toEqual([]);
  expect(existsSync(directory)).toBe(false);
});

test('JVMs orphaned by a SIGKILLed process are stopped by the next start (its sweep)', async () => {
  const { child, directory } = await startInChild();
  const exited = exitOf(child);
  child.kill('SIGKILL');
  await exited;
  expect(findInstanceJvms(directory).length).toBe(2); // nothing could run in the killed process
  sweepOrphans(cacheDirectory());
  expect(findInstanceJvms(directory)).toEqual([]);
  expect(existsSync(directory)).toBe(false);
});

test('useLocalHBase() serves a node:test file (started in its before hook, stopped in its after hook)', async () => {
  const run = spawnSync(
    process.execPath,
    ['-r', REGISTER_TS, '--test', join(__dirname, 'fixtures/node-test-consumer.ts')],
    { encoding: 'utf8', timeout: 200_000 },
  );
  expect({ status: run.status, output: run.stdout + run.stderr }).toMatchObject({ status: 0 });
  expect(run.stdout).toMatch(/# pass 1/);
  const directory = /NODE-TEST-DIR (\S+)/.exec(run.stdout)![1]!;
  expect(findInstanceJvms(directory)).toEqual([]);
  expect(existsSync(directory)).toBe(false);
});

test('the Vitest global setup provides the options, sets the environment and returns its teardown', async () => {
  const saved = { url: process.env.HBASE_URL, shared: process.env[SHARED_OPTIONS_VARIABLE] };
  const provided: Record<string, unknown> = {};
  try {
    const teardown = await vitestGlobalSetup({ provide: (key, value) => (provided[key] = value) });
    const shared = provided.hbaseMapperTesting as SharedLocalHBase;
    expect(shared.gateways).toEqual(['thrift1']);
    expect(process.env.HBASE_URL).toMatch(/^hbase:\/\/127\.0\.0\.1:\d+\?api=thrift1$/);
    expect(await Connection.using({}, (c) => c.tables())).toEqual([]);
    expect(sharedConnectionOptions()).toEqual(shared.options.thrift1);
    const port = sharedConnectionOptions().port;
    await teardown();
    expect(execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).trim()).toBe('');
  } finally {
    for (const [name, value] of [
      ['HBASE_URL', saved.url],
      [SHARED_OPTIONS_VARIABLE, saved.shared],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test('the ready-made Jest global setup and teardown serve a test run of their own', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, HBASE_MAPPER_TESTING_GATEWAYS: 'thrift1,thrift2' };
  for (const name of Object.keys(env))
    if (/^HBASE_(URL|HOST|PORT|TRANSPORT|PROTOCOL|API)$/.test(name)) delete env[name];
  const jest = require.resolve('jest/bin/jest');
  const run = spawn(
    process.execPath,
    [jest, '--config', join(__dirname, 'fixtures/jest-consumer/jest.config.cjs')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  run.stdout.on('data', (chunk) => {
    output += chunk;
  });
  run.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
  expect({ code, output }).toMatchObject({ code: 0 });
  expect(output).toMatch(/CONSUMER-SAW hbase:\/\/127\.0\.0\.1:\d+\?api=thrift1/);
  const [, port] = /CONSUMER-SAW hbase:\/\/127\.0\.0\.1:(\d+)/.exec(output)!;
  // The teardown stopped it: nothing listens on its port any more.
  expect(execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).trim()).toBe('');
});
