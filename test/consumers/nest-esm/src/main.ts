// An ES-module NestJS app with @nestjs/terminus 12: GET /health answers 200 while the gateway
// answers, and 503 for a connection whose gateway is down. synchronize creates the table of the
// forFeature entity (autoLoadEntities). Exits non-zero on any surprise.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
// biome-ignore lint/style/useImportType: Nest injects by the parameter's type, which TypeScript emits (emitDecoratorMetadata) only for a value import.
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { ConnectionPool, Entity, RowKey, utf8 } from 'hbase-mapper';
import { HBaseModule } from 'hbase-mapper/nest';
// biome-ignore lint/style/useImportType: as above.
import { HBaseHealthIndicator, HBaseHealthModule } from 'hbase-mapper/nest/health';

@Entity({ table: 'visits', families: { v: {} } })
class Visit {
  @RowKey({ codec: utf8 }) id!: string;
}

@Module({ imports: [HBaseModule.forFeature([Visit])] })
class VisitsModule {}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly hbase: HBaseHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.hbase.pingCheck('hbase', { timeout: 1000 })]);
  }

  @Get('offline')
  @HealthCheck()
  offline() {
    return this.health.check([() => this.hbase.pingCheck('offline', { connectionName: 'offline' })]);
  }
}

@Module({
  imports: [
    HBaseModule.forRoot({
      size: 2,
      host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
      port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
      tablePrefix: `consumer-nest-esm-${Date.now().toString(36)}-${process.pid}`,
      synchronize: true,
      autoLoadEntities: true,
      retryAttempts: 3,
      retryDelay: 1000,
    }),
    // Nothing listens on port 1: this connection's gateway is down.
    HBaseModule.forRoot({ name: 'offline', size: 1, host: '127.0.0.1', port: 1 }),
    VisitsModule,
    TerminusModule,
    HBaseHealthModule,
  ],
  controllers: [HealthController],
})
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(0, '127.0.0.1');
const base = await app.getUrl();
try {
  const up = await fetch(`${base}/health`);
  const upBody = (await up.json()) as { info: { hbase: { status: string; latencyMs: number } } };
  assert.equal(up.status, 200);
  assert.equal(upBody.info.hbase.status, 'up');
  assert.equal(typeof upBody.info.hbase.latencyMs, 'number');

  const down = await fetch(`${base}/health/offline`);
  const downBody = (await down.json()) as { error: { offline: { status: string; message: string } } };
  assert.equal(down.status, 503);
  assert.equal(downBody.error.offline.status, 'down');
  assert.match(downBody.error.offline.message, /^ConnectionFailedError: /);

  const pool = app.get(ConnectionPool);
  assert.deepEqual(await pool.connection((c) => c.tables()), ['visits']);
  await pool.connection((c) => c.deleteTable('visits', { disable: true }));
  console.log('nest-esm: health up (200) and down (503) with @nestjs/terminus 12');
} finally {
  await app.close();
}
