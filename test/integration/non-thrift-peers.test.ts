// A client pointed at something that is not a Thrift gateway (an SSH daemon, Redis, a random
// service) must say so as soon as the peer's first bytes arrive, not after its timeout. The peers
// here are plain TCP servers started by the test: being non-Thrift is their whole point.
import * as net from 'node:net';
import { Connection, type ConnectionOptions, ProtocolMismatchError } from '../../src';
import { gateways } from '../support/gateway';

/** What a peer does with a new connection. */
type Behaviour = (socket: net.Socket) => void;

/** A TCP server on a free loopback port; closed after each test. */
async function startPeer(behaviour: Behaviour): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    behaviour(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift32), so a failure can be replayed. */
function randomBytes(seed: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const greets =
  (bytes: Buffer): Behaviour =>
  (socket) =>
    socket.write(bytes);
const answers =
  (bytes: Buffer): Behaviour =>
  (socket) =>
    socket.once('data', () => socket.write(bytes));

/** A strict binary-protocol reply header whose method name claims 2^30 bytes. */
const hugeBinaryName = Buffer.from([0x80, 0x01, 0x00, 0x02, 0x40, 0x00, 0x00, 0x00, 0x61]);
/** A compact-protocol reply header (sequence id 1) whose method name claims 2^30 bytes. */
const hugeCompactName = Buffer.from([0x82, 0x41, 0x01, 0x80, 0x80, 0x80, 0x80, 0x04, 0x61]);

/** A valid binary reply header (to "m", sequence id 1), then a string claiming 2^31 - 1 bytes. */
const hugeBinaryString = Buffer.from([
  0x80, 0x01, 0, 2, 0, 0, 0, 1, 0x6d, 0, 0, 0, 1, 0x0b, 0, 0, 0x7f, 0xff, 0xff, 0xff,
]);
/** The same in the compact protocol: field 0 as a binary of 2^31 - 1 bytes. */
const hugeCompactString = Buffer.from([0x82, 0x41, 1, 1, 0x6d, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0x07]);

const peers: Array<[string, Behaviour]> = [
  ['an SSH banner', greets(Buffer.from('SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n'))],
  [
    'a Redis error line',
    answers(Buffer.from("-ERR unknown command '\\x80\\x01', with args beginning with: \r\n")),
  ],
  ['an HTTP/1.0 banner of another service', answers(Buffer.from('HTTP/1.0 400 Bad Request\r\n\r\n'))],
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [string, Behaviour] => [
    `random bytes (seed ${seed})`,
    answers(randomBytes(seed, 64)),
  ]),
];

const clients: Array<[string, ConnectionOptions]> = [
  ['buffered/binary', { transport: 'buffered', protocol: 'binary' }],
  ['buffered/compact', { transport: 'buffered', protocol: 'compact' }],
  ['framed/binary', { transport: 'framed', protocol: 'binary' }],
  ['framed/compact', { transport: 'framed', protocol: 'compact' }],
];

/** The call's outcome, with a default timeout far longer than the test may take. */
async function firstCallError(port: number, options: ConnectionOptions): Promise<unknown> {
  const connection = new Connection({ host: '127.0.0.1', port, timeout: 60_000, ...options });
  try {
    return await connection.tables().then(
      () => new Error('the call succeeded'),
      (error: unknown) => error,
    );
  } finally {
    await connection.close();
  }
}

describe.each(clients)('a %s client against a non-Thrift peer fails at once', (_, options) => {
  // Jest's 10 s limit, far below the 60 s call timeout: waiting for the timeout fails the test.
  it.each(peers)(
    '%s: ProtocolMismatchError',
    async (_peer, behaviour) => {
      const peer = await startPeer(behaviour);
      try {
        const error = await firstCallError(peer.port, options);
        expect(error).toBeInstanceOf(ProtocolMismatchError);
        // The client names what it found: not Thrift, or HTTP (a gateway in HTTP mode, say).
        expect((error as Error).message).toMatch(/Thrift|HTTP mode/);
      } finally {
        await peer.close();
      }
    },
    10_000,
  );

  it('a reply header claiming a 2^30-byte method name: ProtocolMismatchError', async () => {
    const header = options.protocol === 'compact' ? hugeCompactName : hugeBinaryName;
    const frame = Buffer.alloc(4);
    frame.writeInt32BE(header.length + 1000);
    const peer = await startPeer(
      answers(options.transport === 'framed' ? Buffer.concat([frame, header]) : header),
    );
    try {
      const error = await firstCallError(peer.port, options);
      expect(error).toBeInstanceOf(ProtocolMismatchError);
      expect((error as Error).message).toMatch(/method name of 1073741824 bytes/);
    } finally {
      await peer.close();
    }
  }, 10_000);
});

describe.each(clients.filter(([, o]) => o.transport === 'buffered'))(
  'a %s client and a reply claiming an implausible length',
  (_, options) => {
    it('a string of 2^31 - 1 bytes after a valid header: ProtocolMismatchError at once', async () => {
      const reply = options.protocol === 'compact' ? hugeCompactString : hugeBinaryString;
      const peer = await startPeer(answers(reply));
      try {
        const error = await firstCallError(peer.port, options);
        expect(error).toBeInstanceOf(ProtocolMismatchError);
        expect((error as Error).message).toMatch(/invalid length 2147483647/);
      } finally {
        await peer.close();
      }
    }, 10_000);
  },
);

describe('the real gateways still work with the checks', () => {
  it.each([
    ['buffered/binary', gateways.default()],
    ['framed/compact', gateways.framed()],
    ['http', gateways.http()],
  ])('%s', async (_, options) => {
    const connection = new Connection(options);
    try {
      expect(Array.isArray(await connection.tables())).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
