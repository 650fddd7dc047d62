import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { Connection } from '../../../src/client/connection';
import { ConnectionFailedError } from '../../../src/client/errors';

// A scanner id means something on its own gateway only: a call pinned to a gateway that cannot be
// reached must fail unsent, never fail over and carry the id to another gateway (where it could
// name another scan's scanner).
describe('a call pinned to a gateway', () => {
  let other: Server;
  let received = 0;
  const sockets: Socket[] = [];
  let deadPort: number;

  beforeAll(async () => {
    other = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    // A port nobody listens on: bound once, then closed.
    const dead = createServer();
    dead.listen(0, '127.0.0.1');
    await once(dead, 'listening');
    deadPort = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => other.close(resolve));
  });

  it('rejects unsent when only another gateway can be reached', async () => {
    const otherPort = (other.address() as AddressInfo).port;
    const connection = new Connection({
      servers: [`127.0.0.1:${deadPort}`, `127.0.0.1:${otherPort}`],
      api: 'thrift1',
      timeout: 2000,
    });
    try {
      const call = connection.call(
        'scannerGetList',
        (g) => g.scannerRows(7, 10),
        {},
        `127.0.0.1:${deadPort}`,
      );
      await expect(call).rejects.toBeInstanceOf(ConnectionFailedError);
      // The socket failed over (to the other gateway) but carried nothing.
      expect(connection.port).toBe(otherPort);
      expect(received).toBe(0);
    } finally {
      await connection.close();
    }
  });
});
