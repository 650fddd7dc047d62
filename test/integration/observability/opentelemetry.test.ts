// hbase-mapper/otel against the real gateway of the run's API: the SDK's in-memory exporter receives
// one CLIENT span per gateway call (database semantic conventions), one INTERNAL span per repository
// operation as the parent of its calls, error spans with error.type, and nothing after disable().
import { tracingChannel } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  CALL_CHANNEL,
  Column,
  Connection,
  Entity,
  InvalidArgumentError,
  Repository,
  RowKey,
  syncSchema,
  type Table,
  utf8,
} from '../../../src';
import { type HBaseInstrumentation, instrumentHBase } from '../../../src/otel';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

@Entity({ table: 'books', families: { b: {} } })
class Book {
  @RowKey({ codec: utf8 }) isbn!: string;
  @Column({ family: 'b', codec: utf8 }) title?: string;
}

const prefix = uniquePrefix('otel');
const { host, port } = gateways.default();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let instrumentation: HBaseInstrumentation;
let connection: Connection;
let table: Table;
let books: Repository<Book>;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Book]);
  table = connection.table('books');
  books = new Repository(Book, connection);
});
afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
  context.disable();
  await provider.shutdown();
});
beforeEach(() => {
  instrumentation = instrumentHBase({ tracerProvider: provider });
  exporter.reset();
});
afterEach(() => {
  instrumentation.disable();
});

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => {
  const found = spans().filter((s) => s.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

/** What every call span of the suite's connection carries. */
const gatewayAttributes = {
  'db.system.name': 'hbase',
  'db.system': 'hbase',
  'server.address': host,
  'server.port': port,
  'hbase_mapper.api': gatewayApi,
  'hbase_mapper.attempt': 1,
};

describe('call spans', () => {
  it('a read is a CLIENT span named after its method and table, with the conventions attributes', async () => {
    await table.row('nobody');
    const span = named(`getRow ${table.name}`);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toEqual({
      ...gatewayAttributes,
      'db.operation.name': 'getRow',
      'db.collection.name': table.name,
      'db.namespace': 'default',
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.instrumentationScope.name).toBe('hbase-mapper');
  });

  it('a batch of several rows carries db.operation.batch.size and its figures', async () => {
    await table.batch({}, async (b) => {
      await b.put('b1', { 'b:title': 'one' });
      await b.put('b2', { 'b:title': 'two' });
    });
    expect(named(`mutateRows ${table.name}`).attributes).toMatchObject({
      'db.operation.name': 'mutateRows',
      'db.operation.batch.size': 2,
      'hbase_mapper.rows': 2,
      'hbase_mapper.cells': 2,
      'hbase_mapper.bytes': 2 * (2 + 7 + 3),
    });
  });

  it('a scan is spans for opening its scanner, each batch (numbered) and closing it', async () => {
    await table.put('s1', { 'b:title': 'x' });
    exporter.reset();
    await table.scan({ rowPrefix: 's' }).toArray();
    expect(spans().map((s) => s.attributes['db.operation.name'])).toEqual([
      'scannerOpenWithScan',
      'scannerGetList',
      'scannerGetList',
      'scannerClose',
    ]);
    expect(spans().map((s) => s.attributes['hbase_mapper.scan_batch'])).toEqual([undefined, 1, 2, undefined]);
  });

  it('calls on no table are named after their method; admin calls after their table', async () => {
    await connection.tables();
    await connection.isTableEnabled('books');
    expect(named('getTableNames').attributes['db.collection.name']).toBeUndefined();
    expect(named(`isTableEnabled ${table.name}`).attributes['db.collection.name']).toBe(table.name);
  });

  it('a failed call is an error span with error.type, its class as the status message, no exception event', async () => {
    const missing = connection.table('missing');
    const error = (await missing.row('r').catch((e: unknown) => e)) as Error;
    const span = named(`getRow ${missing.name}`);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: error.name });
    expect(span.attributes['error.type']).toBe(error.name);
    expect(span.events).toEqual([]);
  });

  it('no exported span carries a row key that an error message quotes', async () => {
    const key = 'ssn-MARK-42'; // short enough for EntityNotFoundError to quote it whole
    const error = (await books.findOneOrFail(key).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(key);
    const exported = JSON.stringify(
      spans().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })),
    );
    expect(exported).toContain('EntityNotFoundError');
    expect(exported).not.toContain('MARK');
  });

  it('recordExceptions: true adds the exception event (message and stack)', async () => {
    instrumentation.disable();
    instrumentation = instrumentHBase({ tracerProvider: provider, recordExceptions: true });
    const missing = connection.table('missing');
    const error = (await missing.row('r').catch((e: unknown) => e)) as Error;
    const span = named(`getRow ${missing.name}`);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(span.events[0]!.attributes?.['exception.message']).toBe(error.message);
  });

  it('rejects a recordExceptions that is not a boolean, naming it', () => {
    expect(() => instrumentHBase({ recordExceptions: 'yes' as never })).toThrow(/options\.recordExceptions/);
  });

  it('a gateway that cannot be reached is an error span too', async () => {
    await using down = new Connection({ host: '127.0.0.1', port: 1, timeout: 2_000, api: gatewayApi });
    await expect(down.tables()).rejects.toThrow();
    const span = named('getTableNames');
    expect(span.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': 1 });
    expect(span.attributes['error.type']).toBe('ConnectionFailedError');
  });

  it('a retried call is one span per attempt, the failed one with its error', async () => {
    // The proxy cuts the first socket as the gateway answers; the retry goes through.
    const proxy = await TcpProxy.start(host, port);
    proxy.mode = 'cut-on-reply';
    const forward = () => {
      proxy.mode = 'forward';
    };
    tracingChannel(CALL_CHANNEL).error.subscribe(forward);
    try {
      await using retried = new Connection({
        ...gateways.default(),
        host: '127.0.0.1',
        port: proxy.port,
        api: gatewayApi,
        tablePrefix: prefix,
        retry: { attempts: 3, backoff: 10 },
      });
      await retried.table('books').row('nobody');
    } finally {
      tracingChannel(CALL_CHANNEL).error.unsubscribe(forward);
      await proxy.close();
    }
    const attempts = spans().filter((s) => s.name === `getRow ${table.name}`);
    expect(attempts.map((s) => [s.attributes['hbase_mapper.attempt'], s.status.code])).toEqual([
      [1, SpanStatusCode.ERROR],
      [2, SpanStatusCode.UNSET],
    ]);
    expect(attempts[0]!.attributes['error.type']).toBeDefined();
    expect(attempts[1]!.attributes).toMatchObject({
      'server.address': '127.0.0.1',
      'server.port': proxy.port,
    });
  });

  it('call spans nest under the span active where the call starts', async () => {
    const tracer = provider.getTracer('app');
    await tracer.startActiveSpan('request', async (request) => {
      await table.row('nobody');
      request.end();
    });
    expect(parentOf(named(`getRow ${table.name}`))).toBe(idOf(named('request')));
  });
});

describe('repository spans', () => {
  it('an operation is an INTERNAL span, parent of its calls', async () => {
    await books.save([Object.assign(new Book(), { isbn: 'r1', title: 'A' })]);
    await books.findOne('r1');
    const save = named('Book.save');
    const find = named('Book.findOne');
    for (const operation of [save, find]) {
      expect(operation.kind).toBe(SpanKind.INTERNAL);
      expect(operation.attributes).toMatchObject({
        'db.system.name': 'hbase',
        'hbase_mapper.entity': 'Book',
        'hbase_mapper.table': 'books',
      });
      expect(parentOf(operation)).toBeUndefined();
    }
    expect(parentOf(named(`mutateRows ${table.name}`))).toBe(idOf(save));
    expect(parentOf(named(`getRow ${table.name}`))).toBe(idOf(find));
  });

  it("a scan's span covers its iteration, every batch's call under it", async () => {
    await books.save(
      Array.from({ length: 5 }, (_, i) => Object.assign(new Book(), { isbn: `q${i}`, title: 't' })),
    );
    exporter.reset();
    let seen = 0;
    for await (const _ of books.scan({ prefix: 'q', batchSize: 2 })) {
      seen++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen).toBe(5);
    const scan = named('Book.scan');
    const children = spans().filter((s) => parentOf(s) === idOf(scan));
    expect(children.map((s) => s.attributes['db.operation.name'])).toEqual([
      'scannerOpenWithScan',
      'scannerGetList',
      'scannerGetList',
      'scannerGetList',
      'scannerGetList',
      'scannerClose',
    ]);
    expect(spans()).toHaveLength(children.length + 1);
  });

  it('operations nest under the app span active where they start; a failed one is an error span', async () => {
    const tracer = provider.getTracer('app');
    const failure = await tracer.startActiveSpan('request', async (request) => {
      try {
        return (await books.findOneOrFail('nobody').catch((e: unknown) => e)) as Error;
      } finally {
        request.end();
      }
    });
    const outer = named('Book.findOneOrFail');
    const inner = named('Book.findOne');
    expect(parentOf(outer)).toBe(idOf(named('request')));
    expect(parentOf(inner)).toBe(idOf(outer));
    expect(parentOf(named(`getRow ${table.name}`))).toBe(idOf(inner));
    expect(outer.status.code).toBe(SpanStatusCode.ERROR);
    expect(outer.attributes['error.type']).toBe('EntityNotFoundError');
    expect(failure.name).toBe('EntityNotFoundError');
  });

  it('a span the app starts inside raw() parents the calls made under it', async () => {
    const tracer = provider.getTracer('app');
    await books.raw(async (t) => {
      await t.row('r1');
      await tracer.startActiveSpan('app-step', async (step) => {
        await t.row('r1');
        step.end();
      });
    });
    const raw = named('Book.raw');
    const step = named('app-step');
    const reads = spans().filter((s) => s.name === `getRow ${table.name}`);
    expect(reads.map(parentOf)).toEqual([idOf(raw), idOf(step)]);
  });
});

describe('instrumentHBase()', () => {
  it('makes no span after disable()', async () => {
    instrumentation.disable();
    instrumentation.disable(); // idempotent
    await table.row('nobody');
    await books.findOne('r1');
    expect(spans()).toEqual([]);
  });

  it('refuses options that are not options', () => {
    expect(() => instrumentHBase({ tracerProvider: {} as never })).toThrow(InvalidArgumentError);
    expect(() => instrumentHBase({ other: 1 } as never)).toThrow(InvalidArgumentError);
  });

  it('uses the global tracer provider by default', async () => {
    instrumentation.disable();
    trace.setGlobalTracerProvider(provider);
    const global = instrumentHBase();
    try {
      await table.row('nobody');
      expect(named(`getRow ${table.name}`).kind).toBe(SpanKind.CLIENT);
    } finally {
      global.disable();
      trace.disable();
    }
  });
});
