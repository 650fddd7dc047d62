// waitReady leaves no probe behind: one in flight when it gives up is closed and settled first.
import { createServer, type Socket } from 'node:net';
import { waitReady } from '../../../src/testing/readiness';

test('a probe in flight at the deadline is closed before waitReady resolves', async () => {
  // A gateway that accepts and never answers: the probe would otherwise wait its full 5 s timeout.
  const sockets = new Set<Socket>();
  let closed = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.resume(); // reads (and drops) the request, so that the client's end is seen
    socket.on('close', () => {
      closed++;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const accepted = new Promise<void>((r) => server.once('connection', () => r()));
    const started = Date.now();
    const result = await waitReady({
      masterLog: '/nonexistent/master.log',
      gateways: [{ name: 'thrift1', options: { host: '127.0.0.1', port, api: 'thrift1' } }],
      exited: () => undefined,
      deadline: Date.now() + 1000,
      onReady: () => {},
    });
    await accepted;
    expect(result).toMatchObject({ ready: false });
    expect(Date.now() - started).toBeLessThan(3000);
    // The client closed its side: the server sees the socket end within a moment.
    for (let i = 0; i < 100 && sockets.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect({ open: sockets.size, closed }).toEqual({ open: 0, closed: 1 });
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
});
