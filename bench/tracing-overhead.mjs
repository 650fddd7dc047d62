// What tracing costs per gateway call, measured in one process so that a shared machine's load
// falls on every variant alike: blocks of `--calls` reads (`table.row`, `--concurrency` in flight on
// one connection), the variants taking turns block after block, `--rounds` blocks each:
//
//   none        nobody subscribes (what every app pays: one hasSubscribers check per call)
//   subscriber  a subscriber of both channels that reads one field (bench/trace-subscriber.cjs's)
//   otel        hbase-mapper/otel with the SDK's BasicTracerProvider, every span sampled and
//               dropped by a NoopSpanProcessor, and the AsyncLocalStorage context manager
//
// Prints client CPU per call (user + system, this process) and calls per second, median of the
// rounds, and each variant's CPU ratio to `none`. Run after `npm run build`:
//
//   node bench/tracing-overhead.mjs [--calls=2000] [--concurrency=16] [--rounds=10]
//
// Uses the default gateway (HBASE_THRIFT_HOST / HBASE_THRIFT_PORT, else localhost:9090) and one table
// of its own, dropped at the end.
import { tracingChannel } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Connection } = require('../dist/cjs/index.js');
const { instrumentHBase } = require('../dist/cjs/otel/index.js');
const { context } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { BasicTracerProvider, NoopSpanProcessor } = require('@opentelemetry/sdk-trace-base');

const flags = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=', 2)),
);
const calls = Number(flags.calls ?? 2000);
const concurrency = Number(flags.concurrency ?? 16);
const rounds = Number(flags.rounds ?? 10);

let seen = 0;
const subscriber = {
  start(message) {
    seen += message.attempt ?? 1;
  },
  end() {},
  asyncStart() {},
  asyncEnd() {},
  error() {},
};
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new BasicTracerProvider({ spanProcessors: [new NoopSpanProcessor()] });

const variants = {
  none: { on() {}, off() {} },
  subscriber: {
    on() {
      for (const name of ['hbase-mapper:call', 'hbase-mapper:repository'])
        tracingChannel(name).subscribe(subscriber);
    },
    off() {
      for (const name of ['hbase-mapper:call', 'hbase-mapper:repository'])
        tracingChannel(name).unsubscribe(subscriber);
    },
  },
  otel: {
    instrumentation: undefined,
    on() {
      this.instrumentation = instrumentHBase({ tracerProvider: provider });
    },
    off() {
      this.instrumentation.disable();
    },
  },
};

const connection = new Connection({
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
});
const name = `bench-tracing-${process.pid}-${Date.now().toString(36)}`;
const table = await connection.createTable(name, { d: {} });
try {
  await table.put('row', { 'd:c': Buffer.alloc(100, 1) });
  const block = async () => {
    let next = 0;
    const worker = async () => {
      while (next++ < calls) await table.row('row');
    };
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { us: (used.user + used.system) / calls, rate: calls / seconds };
  };
  // Warm-up: every variant's code compiled before anything is timed.
  for (const variant of Object.values(variants)) {
    variant.on();
    for (let i = 0; i < 3; i++) await block();
    variant.off();
  }
  const results = Object.fromEntries(Object.keys(variants).map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    const order = Object.keys(variants);
    if (r % 2 === 1) order.reverse();
    for (const v of order) {
      variants[v].on();
      results[v].push(await block());
      variants[v].off();
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const base = results.none.map((x) => x.us);
  console.log(`${rounds} rounds of ${calls} table.row() calls, ${concurrency} in flight, one connection`);
  for (const [v, xs] of Object.entries(results)) {
    const us = xs.map((x) => x.us);
    const ratio = median(us.map((x, i) => x / base[i]));
    console.log(
      `${v.padEnd(10)} CPU ${median(us).toFixed(2)} µs/call (paired ratio to none ${ratio.toFixed(3)}), ` +
        `${median(xs.map((x) => x.rate)).toFixed(0)} calls/s`,
    );
  }
  if (seen === 0) throw new Error('the subscriber saw no call');
} finally {
  await connection.deleteTable(name, { disable: true });
  await connection.close();
  await provider.shutdown();
}
