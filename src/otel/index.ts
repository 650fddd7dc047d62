/**
 * hbase-mapper/otel: OpenTelemetry spans for hbase-mapper's gateway calls and repository
 * operations, made from its `diagnostics_channel` tracing channels. `@opentelemetry/api` is an
 * optional peer dependency: only this entry needs it.
 *
 * @packageDocumentation
 * @module hbase-mapper/otel
 */
export {
  type HBaseInstrumentation,
  type HBaseInstrumentationOptions,
  INSTRUMENTATION_NAME,
  instrumentHBase,
} from './instrument-hbase';
