// Quickstart: connect to the Thrift1 gateway, create a table, write, read, scan, delete.
// Run it with `npm run quickstart` (starts a local HBase if none answers on localhost:9090).
import { Connection } from 'hbase-mapper';

async function main(): Promise<void> {
  await using connection = new Connection({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    tablePrefix: 'quickstart',
  });

  if ((await connection.tables()).includes('users')) await connection.deleteTable('users', { disable: true });
  const users = await connection.createTable('users', { info: { maxVersions: 1 }, stats: {} });
  console.log('tables:', await connection.tables());

  await users.put('user-001', { 'info:name': 'Ada Lovelace', 'info:email': 'ada@example.org' });
  await users.put('user-002', { 'info:name': 'Alan Turing' });
  await users.counterInc('user-001', 'stats:logins', 3);

  const ada = await users.row('user-001', { columns: ['info'] });
  console.log('row user-001:', ada['info:name']?.toString(), ada['info:email']?.toString());

  const both = await users.rows(['user-001', 'user-002', 'user-404']);
  console.log(
    'rows:',
    both.map(([key]) => key.toString()),
  );

  for await (const [key, data] of users.scan({ rowPrefix: 'user-', columns: ['info:name'] })) {
    console.log('scan:', key.toString(), '->', data['info:name']?.toString());
  }

  console.log('logins:', await users.counterGet('user-001', 'stats:logins'));

  await users.delete('user-002');
  console.log('after delete:', Object.keys(await users.row('user-002')).length, 'cells in user-002');

  await connection.deleteTable('users', { disable: true });
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
