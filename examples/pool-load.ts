// A connection pool under concurrent load: a bulk load first (its progress printed as it goes),
// then 200 tasks share 8 connections for mixed reads and writes, with retries of safe operations
// on, and a scan of the whole table at the end (with its progress too). Prints throughput and
// latency percentiles. Run with `npm run example pool-load` (OPS=20000 for a longer run).
import { Connection, ConnectionPool, NoConnectionsAvailableError, type Progress } from 'hbase-mapper';

const gateway = {
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
  tablePrefix: `example-pool-${Date.now().toString(36)}`,
};
const OPS = Number(process.env.OPS ?? 4000);
const TASKS = 200;
const KEYS = 20_000;

/** Prints a long operation's progress: at most every 100 ms (the default), and once at its end. */
const printProgress = (what: string) => (p: Progress) => {
  // A send split to fit the frame size (the framed transport) says which part it is at.
  const parts = (p.partsTotal ?? 1) > 1 ? `, part ${p.partsSent}/${p.partsTotal}` : '';
  console.log(
    `${what}: ${p.rows} rows, ${(p.bytes / 1024).toFixed(0)} KiB, ${p.calls} calls${parts}, ` +
      `${p.elapsedMs.toFixed(0)} ms${p.done ? ' (done)' : ''}`,
  );
};

async function main(): Promise<void> {
  await using admin = new Connection(gateway);
  const load = await admin.createTable('load', { d: { maxVersions: 1 } });

  // The bulk load: sent 2,000 cells at a time.
  await load.batch({ batchSize: 2000, onProgress: printProgress('bulk load') }, async (batch) => {
    for (let i = 0; i < KEYS; i++) await batch.put(`key-${i}`, { 'd:n': String(i), 'd:at': 'bulk' });
  });

  await using pool = new ConnectionPool({ size: 8, ...gateway, timeout: 10_000, retry: true });
  const latencies: number[] = [];
  let next = 0;
  let waitedTooLong = 0;

  const task = async () => {
    while (next < OPS) {
      const n = next++;
      const started = performance.now();
      try {
        // Reads and writes share a lease; a nested pool.connection() would reuse it.
        await pool.connection(
          async (connection) => {
            const table = connection.table('load');
            if (n % 3 === 0) await table.put(`key-${n % 500}`, { 'd:n': String(n) });
            else await table.row(`key-${n % 500}`);
          },
          { timeout: 5000 },
        );
      } catch (error) {
        if (!(error instanceof NoConnectionsAvailableError)) throw error;
        waitedTooLong++;
      }
      latencies.push(performance.now() - started);
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: TASKS }, task));
  const seconds = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  console.log(
    `${OPS} operations from ${TASKS} tasks over ${pool.size} connections in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `throughput ${(OPS / seconds).toFixed(0)} ops/s; latency ms p50 ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}`,
  );
  console.log(`leases that waited past their timeout: ${waitedTooLong}`);

  let rows = 0;
  for await (const _ of load.scan({
    batchSize: 2000,
    onProgress: printProgress('scan'),
  })) {
    rows++;
  }
  console.log(`scanned ${rows} rows`);

  await admin.deleteTable('load', { disable: true });
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
