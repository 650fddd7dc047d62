// Preloaded into a benchmark runner (node bench/ab.mjs snapshot <dir> --preload=bench/otel-subscriber.cjs):
// hbase-mapper/otel with the OpenTelemetry SDK's BasicTracerProvider, every span sampled and handed
// to a processor that drops it, and the AsyncLocalStorage context manager: the cost of making the
// spans, without an exporter's.
const { context } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { BasicTracerProvider, NoopSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { instrumentHBase } = require('hbase-mapper/otel');

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new BasicTracerProvider({ spanProcessors: [new NoopSpanProcessor()] });
instrumentHBase({ tracerProvider: provider });
