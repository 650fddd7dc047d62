// The project's own HBase as scripts/hbase runs it through the kit: fixed ports (a taken one
// refused by name before anything starts), named gateways (`idle`, a second thrift1 with a site
// key of its own), gateways added to the running instance, a killed gateway restarted on its port,
// status and stop. One instance in a folder of its own, on free ports: never the shared HBase.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../../src';
import { PortTakenError } from '../../../src/testing/errors';
import type { GatewayDescriptor } from '../../../src/testing/gateways';
import { findInstanceJvms } from '../../../src/testing/jvm';
import { reservePorts } from '../../../src/testing/ports';
import {
  GatewayPortChangedError,
  type ProjectHBaseOptions,
  projectHBaseStatus,
  projectProcessPid,
  startProjectHBase,
  stopProjectHBase,
} from '../../../src/testing/project-instance';

jest.setTimeout(300_000);

const stateDir = mkdtempSync(join(tmpdir(), 'hbase-kit-project-'));
const key = 'project';

let ports: number[];
/** Holds the last port, taken for the port-taken case. */
let taker: Server | undefined;
let releasePorts: () => void = () => {};

beforeAll(async () => {
  // Drawn as the kit draws (below the ephemeral range, reserved): `listen(0)` would hand out
  // ephemeral ports, which an outgoing connection can take before the JVMs bind them.
  const reservation = await reservePorts(stateDir, 5);
  ports = reservation.ports;
  releasePorts = reservation.release;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ port: ports[4], host: '0.0.0.0' }, resolve));
  taker = server;
});

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

afterAll(async () => {
  await stopProjectHBase(stateDir, key, 60_000);
  if (taker) await close(taker);
  releasePorts();
  rmSync(stateDir, { recursive: true, force: true });
});

const options = (gateways: GatewayDescriptor[]): ProjectHBaseOptions => ({
  stateDir,
  key,
  gateways,
  ports: { zookeeper: ports[0], master: ports[1], regionServer: ports[2] },
  masterHeap: '1g',
  gatewayHeap: '256m',
  startTimeout: 180_000,
  onProgress: () => {},
});

const defaultGateway = (): GatewayDescriptor => ({ name: 'default', kind: 'thrift1', port: ports[3] });
const idleGateway: GatewayDescriptor = {
  name: 'idle',
  kind: 'thrift1',
  siteProperties: { 'hbase.thrift.server.socket.read.timeout': 1500 },
};

test('a fixed port that is taken is refused, naming the port, before anything starts', async () => {
  const taken = { name: 'default', kind: 'thrift1' as const, port: ports[4]! };
  const error = await startProjectHBase(options([taken])).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PortTakenError);
  expect((error as PortTakenError).ports).toEqual([
    { process: 'default gateway', port: ports[4], owner: expect.any(String) },
  ]);
  expect((error as Error).message).toContain(`port ${ports[4]} (default gateway) is in use by`);
  expect(findInstanceJvms(stateDir)).toEqual([]);
});

test('starts on the fixed ports, adds a named gateway, restarts a killed one, reports, stops', async () => {
  const first = await startProjectHBase(options([defaultGateway()]));
  expect(first.alreadyRunning).toBe(false);
  expect(first.record.ports).toMatchObject({ zookeeper: ports[0], master: ports[1], regionServer: ports[2] });
  expect(first.record.ports.gateways.default?.port).toBe(ports[3]);

  // Asked for on another port (its port variable changed): refused, not silently ignored.
  const moved = await startProjectHBase(options([{ ...defaultGateway(), port: ports[4]! }])).catch(
    (e: unknown) => e,
  );
  expect(moved).toBeInstanceOf(GatewayPortChangedError);
  expect(moved).toMatchObject({ gateway: 'default', runningPort: ports[3], wantedPort: ports[4] });

  const added = await startProjectHBase(options([defaultGateway(), idleGateway]));
  expect(added).toMatchObject({ alreadyRunning: true, started: ['idle'] });
  const idlePort = added.record.ports.gateways.idle!.port;
  const site = readFileSync(join(stateDir, 'conf', 'idle', 'hbase-site.xml'), 'utf8');
  expect(site).toContain('<name>hbase.thrift.server.socket.read.timeout</name><value>1500</value>');
  const idle = new Connection({ host: '127.0.0.1', port: idlePort, api: 'thrift1' });
  await expect(idle.tables()).resolves.toEqual([]);
  await idle.close();

  process.kill(projectProcessPid(stateDir, key, 'idle')!, 'SIGKILL');
  for (let i = 0; i < 100 && projectProcessPid(stateDir, key, 'idle') !== undefined; i++)
    await new Promise((r) => setTimeout(r, 50));
  const partial = await projectHBaseStatus(stateDir, key);
  expect(partial.state).toBe('partial');
  expect(partial.processes.find((p) => p.name === 'idle')).toMatchObject({ running: false, port: idlePort });

  const again = await startProjectHBase(options([idleGateway]));
  expect(again).toMatchObject({ alreadyRunning: true, started: ['idle'] });
  expect(again.record.ports.gateways.idle!.port).toBe(idlePort);
  // The killed gateway's log is kept, the restart appended after a separator line.
  const idleLog = readFileSync(join(stateDir, 'logs', 'idle.log'), 'utf8');
  expect(idleLog.match(/^===== hbase-mapper\/testing: idle started at .* =====$/gm)).toHaveLength(2);
  const running = await projectHBaseStatus(stateDir, key);
  expect(running.state).toBe('running');
  expect(running.processes.map((p) => p.name)).toEqual(['master', 'default', 'idle']);

  expect(await stopProjectHBase(stateDir, key, 60_000)).toEqual(
    expect.arrayContaining(['master', 'default', 'idle']),
  );
  expect(findInstanceJvms(stateDir)).toEqual([]);
  expect((await projectHBaseStatus(stateDir, key)).state).toBe('stopped');
});
