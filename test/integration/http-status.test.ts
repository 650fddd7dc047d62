// Non-200 answers in HTTP mode, from an authenticating proxy in front of the real HTTP gateway and
// from the gateway itself: a typed HttpStatusError naming the status, never the path's query,
// credentials or header values, and not retried when retrying cannot help.
import { Connection, HttpStatusError, ProtocolMismatchError, TransportError } from '../../src';
import { gateways } from '../support/gateway';
import { HttpAuthProxy } from '../support/http-auth-proxy';

const TOKEN = 'Bearer s3cr3t-token-0123456789';
const QUERY_TOKEN = 'q-token-abcdef987654';
let proxy: HttpAuthProxy;

beforeAll(async () => {
  proxy = await HttpAuthProxy.start(gateways.http().host, gateways.http().port, TOKEN);
});

afterAll(async () => {
  await proxy.close();
});

function through(headers: Record<string, string> | undefined, retry = false): Connection {
  return new Connection({
    host: '127.0.0.1',
    port: proxy.port,
    transport: 'http',
    httpPath: `/thrift?access_token=${QUERY_TOKEN}`,
    ...(headers ? { httpHeaders: headers } : {}),
    retry: retry ? { attempts: 3, backoff: 1 } : false,
    timeout: 10_000,
  });
}

function expectNoSecrets(error: unknown): void {
  const text = `${(error as Error).message}\n${(error as Error).stack}`;
  expect(text).not.toContain(QUERY_TOKEN);
  expect(text).not.toContain('s3cr3t');
  expect(text).not.toContain('wrong-token');
}

describe('HTTP status answers', () => {
  it('401 from an auth proxy: HttpStatusError with status 401, not a protocol mismatch', async () => {
    const connection = through(undefined);
    try {
      const error = await connection.tables().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).not.toBeInstanceOf(ProtocolMismatchError);
      expect((error as HttpStatusError).status).toBe(401);
      expect((error as Error).message).toMatch(/answered HTTP 401 Unauthorized: .*requires authentication/);
      expectNoSecrets(error);
    } finally {
      await connection.close();
    }
  });

  it('403 for wrong credentials: the header value and the query never appear', async () => {
    const connection = through({ authorization: 'Bearer wrong-token-xyz' });
    try {
      const error = await connection.tables().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).status).toBe(403);
      expect((error as Error).message).toMatch(/answered HTTP 403 Forbidden/);
      expectNoSecrets(error);
    } finally {
      await connection.close();
    }
  });

  it('a 401 is not retried, even with retry on: the same request would be refused again', async () => {
    const connection = through(undefined, true);
    try {
      const before = proxy.requests;
      await expect(connection.tables()).rejects.toBeInstanceOf(HttpStatusError);
      expect(proxy.requests - before).toBe(1);
    } finally {
      await connection.close();
    }
  });

  it('a 503 from the proxy is retried with retry on, and the call then succeeds', async () => {
    const connection = through({ authorization: TOKEN }, true);
    try {
      // Opened first: its one detection request (getThriftServerType) is not the call under test.
      await connection.open();
      proxy.failNext = { status: 503, count: 1 };
      const before = proxy.requests;
      expect(Array.isArray(await connection.tables())).toBe(true);
      expect(proxy.requests - before).toBe(2);
    } finally {
      proxy.failNext.count = 0;
      await connection.close();
    }
  });

  it('without retry, a 503 is an HttpStatusError with status 503', async () => {
    const connection = through({ authorization: TOKEN });
    try {
      proxy.failNext = { status: 503, count: 1 };
      const error = await connection.tables().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).status).toBe(503);
      expect((error as Error).message).toMatch(/answered HTTP 503 Service Unavailable/);
    } finally {
      proxy.failNext.count = 0;
      await connection.close();
    }
  });

  it('with the right credentials the proxy forwards to the real gateway, and calls work', async () => {
    const connection = through({ authorization: TOKEN });
    try {
      const before = proxy.forwarded;
      expect(Array.isArray(await connection.tables())).toBe(true);
      // The call, after the connection's one detection request (getThriftServerType).
      expect(proxy.forwarded - before).toBe(2);
      expect(Array.isArray(await connection.tables())).toBe(true);
      expect(proxy.forwarded - before).toBe(3);
    } finally {
      await connection.close();
    }
  });

  it("the gateway's own 500 (a compact client against the binary HTTP gateway) names the status and the protocol", async () => {
    const connection = new Connection({
      ...gateways.http(),
      protocol: 'compact',
      httpPath: `/?access_token=${QUERY_TOKEN}`,
      timeout: 10_000,
    });
    try {
      const error = await connection.tables().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpStatusError);
      expect((error as HttpStatusError).status).toBe(500);
      expect((error as Error).message).toMatch(/HTTP 500.*compact protocol/);
      expect((error as Error).message).toContain('"/?…"');
      expectNoSecrets(error);
    } finally {
      await connection.close();
    }
  });
});
