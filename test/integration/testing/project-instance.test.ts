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
import {
  type ProjectHBaseOptions,
  projectHBaseStatus,
  projectProcessPid,
  startProjectHBase,
  stopProjectHBase,
} from '../../../src/testing/project-instance';

jest.setTimeout(300_000);

const stateDir = mkdtempSync(join(tmpdir(), 'hbase-kit-project-'));
const key = 'project';

/** Free ports, held by listeners until `release`: the test decides which one stays taken. */
async function holdPorts(count: number): Promise<{ ports: number[]; servers: Server[] }> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen({ port: 0, host: '0.0.0.0' }, () => resolve(server));
        }),
    ),
  );
  return { ports: servers.map((s) => (s.address() as { port: number }).port), servers };
}
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

let ports: number[];
/** Holds the last port, taken for the port-taken case. */
let taker: Server | undefined;

beforeAll(async () => {
  const held = await holdPorts(5);
  ports = held.ports;
  taker = held.servers[4];
  await Promise.all(held.servers.slice(0, 4).map(close));
});

afterAll(async () => {
  await stopProjectHBase(stateDir, key, 60_000);
  if (taker) await close(taker);
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
  const running = await projectHBaseStatus(stateDir, key);
  expect(running.state).toBe('running');
  expect(running.processes.map((p) => p.name)).toEqual(['master', 'default', 'idle']);

  expect(await stopProjectHBase(stateDir, key, 60_000)).toEqual(
    expect.arrayContaining(['master', 'default', 'idle']),
  );
  expect(findInstanceJvms(stateDir)).toEqual([]);
  expect((await projectHBaseStatus(stateDir, key)).state).toBe('stopped');
});
