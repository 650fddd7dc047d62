// Secondary index lookups vs a full filtered scan (issue 19 item 5): the same question — "the
// users with this email" — answered by `repository.index('byEmail').find(email)` and by a scan of
// the whole table with a SingleColumnValueFilter on the raw column (built with `Filter`).
// Loads `--rows` users once (batched saves through the mapper, so the index is written as saves
// write it), then measures each side for about `--seconds` (lookups: `--concurrency` in flight on
// a pool; scans: one at a time) and prints lookups/s and client CPU per lookup (user + system, this
// process). Run after `npm run build`:
//
//   node bench/index-lookup.mjs [--rows=200000] [--seconds=20] [--concurrency=8] [--keep=false]
//
// Uses the default gateway (HBASE_THRIFT_HOST / HBASE_THRIFT_PORT, else localhost:9090) and tables
// of its own (`benchidx<id>_users*`), dropped at the end unless `--keep=true`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Connection, ConnectionPool, Filter, Index, Repository, defineEntity, syncSchema, utf8, utf8Key } =
  require('../dist/cjs/index.js');

const flags = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=')),
);
const ROWS = Number(flags.rows ?? 200_000);
const SECONDS = Number(flags.seconds ?? 20);
const CONCURRENCY = Number(flags.concurrency ?? 8);
const host = process.env.HBASE_THRIFT_HOST ?? 'localhost';
const port = Number(process.env.HBASE_THRIFT_PORT ?? 9090);
const tablePrefix = `benchidx${Date.now().toString(36)}`;

class User {}
defineEntity(User, {
  table: 'users',
  families: { info: { maxVersions: 1 } },
  rowKey: { id: { codec: utf8Key } },
  columns: {
    email: { family: 'info', codec: utf8Key },
    city: { family: 'info', codec: utf8 },
  },
});
Index()(User.prototype, 'email');

const id = (i) => `u${String(i).padStart(8, '0')}`;
const email = (i) => `user${String(i).padStart(8, '0')}@example.org`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const pool = new ConnectionPool({ host, port, size: CONCURRENCY, tablePrefix });
const admin = new Connection({ host, port, tablePrefix });
try {
  await syncSchema(admin, [User]);
  const users = new Repository(User, pool);

  const loadStart = performance.now();
  const CHUNK = 2000;
  let next = 0;
  const loaders = Array.from({ length: 2 }, async () => {
    while (next < ROWS) {
      const from = next;
      next += CHUNK;
      const list = [];
      for (let i = from; i < Math.min(from + CHUNK, ROWS); i++) {
        list.push(Object.assign(new User(), { id: id(i), email: email(i), city: `city${i % 100}` }));
      }
      await users.save(list);
    }
  });
  await Promise.all(loaders);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(`loaded ${ROWS} users (+ index entries) in ${loadSeconds.toFixed(1)} s`);

  const byEmail = users.index('byEmail');
  const pick = () => Math.floor(Math.random() * ROWS);
  // Warm-up: the JIT and the pool's connections.
  for (let i = 0; i < 200; i++) await byEmail.find(email(pick()));

  // Index lookups: CONCURRENCY workers for SECONDS.
  let lookups = 0;
  let wrong = 0;
  const deadline = performance.now() + SECONDS * 1000;
  let cpu0 = cpuMs();
  let t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const i = pick();
        const found = await byEmail.find(email(i));
        if (found.length !== 1 || found[0].id !== id(i)) wrong++;
        lookups++;
      }
    }),
  );
  const lookupSeconds = (performance.now() - t0) / 1000;
  const lookupCpu = cpuMs() - cpu0;

  // Full filtered scans, one at a time, for SECONDS (at least 2).
  let scans = 0;
  let scanWrong = 0;
  cpu0 = cpuMs();
  t0 = performance.now();
  const scanDeadline = t0 + SECONDS * 1000;
  while (scans < 2 || performance.now() < scanDeadline) {
    const i = pick();
    const filter = Filter.singleColumnValue('info', 'email', '=', Filter.binary(utf8Key.encode(email(i))), {
      filterIfMissing: true,
    });
    const rows = await pool.connection((c) => c.table('users').scan({ filter, batchSize: 1000 }).toArray());
    const found = rows.map(([key, data]) => users.fromRow(key, data));
    if (found.length !== 1 || found[0].id !== id(i)) scanWrong++;
    scans++;
  }
  const scanSeconds = (performance.now() - t0) / 1000;
  const scanCpu = cpuMs() - cpu0;

  const row = (name, n, s, cpu) =>
    `| ${name} | ${n} | ${(n / s).toFixed(n / s < 10 ? 2 : 0)} | ${((cpu / n) * 1000).toFixed(0)} µs |`;
  console.log(`\n${ROWS} rows, ${CONCURRENCY} lookups in flight, ${SECONDS} s per side`);
  console.log('| method | lookups | lookups/s | client CPU per lookup |');
  console.log('|---|---|---|---|');
  console.log(row('index find()', lookups, lookupSeconds, lookupCpu));
  console.log(row('filtered full scan', scans, scanSeconds, scanCpu));
  console.log(`wrong answers: index ${wrong}, scan ${scanWrong}`);
} finally {
  if (flags.keep !== 'true') {
    for (const name of await admin.tables()) await admin.deleteTable(name, { disable: true });
  }
  await admin.close();
  await pool.close();
}
