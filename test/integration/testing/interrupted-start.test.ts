// Ctrl-C (SIGINT) or SIGTERM while the project's instance starts (it has no owner process that
// stops it at exit): the JVMs that start spawned are stopped, the record is what it was before,
// the lock is released, and the process ends by the signal. One instance in a folder of its own,
// on ports drawn as the kit draws them: never the shared HBase.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayDescriptor } from '../../../src/testing/gateways';
import { findInstanceJvms, isInstanceJvm } from '../../../src/testing/jvm';
import { reservePorts } from '../../../src/testing/ports';
import {
  type ProjectHBaseOptions,
  projectRecord,
  startProjectHBase,
  stopProjectHBase,
} from '../../../src/testing/project-instance';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '../../..');
const stateDir = mkdtempSync(join(tmpdir(), 'hbase-kit-interrupt-'));
const key = 'project';
const lock = join(stateDir, 'instances', `reuse-${key}.lock`);
let ports: number[];
let releasePorts: () => void = () => {};

beforeAll(async () => {
  const reservation = await reservePorts(stateDir, 5);
  ports = reservation.ports;
  releasePorts = reservation.release;
});

afterAll(async () => {
  await stopProjectHBase(stateDir, key, 60_000);
  releasePorts();
  rmSync(stateDir, { recursive: true, force: true });
});

const options = (gateways: GatewayDescriptor[]): Omit<ProjectHBaseOptions, 'onProgress'> => ({
  stateDir,
  key,
  gateways,
  ports: { zookeeper: ports[0], master: ports[1], regionServer: ports[2] },
  masterHeap: '1g',
  gatewayHeap: '256m',
  startTimeout: 180_000,
});
const defaultGateway = (): GatewayDescriptor => ({ name: 'default', kind: 'thrift1', port: ports[3] });
const idleGateway = (): GatewayDescriptor => ({ name: 'idle', kind: 'thrift1', port: ports[4] });

/**
 * Runs a start in a child process (the kit's sources through the scripts' register hook) and sends
 * it `signal` once it says it is starting JVMs; resolves to how the child ended.
 */
async function interruptStart(
  opts: Omit<ProjectHBaseOptions, 'onProgress'>,
  signal: NodeJS.Signals,
): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const program = `
    const { startProjectHBase } = require(${JSON.stringify(join(ROOT, 'src/testing/project-instance.ts'))});
    startProjectHBase({ ...JSON.parse(process.env.START_OPTIONS), onProgress: (p) => {
      if (p.stage === 'start') console.log(p.message);
    } }).then(() => console.log('started'), (e) => console.log('failed ' + e.message));`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', join(ROOT, 'test/support/ts-register-cached.cjs'), '-e', program],
    { env: { ...process.env, START_OPTIONS: JSON.stringify(opts) }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // Emitted just before the JVMs are spawned, in the same synchronous run: the signal is
    // handled after they exist.
    if (/^starting (HBase in|gateway\(s\))/m.test(out)) child.kill(signal);
  });
  return await new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
}

/** Bounded: SIGKILL was sent synchronously, the kernel ends the JVMs within moments. */
async function settled(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  return check();
}

test('SIGINT during a fresh start: its JVMs stopped, no record, the lock released, ended by SIGINT', async () => {
  const ended = await interruptStart(options([defaultGateway()]), 'SIGINT');
  expect(ended).toEqual({ code: null, signal: 'SIGINT' });
  expect(await settled(() => findInstanceJvms(stateDir).length === 0)).toBe(true);
  expect(projectRecord(stateDir, key)).toBeUndefined();
  expect(existsSync(lock)).toBe(false);
});

test('SIGTERM while gateways are added: they are stopped, the instance keeps running as recorded before', async () => {
  const first = await startProjectHBase({ ...options([defaultGateway()]), onProgress: () => {} });
  const before = projectRecord(stateDir, key)!;
  const ended = await interruptStart(options([defaultGateway(), idleGateway()]), 'SIGTERM');
  expect(ended).toEqual({ code: null, signal: 'SIGTERM' });
  const instanceJvms = [first.record.pids.master!, first.record.pids.default!].sort();
  expect(await settled(() => findInstanceJvms(stateDir).sort().join() === instanceJvms.join())).toBe(true);
  expect(isInstanceJvm(first.record.pids.master!, stateDir)).toBe(true);
  expect(projectRecord(stateDir, key)).toEqual(before);
  expect(existsSync(lock)).toBe(false);
  // The next start takes the lock at once and adds the gateway.
  const again = await startProjectHBase({
    ...options([idleGateway()]),
    startTimeout: 120_000,
    onProgress: () => {},
  });
  expect(again).toMatchObject({ alreadyRunning: true, started: ['idle'] });
});
