// Failures between the client and the gateway: each must end in a typed error, in bounded time.
import * as net from 'node:net';
import {
  Connection,
  ConnectionClosedError,
  ConnectionFailedError,
  ProtocolMismatchError,
  ThriftApplicationError,
  TimeoutError,
  TransportError,
} from '../../src';
import { THRIFT1_API } from '../../src/client/thrift1/thrift1-api';
import { THRIFT2_API } from '../../src/client/thrift2/thrift2-api';
import type { CallRegistry } from '../../src/client/transport/call-registry';
import { SocketChannel } from '../../src/client/transport/socket-channel';
import { gatewayApi, gateways, thrift1Gateways } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

const host = () => gateways.default().host!;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('transport failures', () => {
  it('a gateway that is not listening: ConnectionFailedError', async () => {
    const connection = new Connection({ host: '127.0.0.1', port: await freePort(), timeout: 5000 });
    await expect(connection.tables()).rejects.toBeInstanceOf(ConnectionFailedError);
    await connection.close();
  });

  it('buffered/binary against the framed/compact gateway: the error names the likely mismatch', async () => {
    const connection = new Connection({
      ...gateways.framed(),
      transport: 'buffered',
      protocol: 'binary',
      timeout: 5000,
    });
    const error = await connection.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(String((error as Error).message)).toMatch(/different transport .* or protocol/);
    await connection.close();
  });

  it('framed/compact against the buffered/binary gateway: a timeout that names the likely mismatch', async () => {
    const connection = new Connection({
      ...gateways.default(),
      transport: 'framed',
      protocol: 'compact',
      timeout: 1500,
    });
    const error = await connection.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(String((error as Error).message)).toMatch(/different transport or protocol/);
    await connection.close();
  });

  it('a socket client against the HTTPS gateway fails with a typed error in bounded time', async () => {
    const connection = new Connection({
      ...gateways.https(),
      transport: 'buffered',
      tls: false,
      timeout: 3000,
    });
    await expect(connection.tables()).rejects.toBeInstanceOf(TransportError);
    await connection.close();
  });

  it('a TLS socket client against the HTTPS gateway is told the gateway speaks HTTP', async () => {
    const connection = new Connection({ ...gateways.https(), transport: 'buffered', timeout: 3000 });
    const error = await connection.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolMismatchError);
    expect(String((error as Error).message)).toMatch(/HTTP mode/);
    await connection.close();
  });

  it('an untrusted certificate is refused unless verification is turned off', async () => {
    const untrusted = new Connection({ ...gateways.https(), tls: true, timeout: 5000 });
    const error = await untrusted.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailedError);
    expect(String((error as Error).message)).toMatch(/certificate/);
    await untrusted.close();

    const unverified = new Connection({
      ...gateways.https(),
      tls: { rejectUnauthorized: false },
      timeout: 5000,
    });
    expect(Array.isArray(await unverified.tables())).toBe(true);
    await unverified.close();
  });

  it('the server side cutting the connection mid-call rejects the in-flight call, then reconnects', async () => {
    const proxy = await TcpProxy.start(host(), gateways.default().port!);
    const connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout: 5000 });
    try {
      proxy.mode = 'cut-on-reply';
      await expect(connection.tables()).rejects.toBeInstanceOf(ConnectionClosedError);
      proxy.mode = 'forward';
      // autoConnect replaces the broken socket on the next call.
      expect(Array.isArray(await connection.tables())).toBe(true);
    } finally {
      await connection.close();
      await proxy.close();
    }
  });

  it('a gateway that never answers: every in-flight call rejects with TimeoutError or ConnectionClosedError', async () => {
    const proxy = await TcpProxy.start(host(), gateways.default().port!);
    proxy.mode = 'black-hole';
    // api: 'thrift1': the calls under test are the first on the socket (no detection before them).
    const connection = new Connection({ host: '127.0.0.1', port: proxy.port, timeout: 800, api: 'thrift1' });
    try {
      await connection.open();
      const started = performance.now();
      let firstRejectedAfter = 0;
      const timed = () =>
        connection.tables().catch((error: unknown) => {
          firstRejectedAfter ||= performance.now() - started;
          throw error;
        });
      const outcomes = await Promise.allSettled([timed(), timed(), timed()]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      // The timeout is kept: not before it, and not long after (one timer per channel checks
      // the deadlines, so a late check would show here).
      expect(firstRejectedAfter).toBeGreaterThanOrEqual(790);
      expect(firstRejectedAfter).toBeLessThan(1500);
      const [first, ...rest] = outcomes.map((o) => (o as PromiseRejectedResult).reason);
      expect(first).toBeInstanceOf(TimeoutError);
      for (const error of rest) expect(error).toBeInstanceOf(ConnectionClosedError);
    } finally {
      await connection.close();
      await proxy.close();
    }
  });

  it('operationTimeout bounds the opening too: a gateway that never answers the API question', async () => {
    const proxy = await TcpProxy.start(host(), gateways.default().port!);
    proxy.mode = 'black-hole';
    const connection = new Connection({
      host: '127.0.0.1',
      port: proxy.port,
      timeout: 10_000,
      operationTimeout: 500,
    });
    try {
      const started = performance.now();
      const error = await connection.tables().catch((e: unknown) => e);
      const after = performance.now() - started;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toMatch(/operationTimeout \(500 ms\)/);
      expect(after).toBeGreaterThanOrEqual(490);
      expect(after).toBeLessThan(5_000);
    } finally {
      await connection.close();
      await proxy.close();
    }
  });

  it('closing the connection rejects calls in flight', async () => {
    const proxy = await TcpProxy.start(host(), gateways.default().port!);
    proxy.mode = 'black-hole';
    const connection = new Connection({
      host: '127.0.0.1',
      port: proxy.port,
      timeout: 30_000,
      api: 'thrift1',
    });
    try {
      await connection.open();
      const pending = connection.tables().catch((error: unknown) => error);
      // Let the call reach the socket before closing.
      await new Promise((resolve) => setImmediate(resolve));
      await connection.close();
      expect(await pending).toBeInstanceOf(ConnectionClosedError);
    } finally {
      await proxy.close();
    }
  });

  it('a Thrift2 gateway declared Thrift1 (no detection): the unknown method is a ThriftApplicationError that says so', async () => {
    // Detection (the default) is tested in gateway-detection.test.ts; with api: 'thrift1' the
    // calls reach the Thrift2 gateway, which does not know Thrift1's getTableNames.
    const connection = new Connection({ ...gateways.thrift2(), timeout: 5000, api: 'thrift1' });
    const error = await connection.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThriftApplicationError);
    expect((error as Error).message).toMatch(/Invalid method name.*Thrift2 gateway/);
    expect(await connection.call('getThriftServerType', (g) => g.serverType())).toBe(2);
    await connection.close();
  });

  it('a Thrift1 gateway declared Thrift2 (no detection): the unknown method is a ThriftApplicationError that says so', async () => {
    const connection = new Connection({ ...thrift1Gateways.default(), timeout: 5000, api: 'thrift2' });
    const error = await connection.tables().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThriftApplicationError);
    expect((error as Error).message).toMatch(/Invalid method name.*Thrift1 gateway/);
    expect(await connection.call('getThriftServerType', (g) => g.serverType())).toBe(1);
    await connection.close();
  });

  it('sequence ids wrap before they overflow i32', async () => {
    const options = gateways.default();
    const channel = new SocketChannel(
      {
        host: options.host!,
        port: options.port!,
        timeout: 10_000,
        transport: 'buffered',
        protocol: 'binary',
        tls: undefined,
        httpPath: '/',
        httpHeaders: {},
      },
      gatewayApi === 'thrift2' ? THRIFT2_API : THRIFT1_API,
    );
    await channel.open();
    const calls = (channel as unknown as { calls: CallRegistry }).calls;
    calls.lastId = 2 ** 31 - 3;
    try {
      for (let i = 0; i < 5; i++) {
        expect(Array.isArray(await channel.call('getTableNames', (c) => c.tableNames()))).toBe(true);
      }
      expect(calls.lastId).toBeLessThan(10);
    } finally {
      await channel.close();
    }
  });
});
