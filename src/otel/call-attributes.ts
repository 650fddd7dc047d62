import type { Attributes } from '@opentelemetry/api';
import type { CallTraceContext } from '../client/tracing/call-trace-context';
import type { RepositoryTraceContext } from '../mapper/repository-trace-context';

/**
 * @internal The span name of a gateway call, per the database conventions:
 * `{db.operation.name} {db.collection.name}` (the method alone for calls on no table).
 */
export function callSpanName(call: CallTraceContext): string {
  return call.table === undefined ? call.method : `${call.method} ${call.table}`;
}

/**
 * @internal A call span's attributes, per OpenTelemetry's HBase conventions: the Thrift method as
 * the operation, the full table name as the collection, its namespace (`default` when it has
 * none), the gateway as the server; then what the conventions have no name for, under
 * `hbase_mapper.*`.
 */
export function callAttributes(call: CallTraceContext): Attributes {
  // One literal (no spread of shared attributes: copying them made this the costliest step of a
  // span). `db.system.name` (semantic conventions 1.26 on) and `db.system` (before) are both set,
  // so backends on either version recognise HBase.
  const attributes: Attributes = {
    'db.system.name': 'hbase',
    'db.system': 'hbase',
    'db.operation.name': call.method,
    'server.address': call.host,
    'server.port': call.port,
    'hbase_mapper.attempt': call.attempt,
  };
  const { table } = call;
  if (table !== undefined) {
    const colon = table.indexOf(':');
    attributes['db.collection.name'] = table;
    attributes['db.namespace'] = colon < 0 ? 'default' : table.slice(0, colon);
  }
  if (call.api !== undefined) attributes['hbase_mapper.api'] = call.api;
  // The conventions count a batch from two operations on.
  if (call.rows !== undefined && call.rows >= 2) attributes['db.operation.batch.size'] = call.rows;
  if (call.rows !== undefined) attributes['hbase_mapper.rows'] = call.rows;
  if (call.cells !== undefined) attributes['hbase_mapper.cells'] = call.cells;
  if (call.bytes !== undefined) attributes['hbase_mapper.bytes'] = call.bytes;
  if (call.scanBatch !== undefined) attributes['hbase_mapper.scan_batch'] = call.scanBatch;
  return attributes;
}

/** @internal What a call learns once it has a socket (the gateway after a failover, its API). */
export function gatewayAttributes(call: CallTraceContext): Attributes {
  const attributes: Attributes = { 'server.address': call.host, 'server.port': call.port };
  if (call.api !== undefined) attributes['hbase_mapper.api'] = call.api;
  return attributes;
}

/** @internal A repository operation's span name: `Entity.operation`. */
export function operationSpanName(operation: RepositoryTraceContext): string {
  return `${operation.entity}.${operation.operation}`;
}

/** @internal A repository operation's attributes. */
export function operationAttributes(operation: RepositoryTraceContext): Attributes {
  return {
    'db.system.name': 'hbase',
    'db.system': 'hbase',
    'hbase_mapper.entity': operation.entity,
    'hbase_mapper.operation': operation.operation,
    'hbase_mapper.table': operation.table,
  };
}

/**
 * @internal `error.type`: the error's class name (`TimeoutError`, `ConnectionFailedError`,
 * `IOError`...), low in cardinality as the conventions ask; `_OTHER` for a thrown non-error.
 */
export function errorType(error: unknown): string {
  return error instanceof Error ? error.name : '_OTHER';
}
