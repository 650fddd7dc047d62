import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, type ConnectionOptions, type Table } from '../../src';

/** A gateway's options, with its address spelled out (as numbers, for the tests' own use). */
export type GatewayOptions = ConnectionOptions & { host: string; port: number };

/** The transports every integration suite may ask for, each served by a Thrift1 and a Thrift2 gateway. */
export type GatewayVariant = 'default' | 'framed' | 'http' | 'https';

const host = (): string => process.env.HBASE_THRIFT_HOST ?? 'localhost';
const port = (env: string, fallback: number): number => Number(process.env[env] ?? fallback);
const trustLocalCa = () => ({
  ca: readFileSync(process.env.HBASE_THRIFT_CA ?? join(__dirname, '../../.hbase/tls/ca.pem')),
});

/**
 * The Thrift1 gateways (service `Hbase`) that test/support/global-setup.mjs starts (ports from the
 * `HBASE_*_PORT` variables, as scripts/hbase reads them), whatever API
 * the suites run against.
 */
export const thrift1Gateways: Record<GatewayVariant, () => GatewayOptions> = {
  /** threadpool server, buffered transport, binary protocol: what most users meet. */
  default: () => ({ host: host(), port: port('HBASE_THRIFT_PORT', 9090), timeout: 30_000 }),
  /** framed transport, compact protocol. */
  framed: () => ({
    host: host(),
    port: port('HBASE_THRIFT_FRAMED_PORT', 9091),
    transport: 'framed',
    protocol: 'compact',
    timeout: 30_000,
  }),
  /** HTTP mode without TLS. */
  http: () => ({
    host: host(),
    port: port('HBASE_THRIFT_HTTP_PORT', 9080),
    transport: 'http',
    timeout: 30_000,
  }),
  /** HTTP mode over TLS, trusting the self-signed certificate of scripts/hbase (`.hbase/tls/ca.pem`). */
  https: () => ({
    host: host(),
    port: port('HBASE_THRIFT_HTTPS_PORT', 9443),
    transport: 'http',
    tls: trustLocalCa(),
    timeout: 30_000,
  }),
};

/** The Thrift2 gateways (service `THBaseService`): the same transports, the other API. */
export const thrift2Gateways: Record<GatewayVariant, () => GatewayOptions> = {
  default: () => ({ host: host(), port: port('HBASE_THRIFT2_PORT', 9092), timeout: 30_000 }),
  framed: () => ({
    host: host(),
    port: port('HBASE_THRIFT2_FRAMED_PORT', 9093),
    transport: 'framed',
    protocol: 'compact',
    timeout: 30_000,
  }),
  http: () => ({
    host: host(),
    port: port('HBASE_THRIFT2_HTTP_PORT', 9081),
    transport: 'http',
    timeout: 30_000,
  }),
  https: () => ({
    host: host(),
    port: port('HBASE_THRIFT2_HTTPS_PORT', 9444),
    transport: 'http',
    tls: trustLocalCa(),
    timeout: 30_000,
  }),
};

/**
 * The API the integration suites run against: Thrift1, or Thrift2 in the `integration-thrift2`
 * jest projects (their `globals` set `HBASE_TEST_API`; the environment variable of that name
 * works too, for a run by hand).
 */
export const gatewayApi: 'thrift1' | 'thrift2' =
  ((globalThis as { HBASE_TEST_API?: string }).HBASE_TEST_API ?? process.env.HBASE_TEST_API) === 'thrift2'
    ? 'thrift2'
    : 'thrift1';

/**
 * Where the integration suites find the gateways: `default`, `framed`, `http` and `https` speak
 * the API of the run ({@link gatewayApi}), so the same suites cover both.
 */
export const gateways = {
  ...(gatewayApi === 'thrift2' ? thrift2Gateways : thrift1Gateways),
  /** A Thrift1 gateway that closes sockets idle for 1.5 s; the fault tests also kill and restart it. */
  idle: (): GatewayOptions => ({ host: host(), port: port('HBASE_THRIFT_IDLE_PORT', 9094), timeout: 30_000 }),
  /** A second gateway of the run's API (buffered, binary), beside `default`: pools over two gateways. */
  second: (): GatewayOptions =>
    gatewayApi === 'thrift2'
      ? { host: host(), port: port('HBASE_THRIFT2_SECOND_PORT', 9096), timeout: 30_000 }
      : { host: host(), port: port('HBASE_THRIFT_SECOND_PORT', 9095), timeout: 30_000 },
  /** The buffered Thrift1 gateway, whatever the run's API. */
  thrift1: thrift1Gateways.default,
  /** The buffered Thrift2 gateway, whatever the run's API. */
  thrift2: thrift2Gateways.default,
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
