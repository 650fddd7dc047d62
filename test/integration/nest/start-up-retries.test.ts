// retryAttempts / retryDelay: start-up work that reaches HBase (synchronize) is retried while the
// gateway refuses connections (a TCP proxy in front of the real gateway, down then up), each retry
// logged by Nest's Logger; errors that no retry can mend fail at once.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConnectionFailedError, Entity, MetadataError, RowKey, utf8 } from '../../../src';
import { HBaseModule } from '../../../src/nest';
import { gateways, uniquePrefix } from '../../support/gateway';
import { HttpAuthProxy } from '../../support/http-auth-proxy';
import { TcpProxy } from '../../support/tcp-proxy';
import { dropTables, tablesWithPrefix } from './fixtures';

const prefix = uniquePrefix('nest_retry');

@Entity({ table: 'jobs', families: { j: {} } })
class Job {
  @RowKey({ codec: utf8 }) id!: string;
}

let proxy: TcpProxy;
let errors: string[];
/** Runs after each retry is logged (the message is already in `errors`). */
let onRetryLogged: (() => void) | undefined;

beforeAll(async () => {
  const gateway = gateways.default();
  proxy = await TcpProxy.start(gateway.host, gateway.port);
});

beforeEach(() => {
  errors = [];
  onRetryLogged = undefined;
  jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
    errors.push(String(message));
    onRetryLogged?.();
  });
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(async () => {
  await proxy?.close();
  await dropTables(prefix);
});

/** Connection options through the proxy. */
const viaProxy = () => ({
  ...gateways.default(),
  host: '127.0.0.1',
  port: proxy.port,
  size: 1,
  tablePrefix: prefix,
});

it('retries synchronize while the gateway refuses, logging each retry, and starts once it accepts', async () => {
  await proxy.down();
  let up: Promise<void> | undefined;
  // The gateway comes back after the second refusal, before the third attempt.
  onRetryLogged = () => {
    if (errors.length === 2) up = proxy.up();
  };
  const app = await Test.createTestingModule({
    imports: [
      HBaseModule.forRootAsync({
        useFactory: () => ({
          ...viaProxy(),
          entities: [Job],
          synchronize: true,
          retryAttempts: 5,
          retryDelay: 100,
        }),
      }),
    ],
  }).compile();
  await up;
  try {
    expect(await tablesWithPrefix(prefix)).toEqual(['jobs']);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatch(
      /^connection "default": start-up failed \(ConnectionFailedError: cannot connect to 127\.0\.0\.1:\d+ .*\); retrying in 100 ms \(1\/5\)$/,
    );
    expect(errors[1]).toMatch(/retrying in 100 ms \(2\/5\)$/);
    expect(proxy.bytesFromClients).toBeGreaterThan(0); // the tables were created through the proxy
  } finally {
    await app.close();
  }
});

it('gives up after retryAttempts retries with the last error', async () => {
  await proxy.down();
  try {
    const started = Test.createTestingModule({
      imports: [
        HBaseModule.forRoot({
          ...viaProxy(),
          name: 'flaky',
          entities: [Job],
          synchronize: true,
          retryAttempts: 2,
          retryDelay: 0,
        }),
      ],
    }).compile();
    await expect(started).rejects.toThrow(ConnectionFailedError);
    expect(errors.map((e) => e.replace(/\(.*\); /, '(...); '))).toEqual([
      'connection "flaky": start-up failed (...); retrying in 0 ms (1/2)',
      'connection "flaky": start-up failed (...); retrying in 0 ms (2/2)',
    ]);
  } finally {
    await proxy.up();
  }
});

it('logs no secret: credentials of an HTTP gateway stay out of the retry messages', async () => {
  await proxy.down();
  try {
    const started = Test.createTestingModule({
      imports: [
        HBaseModule.forRoot({
          url: `http://alice:s3cr3t-pw@127.0.0.1:${proxy.port}/`,
          httpHeaders: { 'x-api-key': 'k3y-v4lue' },
          size: 1,
          entities: [Job],
          synchronize: true,
          retryAttempts: 1,
          retryDelay: 0,
        }),
      ],
    }).compile();
    await expect(started).rejects.toThrow(ConnectionFailedError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^connection "default": start-up failed \(ConnectionFailedError: /);
    expect(errors[0]).not.toMatch(/s3cr3t|alice|k3y/);
  } finally {
    await proxy.up();
  }
});

it('does not retry with retryAttempts: 0, nor errors that no retry would mend', async () => {
  await proxy.down();
  try {
    await expect(
      Test.createTestingModule({
        imports: [
          HBaseModule.forRoot({ ...viaProxy(), entities: [Job], synchronize: true, retryAttempts: 0 }),
        ],
      }).compile(),
    ).rejects.toThrow(ConnectionFailedError);
  } finally {
    await proxy.up();
  }
  class NotAnEntity {}
  await expect(
    Test.createTestingModule({
      imports: [
        HBaseModule.forRoot({
          ...viaProxy(),
          entities: [NotAnEntity],
          synchronize: true,
          retryAttempts: 3,
          retryDelay: 0,
        }),
      ],
    }).compile(),
  ).rejects.toThrow(MetadataError);
  expect(errors).toEqual([]);
});

it('does not retry an HTTP gateway that refuses the credentials, and retries one that is unavailable', async () => {
  const http = gateways.http();
  const auth = await HttpAuthProxy.start(http.host, http.port, 'Bearer right');
  const overHttp = (authorization: string) => ({
    ...http,
    host: '127.0.0.1',
    port: auth.port,
    httpHeaders: { authorization },
    size: 1,
    tablePrefix: prefix,
    entities: [Job],
    synchronize: true,
    retryDelay: 0,
  });
  try {
    const compile = (authorization: string) =>
      Test.createTestingModule({
        imports: [HBaseModule.forRoot({ ...overHttp(authorization), retryAttempts: 3 })],
      }).compile();
    await expect(compile('Bearer wrong')).rejects.toMatchObject({ name: 'HttpStatusError', status: 403 });
    expect(errors).toEqual([]);
    auth.failNext = { status: 503, count: 1 };
    const app = await compile('Bearer right');
    await app.close();
    expect(errors).toEqual([expect.stringContaining('HttpStatusError')]);
  } finally {
    await auth.close();
  }
});

it('never waits for HBase without synchronize: connections open lazily', async () => {
  await proxy.down();
  try {
    const app = await Test.createTestingModule({
      imports: [HBaseModule.forRoot({ ...viaProxy(), entities: [Job], retryAttempts: 3 })],
    }).compile();
    await app.close();
    expect(errors).toEqual([]);
  } finally {
    await proxy.up();
  }
});
