// The work every runner of this project does (tsc + node, tsx, Vitest): the raw client and the
// mapper against the real gateway, under a table prefix of its own, dropped at the end. The entity
// class comes from the caller: the decorated one (src/entities.ts), or under Vitest one declared with
// defineEntity (Vite leaves standard decorators untransformed, which Node 20 cannot parse).
import assert from 'node:assert/strict';
import {
  Connection,
  ConnectionPool,
  InvalidArgumentError,
  Repository,
  syncSchema,
  TableNotFoundError,
} from 'hbase-mapper';

/** The fields of the user entity, whichever way it is declared. */
export interface UserFields {
  id: string;
  name?: string;
  logins?: bigint;
}

const gateway = {
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
};

/** Runs the checks; `runner` names the toolchain in the table prefix and the log line. */
export async function exercise(runner: string, User: new () => UserFields): Promise<void> {
  const tablePrefix = `consumer-esm-${runner}-${Date.now().toString(36)}-${process.pid}`;
  assert.throws(() => new Connection({ ...gateway, port: -1 }), InvalidArgumentError);

  const pool = new ConnectionPool({ ...gateway, size: 2, tablePrefix });
  try {
    // The raw client: a table, cells, a scan, a counter, a typed error.
    await pool.connection(async (connection) => {
      const events = await connection.createTable('events', { e: { maxVersions: 1 } });
      await events.put('event-1', { 'e:kind': 'login' });
      await events.put('event-2', { 'e:kind': 'purchase' });
      assert.equal((await events.row('event-2'))['e:kind']?.toString(), 'purchase');
      const keys: string[] = [];
      for await (const [key] of events.scan({ rowPrefix: 'event-' })) keys.push(key.toString());
      assert.deepEqual(keys, ['event-1', 'event-2']);
      assert.equal(await events.counterInc('event-1', 'e:hits', 3), 3n);
      assert.equal(await events.counterInc('event-1', 'e:hits'), 4n);
      await assert.rejects(connection.table('missing').row('x'), TableNotFoundError);
    });

    // The mapper: schema, save, find, scan, a counter field.
    await pool.connection((connection) => syncSchema(connection, [User]));
    const users = new Repository(User, pool);
    await users.save([
      Object.assign(new User(), { id: 'ada', name: 'Ada Lovelace' }),
      Object.assign(new User(), { id: 'alan', name: 'Alan Turing' }),
    ]);
    assert.equal((await users.findOne('ada'))?.name, 'Ada Lovelace');
    assert.equal(await users.findOne('nobody'), undefined);
    assert.equal(await users.increment('alan', 'logins', 2), 2n);
    const scanned: string[] = [];
    for await (const user of users.scan()) scanned.push(`${user.id}:${user.logins ?? 0n}`);
    assert.deepEqual(scanned, ['ada:0', 'alan:2']);
    console.log(`esm-standard (${runner}): client and mapper checks passed`);
  } finally {
    await pool.connection(async (connection) => {
      for (const table of await connection.tables()) {
        // Already gone is as good as dropped (the cluster may be shared).
        await connection.deleteTable(table, { disable: true }).catch((error: unknown) => {
          if (!(error instanceof TableNotFoundError)) throw error;
        });
      }
    });
    await pool.close();
  }
}
