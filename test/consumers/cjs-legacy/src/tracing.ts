// hbase-mapper/otel from a CommonJS app resolving the pre-`exports` way (typesVersions): spans of a
// repository operation and of its gateway call, in the SDK's in-memory exporter.
import assert from 'node:assert/strict';
import { context, SpanKind } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type Connection, Repository } from 'hbase-mapper';
import { instrumentHBase } from 'hbase-mapper/otel';
import { User } from './entities';

export async function checkTracing(connection: Connection): Promise<void> {
  assert.equal(typeof require('hbase-mapper/otel').instrumentHBase, 'function');
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const instrumentation = instrumentHBase({ tracerProvider: provider });
  try {
    await new Repository(User, connection).findOne('grace');
  } finally {
    instrumentation.disable();
    context.disable();
  }
  const [call, operation] = exporter.getFinishedSpans();
  assert.equal(operation?.name, 'User.findOne');
  assert.equal(call?.kind, SpanKind.CLIENT);
  assert.equal(call?.attributes['db.system.name'], 'hbase');
  assert.equal(call?.attributes['db.operation.name'], 'getRow');
  assert.equal(call?.parentSpanContext?.spanId, operation?.spanContext().spanId);
  await provider.shutdown();
}
