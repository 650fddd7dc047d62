import { InvalidArgumentError } from './errors';
import { type RetryOptions, type RetryPolicy, resolveRetryPolicy } from './retry-policy';
import type { ChannelOptions, ProtocolKind, TlsOptions, TransportKind } from './transport/channel-options';
import {
  isPlainObject,
  optionalBoolean,
  optionalInteger,
  requireInteger,
  requireOneOf,
  requireOptions,
  requirePlainObject,
  requireString,
} from './validate';

/** HBase versions whose Thrift1 feature set the client can restrict itself to, as HappyBase does. */
export type Compat = '0.90' | '0.92' | '0.94' | '0.96' | '0.98';

/** Options of a {@link Connection}. Every option is optional. */
export interface ConnectionOptions {
  /** Gateway host (default `localhost`). */
  host?: string;
  /** Gateway port (default `9090`). */
  port?: number;
  /**
   * Milliseconds to wait for a connection or a reply (default `60000`). When a call on a socket
   * times out the socket is dropped: the calls queued behind it on the gateway could not be
   * answered anyway.
   */
  timeout?: number;
  /** Open the connection on the first call (default `true`); otherwise call `open()` first. */
  autoConnect?: boolean;
  /** Prefix prepended to every table name (with the separator), e.g. an app or tenant name. */
  tablePrefix?: string;
  /** Separator between the prefix and the table name (default `_`). */
  tablePrefixSeparator?: string;
  /** Restrict the client to the features of an older HBase (default `'0.98'`, everything). */
  compat?: Compat;
  /** `buffered` (default), `framed` (gateway started with `-f` or a non-blocking server) or `http`. */
  transport?: TransportKind;
  /** `binary` (default) or `compact` (gateway started with `-c`). */
  protocol?: ProtocolKind;
  /** TLS: `true` for defaults (verified), or options. With `transport: 'http'` this means HTTPS. */
  tls?: boolean | TlsOptions;
  /** URL path of a gateway in HTTP mode (default `/`). */
  httpPath?: string;
  /** Extra HTTP headers for a gateway in HTTP mode (e.g. authentication added by a proxy). */
  httpHeaders?: Record<string, string>;
  /**
   * Several gateways (`'host:port'` or `{ host, port }`) instead of `host`/`port`: the connection
   * uses the first that accepts it and fails over to the next when its gateway goes down.
   */
  servers?: Array<string | ServerSpec>;
  /**
   * Retry operations that are safe to repeat (reads, scanner opens, admin reads, writes with an
   * explicit timestamp) after a transport failure: `true` for 3 attempts, or settings.
   */
  retry?: boolean | RetryOptions;
  /** Milliseconds one operation may take in all, retries and backoff included (default: no bound). */
  operationTimeout?: number;
  /**
   * With `transport: 'framed'`, the largest request in bytes (default 2 MiB, 2097152): the
   * gateway's `hbase.regionserver.thrift.framed.max_frame_size_in_mb` (default 2), which it
   * enforces by dropping the connection. A larger request is refused before it is sent
   * (`FrameTooLargeError`) and batches split their sends to stay below it. Raise it together
   * with the gateway's setting.
   */
  maxFrameSize?: number;
}

/** One gateway address. */
export interface ServerAddress {
  /** Gateway host. */
  host: string;
  /** Gateway port. */
  port: number;
}

/** A gateway in the `servers` option; the port defaults to 9090. */
export interface ServerSpec {
  /** Gateway host. */
  host: string;
  /** Gateway port (default 9090). */
  port?: number;
}

/** @internal Connection options after validation, with defaults applied. */
export interface ResolvedConnectionOptions {
  /** Channel settings; `host`/`port` are those of the first server. */
  channel: ChannelOptions;
  servers: ServerAddress[];
  retry: RetryPolicy | undefined;
  operationTimeout: number | undefined;
  autoConnect: boolean;
  tablePrefix: string | undefined;
  tablePrefixSeparator: string;
  compat: Compat;
}

export const COMPAT_LEVELS: readonly Compat[] = ['0.90', '0.92', '0.94', '0.96', '0.98'];
const TRANSPORTS: readonly TransportKind[] = ['buffered', 'framed', 'http'];
const PROTOCOLS: readonly ProtocolKind[] = ['binary', 'compact'];
const OPTION_NAMES = [
  'host',
  'port',
  'timeout',
  'autoConnect',
  'tablePrefix',
  'tablePrefixSeparator',
  'compat',
  'transport',
  'protocol',
  'tls',
  'httpPath',
  'httpHeaders',
  'servers',
  'retry',
  'operationTimeout',
  'maxFrameSize',
] as const;
const TLS_OPTION_NAMES = ['ca', 'cert', 'key', 'passphrase', 'rejectUnauthorized', 'servername'] as const;
/** The gateway's default `hbase.regionserver.thrift.framed.max_frame_size_in_mb`, 2, in bytes. */
const DEFAULT_MAX_FRAME_SIZE = 2 * 1024 * 1024;
/** setTimeout cannot wait longer than this. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** @internal Validates connection options (throwing {@link InvalidArgumentError}) and applies defaults. */
export function resolveConnectionOptions(options: unknown): ResolvedConnectionOptions {
  const o = requireOptions(options, 'options', OPTION_NAMES);
  const host = o.host === undefined ? 'localhost' : requireString(o.host, 'options.host');
  if (host.length === 0) throw new InvalidArgumentError('options.host', 'a non-empty host name', host);
  const prefix =
    o.tablePrefix === undefined ? undefined : requireString(o.tablePrefix, 'options.tablePrefix');
  const separator =
    o.tablePrefixSeparator === undefined
      ? '_'
      : requireString(o.tablePrefixSeparator, 'options.tablePrefixSeparator');
  const transport =
    o.transport === undefined ? 'buffered' : requireOneOf(o.transport, 'options.transport', TRANSPORTS);
  const port = o.port === undefined ? 9090 : requireInteger(o.port, 'options.port', 1, 65535);
  if (o.servers !== undefined && (o.host !== undefined || o.port !== undefined)) {
    throw new InvalidArgumentError('options.servers', 'either servers or host/port, not both', o.servers);
  }
  const servers = o.servers === undefined ? [{ host, port }] : resolveServers(o.servers);
  return {
    servers,
    retry: resolveRetryPolicy(o.retry),
    operationTimeout: optionalInteger(o.operationTimeout, 'options.operationTimeout', 1, MAX_TIMEOUT_MS),
    channel: {
      host: servers[0]!.host,
      port: servers[0]!.port,
      timeout:
        o.timeout === undefined ? 60_000 : requireInteger(o.timeout, 'options.timeout', 1, MAX_TIMEOUT_MS),
      transport,
      protocol: o.protocol === undefined ? 'binary' : requireOneOf(o.protocol, 'options.protocol', PROTOCOLS),
      tls: resolveTls(o.tls),
      httpPath: o.httpPath === undefined ? '/' : requireHttpPath(o.httpPath),
      httpHeaders: o.httpHeaders === undefined ? {} : requireHeaders(o.httpHeaders),
      maxFrameSize:
        optionalInteger(o.maxFrameSize, 'options.maxFrameSize', 1024, 2 ** 31 - 1) ?? DEFAULT_MAX_FRAME_SIZE,
    },
    autoConnect: optionalBoolean(o.autoConnect, 'options.autoConnect') ?? true,
    tablePrefix: prefix,
    tablePrefixSeparator: separator,
    compat: o.compat === undefined ? '0.98' : requireOneOf(o.compat, 'options.compat', COMPAT_LEVELS),
  };
}

function resolveServers(value: unknown): ServerAddress[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidArgumentError(
      'options.servers',
      'a non-empty array of "host:port" or { host, port }',
      value,
    );
  }
  return value.map((server, i) => {
    const argument = `options.servers[${i}]`;
    if (typeof server === 'string') {
      const match = /^(.+):(\d+)$/.exec(server);
      const port = match ? Number(match[2]) : 9090;
      const host = match ? match[1]! : server;
      if (host.length === 0 || port < 1 || port > 65535)
        throw new InvalidArgumentError(argument, '"host:port"', server);
      return { host, port };
    }
    if (!isPlainObject(server))
      throw new InvalidArgumentError(argument, '"host:port" or { host, port }', server);
    const host = requireString(server.host, `${argument}.host`);
    if (host.length === 0) throw new InvalidArgumentError(`${argument}.host`, 'a non-empty host name', host);
    return {
      host,
      port: server.port === undefined ? 9090 : requireInteger(server.port, `${argument}.port`, 1, 65535),
    };
  });
}

function resolveTls(value: unknown): TlsOptions | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  const tls = requireOptions(value, 'options.tls', TLS_OPTION_NAMES);
  optionalBoolean(tls.rejectUnauthorized, 'options.tls.rejectUnauthorized');
  if (tls.servername !== undefined) requireString(tls.servername, 'options.tls.servername');
  if (tls.passphrase !== undefined) requireString(tls.passphrase, 'options.tls.passphrase');
  return tls as TlsOptions;
}

function requireHttpPath(value: unknown): string {
  const path = requireString(value, 'options.httpPath');
  if (!path.startsWith('/'))
    throw new InvalidArgumentError('options.httpPath', 'a path starting with "/"', path);
  return path;
}

function requireHeaders(value: unknown): Record<string, string> {
  const headers = requirePlainObject(value, 'options.httpHeaders');
  for (const [name, header] of Object.entries(headers)) requireString(header, `options.httpHeaders.${name}`);
  return headers as Record<string, string>;
}

/** @internal Whether the configured compat level is at least `level`. */
export function compatAtLeast(compat: Compat, level: Compat): boolean {
  return COMPAT_LEVELS.indexOf(compat) >= COMPAT_LEVELS.indexOf(level);
}
