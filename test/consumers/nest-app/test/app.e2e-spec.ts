import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type ConnectionPool, TableNotFoundError } from 'hbase-mapper';
import { getConnectionPoolToken } from 'hbase-mapper/nest';
import request from 'supertest';
import { AppModule } from '../src/app.module';

describe('a NestJS app on hbase-mapper, over HTTP', () => {
  let app: INestApplication;

  beforeAll(async () => {
    process.env.APP_TABLE_PREFIX = `consumer-nest-${Date.now().toString(36)}-${process.pid}`;
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    const pool = app.get<ConnectionPool>(getConnectionPoolToken());
    await pool.connection(async (connection) => {
      for (const table of await connection.tables()) {
        // Already gone is as good as dropped (the cluster may be shared).
        await connection.deleteTable(table, { disable: true }).catch((error: unknown) => {
          if (!(error instanceof TableNotFoundError)) throw error;
        });
      }
    });
    await app.close();
  });

  it('saves users through the repository and reads them back, one and all', async () => {
    await request(app.getHttpServer()).post('/users').send({ id: 'ada', name: 'Ada' }).expect(201);
    await request(app.getHttpServer()).post('/users').send({ id: 'alan', name: 'Alan' }).expect(201);
    await request(app.getHttpServer()).post('/users').send({ id: 42 }).expect(400);

    const found = await request(app.getHttpServer()).get('/users/ada').expect(200);
    expect(found.body).toEqual({ id: 'ada', name: 'Ada' });
    await request(app.getHttpServer()).get('/users/nobody').expect(404);

    const all = await request(app.getHttpServer()).get('/users').expect(200);
    expect(all.body).toEqual([
      { id: 'ada', name: 'Ada' },
      { id: 'alan', name: 'Alan' },
    ]);
  });

  it('counts with the raw client of the injected pool', async () => {
    const first = await request(app.getHttpServer()).post('/counters/ada/visits').expect(200);
    const second = await request(app.getHttpServer()).post('/counters/ada/visits').expect(200);
    expect([first.body, second.body]).toEqual([
      { row: 'ada', visits: '1' },
      { row: 'ada', visits: '2' },
    ]);
  });

  it('returns an entity with a bigint counter as JSON', async () => {
    await request(app.getHttpServer()).post('/users').send({ id: 'grace', name: 'Grace' }).expect(201);
    await request(app.getHttpServer()).post('/users/grace/logins').expect(200);
    const second = await request(app.getHttpServer()).post('/users/grace/logins').expect(200);
    expect(second.body).toEqual({ id: 'grace', name: 'Grace', logins: '2' });
  });

  it('answers the health check with the gateway up', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { hbase: { status: 'up' } } });
    expect(typeof health.body.info.hbase.latencyMs).toBe('number');
  });
});
