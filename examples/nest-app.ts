// A NestJS application on HBase: HBaseModule provides a pool and a repository, a service uses the
// repository, controllers serve them over HTTP, and one controller uses the raw pool. The example
// starts the app on an ephemeral loopback port, calls its own API, prints the answers and shuts
// the app down (which closes the pool). Run it with `npm run example nest-app`.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Connection } from 'hbase-mapper';
import { AppModule, hbaseSettings } from './nest-app/app.module';

/** Calls the app's own API, prints the answer, and fails the example on an unexpected status. */
async function call<T>(base: string, expected: number, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  console.log(`${method} ${path} -> ${response.status}`, JSON.stringify(answer));
  if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}`);
  return answer as T;
}

async function main(): Promise<void> {
  // Start from a clean slate, so every run prints the same (the app recreates the table).
  await Connection.using(hbaseSettings(), async (admin) => {
    if ((await admin.tables()).includes('users')) await admin.deleteTable('users', { disable: true });
  });

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  console.log('listening on', base);
  try {
    // The readiness probe: {"status":"ok","info":{"hbase":{"latencyMs":1.2,"status":"up"}},...}.
    await call(base, 200, 'GET', '/health');
    await call(base, 201, 'POST', '/users', { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.org' });
    await call(base, 201, 'POST', '/users', { id: 'u2', name: 'Alan Turing' });
    await call(base, 201, 'POST', '/users', { id: 'u3', name: 'Grace Hopper' });
    await call(base, 400, 'POST', '/users', { name: 'nobody' });
    await call(base, 200, 'POST', '/users/u1/logins');
    await call(base, 200, 'POST', '/users/u1/logins');
    // The entity itself, its bigint counter as a decimal string: {"id":"u1",...,"logins":"2"}.
    const ada = await call<{ logins: string }>(base, 200, 'GET', '/users/u1');
    if (ada.logins !== '2') throw new Error(`GET /users/u1: expected logins "2", got ${ada.logins}`);
    await call(base, 404, 'GET', '/users/u404');
    const first = await call<{ nextCursor: string }>(base, 200, 'GET', '/users?limit=2');
    await call(base, 200, 'GET', `/users?limit=2&after=${first.nextCursor}`);
    // The raw pool, through the admin controller.
    await call(base, 200, 'GET', '/admin/tables');
    await call(base, 200, 'GET', '/admin/tables/users/regions');
  } finally {
    // Shutdown hooks run here: HBaseModule closes its pool once the HTTP server has stopped.
    await app.close();
  }

  await Connection.using(hbaseSettings(), (admin) => admin.deleteTable('users', { disable: true }));
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
