// One leak-warning scenario, run in a fresh Node with `--expose-gc` by
// test/integration/observability/leak-warning.test.ts (a jest worker's heap, shared by many test
// files, was seen not to run finalizers within a bounded number of gc rounds): prints one JSON
// line with the warnings seen on the real `process` and the proxy's open sockets.
//   node --expose-gc -r ./test/support/ts-register.cjs test/support/leak-scenario.ts <scenario> <host> <port>
import { Connection, ConnectionPool } from '../../src';
import { TcpProxy } from './tcp-proxy';

type Scenario = 'connection-leaked' | 'connection-closed' | 'pool-leaked' | 'pool-closed';

const gc = (globalThis as { gc?: () => void }).gc;
const [scenario, host, port] = process.argv.slice(2) as [Scenario, string, string];

/** Collects garbage, letting finalizers run in between, until `done()` (at most 100 rounds). */
async function collectUntil(done: () => boolean, rounds = 100): Promise<boolean> {
  for (let i = 0; i < rounds && !done(); i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return done();
}

/** Runs the scenario's client code in frames of its own, so nothing of it stays reachable. */
async function use(proxyPort: number): Promise<void> {
  const options = { host: '127.0.0.1', port: proxyPort };
  if (scenario === 'connection-leaked' || scenario === 'connection-closed') {
    const connection = new Connection(options);
    await connection.ping();
    if (scenario === 'connection-closed') await connection.close();
  } else {
    const pool = new ConnectionPool({ ...options, size: 2 });
    await Promise.all([pool.ping(), pool.connection((c) => c.ping().then(() => pool.ping()))]);
    if (scenario === 'pool-closed') await pool.close();
  }
}

async function main(): Promise<void> {
  if (gc === undefined) throw new Error('run with --expose-gc');
  const warnings: Array<{ name: string; code?: string; message: string; detail?: string }> = [];
  process.on('warning', (w: Error & { code?: string; detail?: string }) => {
    if (w.code === 'HBASE_MAPPER_LEAK')
      warnings.push({ name: w.name, code: w.code, message: w.message, detail: w.detail });
  });
  const proxy = await TcpProxy.start(host, Number(port));
  await use(proxy.port);
  const openBefore = proxy.openConnections;
  // A sentinel collected in the same rounds proves that collection (and finalization) ran.
  let sentinel = false;
  const registry = new FinalizationRegistry(() => {
    sentinel = true;
  });
  (() => registry.register({}, undefined))();
  const leaked = scenario.endsWith('leaked');
  await collectUntil(() => sentinel && (!leaked || (warnings.length > 0 && proxy.openConnections === 0)));
  await collectUntil(() => false, 5); // a few more rounds: no second warning
  console.log(JSON.stringify({ warnings, sentinel, openBefore, openAfter: proxy.openConnections }));
  await proxy.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
