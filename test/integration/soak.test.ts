// Soak: mixed operations from 64 concurrent tasks through a pool while faults are injected at
// random (connections cut, stalled, slowed). Ends with: no hung promise, no unhandled rejection,
// sockets back within the pool size, and every acknowledged write readable.
// Size: SOAK_OPS (default 4000, sized for CI); e.g. SOAK_OPS=100000 for a long run.
import { Connection, ConnectionPool, TransportError } from '../../src';
import { recordFigures } from '../support/figures';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

const OPS = Number(process.env.SOAK_OPS ?? 4000);
const TASKS = 64;
const POOL_SIZE = 8;
const prefix = uniquePrefix('soak');

it(`survives ${OPS} mixed operations from ${TASKS} tasks under random faults`, async () => {
  const admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await admin.createTable('soak', { cf: {} });
  const proxy = await TcpProxy.start(gateways.default().host!, gateways.default().port!);
  const pool = new ConnectionPool({
    size: POOL_SIZE,
    host: '127.0.0.1',
    port: proxy.port,
    tablePrefix: prefix,
    timeout: 1500,
    operationTimeout: 6000,
    retry: { attempts: 3, backoff: 20 },
  });
  let unhandled = 0;
  const onUnhandled = () => unhandled++;
  process.on('unhandledRejection', onUnhandled);

  const acked = new Map<string, string>();
  let counterAcked = 0;
  let counterAttempted = 0;
  let failed = 0;
  let hung = 0;
  let unexpected: unknown;
  let next = 0;
  let faults = 0;
  let running = true;

  // Faults at random intervals until the operations are done.
  const injector = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 250));
      if (!running) break;
      faults++;
      const dice = Math.random();
      if (dice < 0.6) proxy.cutAll();
      else if (dice < 0.8) proxy.stallAll();
      else {
        proxy.delayMs = 30;
        setTimeout(() => (proxy.delayMs = 0), 300);
      }
    }
  })();

  const operation = async (n: number): Promise<void> => {
    const kind = n % 10;
    if (kind < 4) {
      const row = `soak-${String(n).padStart(7, '0')}`;
      const value = `v${n}-${Math.random().toString(36).slice(2)}`;
      await pool.connection((c) => c.table('soak').put(row, { 'cf:v': value }));
      acked.set(row, value);
    } else if (kind < 7) {
      const keys = [...acked.keys()];
      const row = keys[Math.floor(Math.random() * keys.length)] ?? 'soak-none';
      const data = await pool.connection((c) => c.table('soak').row(row));
      if (acked.has(row) && data['cf:v']?.toString() !== acked.get(row)) {
        throw new Error(`read ${row}: expected ${acked.get(row)}, got ${data['cf:v']}`);
      }
    } else if (kind < 9) {
      await pool.connection((c) =>
        c.table('soak').scan({ rowPrefix: 'soak-', limit: 20, batchSize: 7 }).toArray(),
      );
    } else {
      counterAttempted++;
      await pool.connection((c) => c.table('soak').counterInc('counter', 'cf:n'));
      counterAcked++;
    }
  };

  const task = async () => {
    while (next < OPS) {
      const n = next++;
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => resolve('hung'), 20_000);
      });
      const outcome = await Promise.race([
        operation(n).then(
          () => 'ok' as const,
          (error: unknown) => {
            if (error instanceof TransportError) return 'failed' as const;
            unexpected ??= error;
            return 'unexpected' as const;
          },
        ),
        watchdog,
      ]);
      clearTimeout(timer);
      if (outcome === 'hung') hung++;
      if (outcome === 'failed') failed++;
    }
  };

  try {
    await Promise.all(Array.from({ length: TASKS }, task));
  } finally {
    running = false;
    await injector;
    proxy.delayMs = 0;
  }

  // Faults over: the pool serves normally again, on no more sockets than its size.
  await Promise.all(
    Array.from({ length: 20 }, () => pool.connection((c) => c.table('soak').row('soak-0000000'))),
  );
  const socketsAfter = proxy.openConnections;
  await pool.close();
  process.off('unhandledRejection', onUnhandled);

  // Every acknowledged write is there.
  const stored = new Map<string, string>();
  for await (const [key, data] of admin.table('soak').scan({ rowPrefix: 'soak-' })) {
    stored.set(key.toString(), data['cf:v']?.toString() ?? '');
  }
  let lost = 0;
  for (const [row, value] of acked) if (stored.get(row) !== value) lost++;
  const counter = await admin.table('soak').counterGet('counter', 'cf:n');

  recordFigures(
    'soak',
    `soak: operations=${OPS} tasks=${TASKS} faults=${faults} failed(typed)=${failed} hung=${hung} ` +
      `unhandled=${unhandled} acked-writes=${acked.size} lost=${lost} sockets-after=${socketsAfter}/${POOL_SIZE} ` +
      `counter=${counter} (acked ${counterAcked}, attempted ${counterAttempted})`,
  );
  await dropPrefixedTables(admin);
  await admin.close();
  await proxy.close();

  expect(unexpected).toBeUndefined();
  expect(hung).toBe(0);
  expect(unhandled).toBe(0);
  expect(lost).toBe(0);
  expect(socketsAfter).toBeLessThanOrEqual(POOL_SIZE);
  expect(faults).toBeGreaterThan(0);
  expect(acked.size).toBeGreaterThan(0);
  expect(counter).toBeGreaterThanOrEqual(BigInt(counterAcked));
  expect(counter).toBeLessThanOrEqual(BigInt(counterAttempted));
}, 600_000);
