// A typed `where` scan (filters on the region servers) against the same scan filtered in the
// client (every row fetched and decoded, the predicate applied in JavaScript), in one process, the
// variants taking turns round after round so that a shared machine's load falls on both alike:
//
//   where         users.scan({ where: { plan: 'pro', age: gte(30) } })
//   where+select  the same with select: ['name'] (the tested cells are fetched, not returned)
//   client        users.scan() and `u.plan === 'pro' && u.age >= 30` in JavaScript
//
// Prints, median of the rounds: wall time, table rows scanned per second, entities returned, the
// row bytes received (keys, column names and values, as `onProgress` counts them) and client CPU
// (user + system, this process) per table row. Run after `npm run build`:
//
//   node bench/where-scan.mjs [--rows=50000] [--rounds=5] [--api=thrift1|thrift2]
//
// Uses the default gateway (HBASE_THRIFT_HOST / HBASE_THRIFT_PORT, else localhost:9090; with
// --api=thrift2, HBASE_THRIFT2_PORT, else 9092) and one table of its own, dropped at the end.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  Connection,
  Repository,
  defineEntity,
  gte,
  sortableInt32,
  syncSchema,
  utf8,
  utf8Key,
} = require('../dist/cjs/index.js');

const flags = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=', 2)),
);
const rowCount = Number(flags.rows ?? 50_000);
const rounds = Number(flags.rounds ?? 5);
const api = flags.api ?? 'thrift1';
const port =
  api === 'thrift2'
    ? Number(process.env.HBASE_THRIFT2_PORT ?? 9092)
    : Number(process.env.HBASE_THRIFT_PORT ?? 9090);

class User {}
defineEntity(User, {
  table: 'users',
  families: { info: {} },
  rowKey: { id: { codec: utf8Key } },
  columns: {
    name: { family: 'info', codec: utf8 },
    plan: { family: 'info', codec: utf8 },
    age: { family: 'info', codec: sortableInt32 },
    bio: { family: 'info', codec: utf8 },
  },
});

const connection = new Connection({
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port,
  tablePrefix: `benchwhere${process.pid}`,
  timeout: 120_000,
});
const users = new Repository(User, connection);

/** Deterministic data: 1 user in 10 is 'pro', ages 18-77, a 200-byte bio. */
function userAt(i) {
  const n = (i * 2654435761) >>> 0;
  return Object.assign(new User(), {
    id: `user-${String(i).padStart(8, '0')}`,
    name: `Name ${i}`,
    plan: n % 10 === 0 ? 'pro' : n % 3 === 0 ? 'team' : 'free',
    age: 18 + (n % 60),
    bio: 'x'.repeat(200),
  });
}

const where = { plan: 'pro', age: gte(30) };
const variants = {
  where: () => users.scan({ where, batchSize: 1000, onProgress, progressInterval: 1e9 }),
  'where+select': () =>
    users.scan({ where, select: ['name'], batchSize: 1000, onProgress, progressInterval: 1e9 }),
  client: () => users.scan({ batchSize: 1000, onProgress, progressInterval: 1e9 }),
};
const clientPredicate = (u) => u.plan === 'pro' && u.age >= 30;

let lastProgress;
function onProgress(progress) {
  if (progress.done) lastProgress = progress;
}

async function run(name) {
  lastProgress = undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let returned = 0;
  for await (const user of variants[name]()) {
    if (name !== 'client' || clientPredicate(user)) returned++;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, returned, bytes: lastProgress?.bytes ?? 0, cpuUs: used.user + used.system };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  await syncSchema(connection, [User]);
  for (let i = 0; i < rowCount; i += 5000) {
    const batch = [];
    for (let j = i; j < Math.min(rowCount, i + 5000); j++) batch.push(userAt(j));
    await users.save(batch);
  }
  // Untimed warm-up of every variant (connections, JIT), then the rounds, each variant in turn.
  for (const name of Object.keys(variants)) await run(name);
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = Object.keys(variants);
    for (let k = 0; k < r % order.length; k++) order.push(order.shift());
    for (const name of order) samples[name].push(await run(name));
  }
  console.log(`${rowCount} rows, ${rounds} rounds, ${api} gateway on port ${port}; medians:`);
  console.log('| variant | wall ms | table rows/s | returned | MB received | client CPU µs/table row |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, list] of Object.entries(samples)) {
    const ms = median(list.map((s) => s.ms));
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${Math.round(rowCount / (ms / 1000))} | ${list[0].returned} | ` +
        `${(median(list.map((s) => s.bytes)) / 1e6).toFixed(2)} | ${(median(list.map((s) => s.cpuUs)) / rowCount).toFixed(2)} |`,
    );
  }
} finally {
  await connection.deleteTable('users', { disable: true }).catch(() => {});
  await connection.close();
}
