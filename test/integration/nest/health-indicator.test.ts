// HBaseHealthIndicator in a Nest app with TerminusModule, served over real HTTP: 200/up with the
// gateway up, 503/down within the timeout with it down (a TCP proxy in front of the real gateway
// is closed) or silent (the proxy swallows the bytes), and named connections.
import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module, Param } from '@nestjs/common';
// biome-ignore lint/style/useImportType: Nest injects by the parameter's type, which TypeScript emits (emitDecoratorMetadata) only for a value import.
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { InvalidArgumentError } from '../../../src';
import { HBaseModule } from '../../../src/nest';
import { HBaseHealthIndicator, HBaseHealthModule } from '../../../src/nest/health';
import { gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

const TIMEOUT_MS = 800;

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly hbase: HBaseHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.hbase.pingCheck('hbase', { timeout: TIMEOUT_MS })]);
  }

  @Get(':connection')
  @HealthCheck()
  checkNamed(@Param('connection') connection: string) {
    return this.health.check([
      () => this.hbase.pingCheck(connection, { connectionName: connection, timeout: TIMEOUT_MS }),
    ]);
  }
}

let proxy: TcpProxy;
let app: INestApplication;
let base: string;

beforeAll(async () => {
  const gateway = gateways.default();
  proxy = await TcpProxy.start(gateway.host, gateway.port);
  @Module({
    imports: [
      // The default connection goes through the proxy; 'direct' straight to the gateway.
      HBaseModule.forRoot({ ...gateway, host: '127.0.0.1', port: proxy.port, size: 2 }),
      HBaseModule.forRoot({ ...gateway, name: 'direct', size: 1, isGlobal: false }),
      TerminusModule,
      HBaseHealthModule,
    ],
    controllers: [HealthController],
  })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
});

/** GETs a health route: its status, its JSON body and how long it took. */
async function probe(path: string): Promise<{ status: number; body: HealthBody; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`);
  const body = (await response.json()) as HealthBody;
  return { status: response.status, body, ms: performance.now() - started };
}

interface HealthBody {
  status: string;
  details: Record<string, { status: string; latencyMs?: number; message?: string }>;
}

it('answers 200 and up, with the latency, while the gateway answers', async () => {
  const { status, body } = await probe('/health');
  expect(status).toBe(200);
  expect(body.status).toBe('ok');
  expect(body.details.hbase).toEqual({ status: 'up', latencyMs: expect.any(Number) });
  expect(body.details.hbase!.latencyMs).toBeGreaterThanOrEqual(0);
});

it('answers 503 and down, within the timeout, when the gateway is down, and up again when it is back', async () => {
  await proxy.down();
  try {
    const { status, body, ms } = await probe('/health');
    expect(status).toBe(503);
    expect(body.status).toBe('error');
    expect(body.details.hbase!.status).toBe('down');
    expect(body.details.hbase!.message).toMatch(/^(ConnectionFailedError|ConnectionClosedError): /);
    expect(ms).toBeLessThan(TIMEOUT_MS + 500);
  } finally {
    await proxy.up();
  }
  expect((await probe('/health')).status).toBe(200);
});

it('answers 503 when the gateway is silent, after the timeout, holding at most one connection', async () => {
  proxy.mode = 'black-hole';
  proxy.cutAll(); // the pooled connections go; the next one is accepted and never answered
  try {
    const first = await probe('/health');
    expect(first.status).toBe(503);
    expect(first.body.details.hbase).toEqual({
      status: 'down',
      message: `no answer within ${TIMEOUT_MS} ms`,
    });
    expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(first.ms).toBeLessThan(TIMEOUT_MS + 500);
    // The first ping is still waiting (for the connection's own 30 s timeout): the next check
    // waits on it rather than taking a second connection from the pool.
    const second = await probe('/health');
    expect(second.status).toBe(503);
    expect(second.ms).toBeLessThan(TIMEOUT_MS + 500);
    expect(proxy.openConnections).toBe(1);
  } finally {
    proxy.mode = 'forward';
    proxy.cutAll(); // ends the stuck ping, which frees its lease
  }
  // A check made now still joins that ping, and reports how it ended.
  expect(await app.get(HBaseHealthIndicator).pingCheck('hbase', { timeout: 5000 })).toEqual({
    hbase: { status: 'down', message: expect.stringMatching(/^ConnectionClosedError: /) },
  });
  expect((await probe('/health')).status).toBe(200);
});

it('checks a named connection, whatever its isGlobal, and reports an unknown name as down', async () => {
  await proxy.down();
  try {
    // The default connection is down, the direct one is not.
    expect((await probe('/health/direct')).body.details.direct!.status).toBe('up');
  } finally {
    await proxy.up();
  }
  const unknown = await probe('/health/nowhere');
  expect(unknown.status).toBe(503);
  expect(unknown.body.details.nowhere).toEqual({
    status: 'down',
    message: 'no HBase connection "nowhere" is configured',
  });
});

it('rejects bad arguments with InvalidArgumentError naming them', async () => {
  const indicator = app.get(HBaseHealthIndicator);
  const rejected = async (check: Promise<unknown>, argument: string) => {
    const error = await check.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  };
  await rejected(indicator.pingCheck(''), 'key');
  await rejected(indicator.pingCheck('hbase', { timeout: 0 }), 'options.timeout');
  await rejected(indicator.pingCheck('hbase', { timeout: 1.5 }), 'options.timeout');
  await rejected(indicator.pingCheck('hbase', { connectionName: '' }), 'options.connectionName');
  await rejected(indicator.pingCheck('hbase', { colour: 'red' } as never), 'options.colour');
});
