// Fixed ports (the project's scripts/hbase): a taken one is refused by number, with who holds it,
// before any JVM starts.
import { createServer, type Server } from 'node:net';
import { PortTakenError } from '../../../src/testing/errors';
import { assertPortsFree } from '../../../src/testing/ports';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

test('free ports pass', async () => {
  const free = createServer();
  await new Promise<void>((resolve) => free.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const freePort = (free.address() as { port: number }).port;
  await new Promise((resolve) => free.close(resolve));
  await expect(assertPortsFree({ zookeeper: freePort })).resolves.toBeUndefined();
});

test('a taken port is refused with its number, the process that wanted it and who holds it', async () => {
  const error = await assertPortsFree({ 'default gateway': port }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PortTakenError);
  expect((error as PortTakenError).ports).toEqual([
    { process: 'default gateway', port, owner: expect.any(String) },
  ]);
  expect((error as Error).message).toContain(`port ${port} (default gateway) is in use by`);
});
