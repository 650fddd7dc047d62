import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel } from 'node:diagnostics_channel';
import {
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { InvalidArgumentError } from '../client/errors';
import type { CallTraceContext } from '../client/tracing/call-trace-context';
import { CALL_CHANNEL, REPOSITORY_CHANNEL } from '../client/tracing/channels';
import { optionalBoolean, requireOptions } from '../client/validate';
import type { RepositoryTraceContext } from '../mapper/repository-trace-context';
import {
  callAttributes,
  callSpanName,
  errorType,
  gatewayAttributes,
  operationAttributes,
  operationSpanName,
} from './call-attributes';

/** Options of {@link instrumentHBase}. */
export interface HBaseInstrumentationOptions {
  /**
   * Where the spans go. Default: the global tracer provider (`trace.getTracerProvider()` of
   * `@opentelemetry/api`, which `NodeSDK.start()` or `provider.register()` sets).
   */
  tracerProvider?: TracerProvider;
  /**
   * Whether failed spans also get an exception event (`span.recordException`: the error's class,
   * message and stack). Off by default: an error message may quote a short row key (e.g.
   * `EntityNotFoundError`'s) or HBase's own text, and spans usually leave the process for a
   * tracing backend. Either way a failed span carries `error.type` and an error status whose
   * message is the error's class name only.
   */
  recordExceptions?: boolean;
}

/** What {@link instrumentHBase} returns. */
export interface HBaseInstrumentation {
  /**
   * Stops making spans: unsubscribes from the channels. Operations in flight at that moment are
   * not ended (nor exported). Idempotent.
   */
  disable(): void;
}

/** The name of the tracer (the instrumentation scope) that makes the spans. */
export const INSTRUMENTATION_NAME = 'hbase-mapper';

/** The repository operation whose calls are running: its context, and the span active around it. */
interface OperationScope {
  readonly context: Context;
  readonly outer: Span | undefined;
}

/**
 * Turns hbase-mapper's tracing channels into OpenTelemetry spans that follow the database
 * semantic conventions: one CLIENT span per gateway call attempt (`hbase-mapper:call`), named
 * `{method} {table}`, with `db.system.name` (and the older `db.system`) `hbase`,
 * `db.operation.name`, `db.collection.name`, `db.namespace`, `server.address`, `server.port`,
 * `db.operation.batch.size` for calls of several rows and, on failure, `error.type` and an error
 * status; and one INTERNAL span per `Repository` operation (`hbase-mapper:repository`), named
 * `{Entity}.{operation}`, parent of the spans of its calls. Spans nest under whatever span is
 * active where the operation or call starts (an HTTP request's, say).
 *
 * Needs `@opentelemetry/api` (an optional peer dependency of hbase-mapper) and, for spans to
 * nest across `await`, a context manager such as `@opentelemetry/context-async-hooks`'s
 * `AsyncLocalStorageContextManager` (what `NodeSDK` registers). Row keys and values are not
 * recorded: a failed span says which error class (`error.type`), not its message, unless
 * `recordExceptions` asks for exception events.
 *
 * @example
 * ```ts
 * import { instrumentHBase } from 'hbase-mapper/otel';
 *
 * const instrumentation = instrumentHBase(); // the global tracer provider
 * // ... later, on shutdown:
 * instrumentation.disable();
 * ```
 */
export function instrumentHBase(options: HBaseInstrumentationOptions = {}): HBaseInstrumentation {
  const o = requireOptions(options, 'options', ['tracerProvider', 'recordExceptions']);
  const recordExceptions = optionalBoolean(o.recordExceptions, 'options.recordExceptions') ?? false;
  const given = o.tracerProvider as TracerProvider | undefined;
  if (given !== undefined && typeof given?.getTracer !== 'function') {
    throw new InvalidArgumentError('options.tracerProvider', 'an OpenTelemetry TracerProvider', given);
  }
  const provider = given ?? trace.getTracerProvider();
  const tracer: Tracer = provider.getTracer(INSTRUMENTATION_NAME);
  const spans = new WeakMap<object, Span>();
  const scopes = new AsyncLocalStorage<OperationScope>();

  /**
   * The parent of a new span: the repository operation running, unless code inside it made
   * another span active since (a span of the app's own, in a `raw()` callback); else the active
   * context.
   */
  const parentContext = (): Context => {
    const active = context.active();
    const scope = scopes.getStore();
    if (scope === undefined) return active;
    return trace.getSpan(active) === scope.outer ? scope.context : active;
  };

  const finish = (message: object, error: unknown): void => {
    const span = spans.get(message);
    if (span === undefined) return;
    spans.delete(message);
    if (error !== undefined) {
      span.setAttribute('error.type', errorType(error));
      if (recordExceptions && error instanceof Error) span.recordException(error);
      // The class name only: a message may quote a row key.
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) });
    }
    span.end();
  };

  // A function that throws before returning its promise publishes error then end, and nothing
  // asynchronous: its span ends there.
  const endIfThrew = (message: unknown): void => {
    const { error } = message as { error?: unknown };
    if (error !== undefined) finish(message as object, error);
  };

  const operationStore = (message: unknown): OperationScope => {
    const operation = message as RepositoryTraceContext;
    const active = context.active();
    const parent = parentContext();
    const span = tracer.startSpan(
      operationSpanName(operation),
      { kind: SpanKind.INTERNAL, attributes: operationAttributes(operation) },
      parent,
    );
    spans.set(operation, span);
    return { context: trace.setSpan(parent, span), outer: trace.getSpan(active) };
  };
  const operationHandlers = {
    start: () => {},
    end: endIfThrew,
    asyncStart: () => {},
    asyncEnd: (message: unknown) => finish(message as object, (message as RepositoryTraceContext).error),
    error: () => {},
  };

  const callHandlers = {
    start: (message: unknown) => {
      const call = message as CallTraceContext;
      const span = tracer.startSpan(
        callSpanName(call),
        { kind: SpanKind.CLIENT, attributes: callAttributes(call) },
        parentContext(),
      );
      spans.set(call, span);
    },
    end: endIfThrew,
    asyncStart: () => {},
    asyncEnd: (message: unknown) => {
      const call = message as CallTraceContext;
      spans.get(call)?.setAttributes(gatewayAttributes(call));
      finish(call, call.error);
    },
    error: () => {},
  };

  const operations = tracingChannel(REPOSITORY_CHANNEL);
  const calls = tracingChannel(CALL_CHANNEL);
  operations.start.bindStore(scopes, operationStore);
  operations.subscribe(operationHandlers);
  calls.subscribe(callHandlers);

  let enabled = true;
  return {
    disable() {
      if (!enabled) return;
      enabled = false;
      calls.unsubscribe(callHandlers);
      operations.unsubscribe(operationHandlers);
      operations.start.unbindStore(scopes);
    },
  };
}
