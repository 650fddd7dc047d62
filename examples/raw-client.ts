// The raw client, HappyBase style: batches, scans with options, counters, and a connection pool
// serving concurrent tasks. Run with `npm run example raw-client`.
import { Connection, ConnectionPool, NoConnectionsAvailableError, type Progress } from 'hbase-mapper';

const gateway = {
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
  tablePrefix: 'example-raw',
};

async function main(): Promise<void> {
  await using admin = new Connection(gateway);
  if ((await admin.tables()).includes('pageviews')) await admin.deleteTable('pageviews', { disable: true });
  const pageviews = await admin.createTable('pageviews', { v: { maxVersions: 1 }, n: {} });

  // Batches: 10k cells sent 2,000 mutations at a time, printing the progress of the load (at most
  // every 100 ms, and at its end).
  const started = Date.now();
  const onProgress = (p: Progress) =>
    console.log(`  sent ${p.rows} rows (${p.cells} cells) in ${p.calls} calls${p.done ? ': done' : ''}`);
  await pageviews.batch({ batchSize: 2000, onProgress }, async (batch) => {
    for (let day = 1; day <= 5; day++) {
      for (let page = 0; page < 1000; page++) {
        const key = `2026-11-0${day}/page-${String(page).padStart(4, '0')}`;
        await batch.put(key, { 'v:path': `/articles/${page}`, 'v:agent': day % 2 ? 'firefox' : 'chrome' });
      }
    }
  });
  console.log(`wrote 5000 rows in ${Date.now() - started} ms`);

  // Scans: a key range, selected columns, a server-side filter, reverse order with a limit.
  let count = 0;
  for await (const _ of pageviews.scan({ rowPrefix: '2026-11-03/', columns: ['v:path'], batchSize: 500 }))
    count++;
  console.log('rows on 2026-11-03:', count);

  const chrome = pageviews.scan({
    rowStart: '2026-11-02/',
    rowStop: '2026-11-03/',
    filter: "SingleColumnValueFilter('v', 'agent', =, 'binary:chrome', true, true)",
    limit: 3,
  });
  for await (const [key, data] of chrome)
    console.log('chrome view:', key.toString(), data['v:path']?.toString());

  const latest = await pageviews.scan({ rowPrefix: '2026-11-05/', reverse: true, limit: 2 }).toArray();
  console.log(
    'last pages of 2026-11-05:',
    latest.map(([key]) => key.toString()),
  );

  // Counters: atomic increments, and increments summed inside a batch.
  await pageviews.counterInc('totals', 'n:views', 5000);
  await pageviews.batch({}, async (batch) => {
    for (let i = 0; i < 100; i++) await batch.counterInc('totals', 'n:clicks');
  });
  console.log(
    'views:',
    await pageviews.counterGet('totals', 'n:views'),
    'clicks:',
    await pageviews.counterGet('totals', 'n:clicks'),
  );

  // A pool of 4 connections serving 40 concurrent tasks.
  await using pool = new ConnectionPool({ size: 4, ...gateway });
  const rows = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      pool.connection((connection) =>
        connection
          .table('pageviews')
          .row(`2026-11-01/page-${String(i).padStart(4, '0')}`, { columns: ['v:path'] }),
      ),
    ),
  );
  console.log('pool read', rows.filter((row) => row['v:path']).length, 'rows concurrently');

  // While another task holds the only connection, a lease with a timeout fails fast. (A lease
  // requested *inside* the holder's callback would get the same connection instead.)
  const single = new ConnectionPool({ size: 1, ...gateway });
  let release!: () => void;
  const holder = single.connection(() => new Promise<void>((resolve) => (release = resolve)));
  const error = await single.connection(async () => 'never', { timeout: 50 }).catch((e: unknown) => e);
  console.log(
    'second lease:',
    error instanceof NoConnectionsAvailableError ? 'no connection available' : error,
  );
  release();
  await holder;
  await single.close();

  await admin.deleteTable('pageviews', { disable: true });
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
