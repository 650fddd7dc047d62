import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, type ConnectionOptions, type Table } from '../../src';

/** A gateway's options, with its address spelled out (as numbers, for the tests' own use). */
export type GatewayOptions = ConnectionOptions & { host: string; port: number };

/** Where the integration suites find the gateways (started by test/support/global-setup.mjs). */
export const gateways = {
  /** threadpool server, buffered transport, binary protocol: what most users meet. */
  default: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    timeout: 30_000,
  }),
  /** framed transport, compact protocol. */
  framed: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_FRAMED_PORT ?? 9091),
    transport: 'framed',
    protocol: 'compact',
    timeout: 30_000,
  }),
  /** HTTP mode without TLS. */
  http: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_HTTP_PORT ?? 9080),
    transport: 'http',
    timeout: 30_000,
  }),
  /** A gateway that closes sockets idle for 1.5 s; the fault tests also kill and restart it. */
  idle: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_IDLE_PORT ?? 9094),
    timeout: 30_000,
  }),
  /** A Thrift2 gateway: the wrong kind for this client, used to test the error it gives. */
  thrift2: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT2_PORT ?? 9092),
    timeout: 30_000,
  }),
  /** HTTP mode over TLS, trusting the self-signed certificate that scripts/hbase generated. */
  https: (): GatewayOptions => ({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_HTTPS_PORT ?? 9443),
    transport: 'http',
    tls: { ca: readFileSync(process.env.HBASE_THRIFT_CA ?? join(__dirname, '../../.hbase/tls/ca.pem')) },
    timeout: 30_000,
  }),
};

/**
 * A table prefix unique to one test file and run, so files can run in any order or in parallel.
 * Without `_`: a prefix may not contain its separator (the default `_`).
 */
export function uniquePrefix(label: string): string {
  return `t-${label.replace(/_/g, '-')}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every table carrying the connection's prefix (disabling them first). */
export async function dropPrefixedTables(connection: Connection): Promise<void> {
  for (const name of await connection.tables()) await connection.deleteTable(name, { disable: true });
}

/**
 * The usual start of a test file: a connection with the file's own table prefix and its table `t`
 * (one family `cf`). End with {@link closeScratch}.
 */
export async function openScratchTable(
  prefix: string,
  options: ConnectionOptions = gateways.default(),
): Promise<{ connection: Connection; table: Table }> {
  const connection = new Connection({ ...options, tablePrefix: prefix });
  return { connection, table: await connection.createTable('t', { cf: {} }) };
}

/** The usual end of a test file: drops the connection's prefixed tables and closes it. */
export async function closeScratch(connection: Connection): Promise<void> {
  await dropPrefixedTables(connection);
  await connection.close();
}
