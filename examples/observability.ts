// Observability: what the client does, seen two ways.
// 1. A plain `diagnostics_channel` subscriber: one line per gateway call (method, table, attempt,
//    latency), then a summary per method. No dependency: this is all an app needs for logs or
//    metrics of its own.
// 2. OpenTelemetry through `hbase-mapper/otel`: spans of repository operations and of their calls,
//    under an app span, kept by the SDK's in-memory exporter and printed as a tree. (An app would
//    register NodeSDK and an OTLP exporter instead; @opentelemetry/api is an optional peer.)
// 3. Operations: a `logger` (console here; pino, winston and Nest's Logger fit too), the pool's
//    events, `ping()` and `pool.stats()`.
// Run with `npm run example observability`.
import { tracingChannel } from 'node:diagnostics_channel';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  CALL_CHANNEL,
  type CallTraceContext,
  Connection,
  ConnectionPool,
  defineEntity,
  Repository,
  syncSchema,
  utf8,
} from 'hbase-mapper';
import { instrumentHBase } from 'hbase-mapper/otel';

class Order {
  id!: string;
  customer?: string;
  total?: string;
}
defineEntity(Order, {
  table: 'orders',
  families: { o: { maxVersions: 1 } },
  rowKey: { id: { codec: utf8 } },
  columns: { customer: { family: 'o', codec: utf8 }, total: { family: 'o', codec: utf8 } },
});

const gateway = {
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
  tablePrefix: `example-observability-${Date.now().toString(36)}`,
};

/** Part 1: a subscriber that logs each call and sums the time per method. */
function logCalls(): () => void {
  const started = new WeakMap<CallTraceContext, number>();
  const perMethod = new Map<string, { calls: number; ms: number }>();
  const channel = tracingChannel<unknown, CallTraceContext>(CALL_CHANNEL);
  const handlers = {
    start: (call: CallTraceContext) => void started.set(call, performance.now()),
    end: () => {},
    asyncStart: () => {},
    asyncEnd: (call: CallTraceContext) => {
      const ms = performance.now() - (started.get(call) ?? performance.now());
      const figures =
        call.rows === undefined
          ? ''
          : ` rows=${call.rows} cells=${call.cells ?? '-'} bytes=${call.bytes ?? '-'}`;
      const batch = call.scanBatch === undefined ? '' : ` batch #${call.scanBatch}`;
      const outcome = call.error === undefined ? 'ok' : `failed: ${(call.error as Error).name}`;
      console.log(
        `  [call] ${call.method} ${call.table ?? ''}${figures}${batch} (${call.api}, attempt ${call.attempt}) ${outcome} in ${ms.toFixed(1)} ms`,
      );
      const total = perMethod.get(call.method) ?? { calls: 0, ms: 0 };
      perMethod.set(call.method, { calls: total.calls + 1, ms: total.ms + ms });
    },
    error: () => {},
  };
  channel.subscribe(handlers);
  return () => {
    channel.unsubscribe(handlers);
    console.log('per method:');
    for (const [method, { calls, ms }] of perMethod) {
      console.log(
        `  ${method.padEnd(20)} ${String(calls).padStart(3)} calls ${ms.toFixed(1).padStart(8)} ms`,
      );
    }
  };
}

/** Prints finished spans as a tree (children under their parent, in start order). */
function printTree(spans: readonly ReadableSpan[]): void {
  const children = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  for (const span of [...spans].sort((a, b) => compareTime(a.startTime, b.startTime))) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent !== undefined && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  const print = (parent: string | undefined, depth: number) => {
    for (const span of children.get(parent) ?? []) {
      const operation = span.attributes['db.operation.name'];
      const detail = operation === undefined ? '' : ` db.operation.name=${operation}`;
      const error =
        span.attributes['error.type'] === undefined ? '' : ` error.type=${span.attributes['error.type']}`;
      console.log(`  ${'  '.repeat(depth)}${span.name} [${SpanKind[span.kind]}]${detail}${error}`);
      print(span.spanContext().spanId, depth + 1);
    }
  };
  print(undefined, 0);
}

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

async function main(): Promise<void> {
  await using connection = new Connection(gateway);
  await syncSchema(connection, [Order]);
  const orders = new Repository(Order, connection);
  const table = connection.table('orders');

  console.log('1. diagnostics_channel: every gateway call');
  const stopLogging = logCalls();
  await table.batch({}, async (batch) => {
    for (let i = 1; i <= 5; i++)
      await batch.put(`order-${i}`, { 'o:customer': `c${i % 2}`, 'o:total': `${i}0` });
  });
  await table.rows(['order-1', 'order-2']);
  await table.scan({ rowPrefix: 'order-', batchSize: 2 }).toArray();
  await connection
    .table('no-such-table')
    .row('x')
    .catch(() => undefined); // a failed call
  stopLogging();

  console.log('\n2. OpenTelemetry: spans of repository operations and their calls');
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const instrumentation = instrumentHBase({ tracerProvider: provider });
  await provider.getTracer('example').startActiveSpan('GET /customers/c1/orders', async (request) => {
    const mine: Order[] = [];
    for await (const order of orders.scan({ batchSize: 2 })) if (order.customer === 'c1') mine.push(order);
    await orders.save(Object.assign(new Order(), { id: 'order-6', customer: 'c1', total: '60' }));
    await orders.findOneOrFail('order-404').catch(() => undefined);
    console.log(`  (found ${mine.length} orders of c1)`);
    request.end();
  });
  instrumentation.disable();
  printTree(exporter.getFinishedSpans());
  await provider.shutdown();
  context.disable();
  trace.disable();

  console.log('\n3. Operations: logger, events, ping and pool statistics');
  const logger = {
    debug: (m: string) => console.log(`  [debug] ${m}`),
    warn: (m: string) => console.log(`  [warn] ${m}`),
  };
  {
    await using pool = new ConnectionPool({ ...gateway, size: 2, logger });
    pool.on('create', () => console.log('  [event] the pool created a connection'));
    pool.on('acquireTimeout', ({ timeout }) => console.log(`  [event] no connection within ${timeout} ms`));
    console.log(`  ping: ${(await pool.ping()).toFixed(1)} ms`);
    const pooled = new Repository(Order, pool);
    await Promise.all(['order-1', 'order-2', 'order-3'].map((id) => pooled.findOne(id)));
    // Both connections leased by blocks that wait: a third lease gives up after 50 ms.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blocks = [1, 2].map(() => pool.connection(() => held));
    await pool.acquire({ timeout: 50 }).catch((error: Error) => console.log(`  ${error.name}`));
    release();
    await Promise.all(blocks);
    const { size, open, idle, leased, created, destroyed, failures } = pool.stats();
    console.log(`  stats: ${JSON.stringify({ size, open, idle, leased, created, destroyed, failures })}`);
  }

  await connection.deleteTable('orders', { disable: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
