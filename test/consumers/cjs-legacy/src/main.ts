// The raw client and the mapper from a CommonJS build (tsc emits `require`), against the real
// gateway, under a table prefix of its own that is dropped at the end.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Connection, InvalidArgumentError, Repository, syncSchema, TableNotFoundError } from 'hbase-mapper';
import { Order, User } from './entities';
import { checkTracing } from './tracing';

async function main(): Promise<void> {
  assert.equal(typeof require('hbase-mapper').Connection, 'function');
  const connection = new Connection({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    tablePrefix: `consumer-cjs-${Date.now().toString(36)}-${process.pid}`,
  });
  try {
    const raw = await connection.createTable('raw', { cf: {} });
    await raw.put('a', { 'cf:x': 'one' });
    await raw.put('b', { 'cf:x': 'two' });
    const batch = raw.batch();
    batch.put('c', { 'cf:x': 'three' });
    batch.delete('a');
    await batch.send();
    const rows: string[] = [];
    for await (const [key, data] of raw.scan()) rows.push(`${key}=${data['cf:x']}`);
    assert.deepEqual(rows, ['b=two', 'c=three']);
    assert.equal(await raw.counterInc('b', 'cf:n', 10), 10n);
    assert.equal(await raw.counterGet('b', 'cf:n'), 10n);
    await assert.rejects(connection.table('missing').row('x'), TableNotFoundError);
    await assert.rejects(raw.put('', { 'cf:x': 'y' }), InvalidArgumentError);

    await syncSchema(connection, [User, Order]);
    const users = new Repository(User, connection);
    const orders = new Repository(Order, connection);
    await users.save(Object.assign(new User(), { id: 'grace', name: 'Grace Hopper', roles: ['admin'] }));
    await orders.save([
      Object.assign(new Order(), { userId: 'grace', orderId: '002', item: 'compiler' }),
      Object.assign(new Order(), { userId: 'grace', orderId: '001', item: 'tape' }),
      Object.assign(new Order(), { userId: 'linus', orderId: '001', item: 'kernel' }),
    ]);
    const grace = await users.findOneOrFail('grace');
    assert.equal(grace instanceof User, true);
    assert.deepEqual(grace.roles, ['admin']);
    assert.equal(await users.increment('grace', 'logins'), 1n);
    assert.equal((await users.findOneOrFail('grace')).logins, 1n);
    const items: string[] = [];
    for await (const order of orders.scan({ prefix: { userId: 'grace' } })) items.push(order.item);
    assert.deepEqual(items, ['tape', 'compiler']);
    await checkTracing(connection);
    console.log('cjs-legacy: client and mapper checks passed');
  } finally {
    for (const table of await connection.tables()) {
      // Already gone is as good as dropped (the cluster may be shared).
      await connection.deleteTable(table, { disable: true }).catch((error: unknown) => {
        if (!(error instanceof TableNotFoundError)) throw error;
      });
    }
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
