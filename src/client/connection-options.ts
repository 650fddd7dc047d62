import { type AuthOptions, type KerberosAuthOptions, resolveAuth } from './auth/auth-options';
import { settingsFromEnvironment } from './connection-env';
import {
  COMPAT_LEVELS,
  type Compat,
  type ConnectionSettings,
  definedSettings,
  type GatewayApi,
  MAX_TIMEOUT_MS,
  requireCompat,
  requireGatewayApi,
  requireHost,
  requirePort,
  requireProtocol,
  requireTimeout,
  requireTransport,
} from './connection-settings';
import { settingsFromUrl } from './connection-url';
import { InvalidArgumentError } from './errors';
import { Redacted } from './errors/describe-value';
import { type Logger, optionalLogger } from './observability/logger';
import { type RetryOptions, type RetryPolicy, resolveRetryPolicy } from './retry-policy';
import { requireTablePrefix } from './table-names';
import type { ChannelOptions, ProtocolKind, TlsOptions, TransportKind } from './transport/channel-options';
import {
  isPlainObject,
  optionalBoolean,
  optionalInteger,
  requireOptions,
  requirePlainObject,
  requireString,
} from './validate';

export type { Compat, GatewayApi, GatewayKind } from './connection-settings';

/**
 * Options of a {@link Connection}. Every option is optional; what is not given comes from the
 * `url` option, then from the `HBASE_*` environment variables (see the configuration guide), then
 * from the defaults below. A `host`, `port`, `url` or `servers` option names the endpoint: then
 * none of the environment's endpoint settings (host, port, transport, protocol, TLS, HTTP path,
 * headers and credentials) apply.
 */
export interface ConnectionOptions {
  /**
   * A connection URL, e.g. `hbase://host:9090`, `hbase://host:9091?transport=framed&protocol=compact`,
   * `hbases://host:9090` (socket over TLS), `http://host:9080/`, `https://host:9443/thrift`. The other
   * options given beside it override what it says. Query parameters: `transport`, `protocol`,
   * `timeout`, `compat`, `tablePrefix`, `tablePrefixSeparator`, `api`. With http(s), `user:password@` is
   * sent as HTTP Basic authentication. It describes the whole endpoint: what it leaves out (e.g. the
   * protocol) takes the default, not the value of an `HBASE_*` variable.
   */
  url?: string | URL;
  /** Gateway host (default `localhost`). */
  host?: string;
  /** Gateway port (default `9090`); a string of digits (as an environment variable holds) is accepted. */
  port?: number | string;
  /**
   * Milliseconds to wait for a connection or a reply (default `60000`; a string of digits is
   * accepted). When a call on a socket times out the socket is dropped: the calls queued behind it
   * on the gateway could not be answered anyway.
   */
  timeout?: number | string;
  /** Open the connection on the first call (default `true`); otherwise call `open()` first. */
  autoConnect?: boolean;
  /** Prefix prepended to every table name (with the separator), e.g. an app or tenant name. */
  tablePrefix?: string;
  /** Separator between the prefix and the table name (default `_`). */
  tablePrefixSeparator?: string;
  /** Restrict the client to the features of an older HBase (default `'0.98'`, everything). */
  compat?: Compat;
  /**
   * The gateway's Thrift API (default `'auto'`): `'auto'` asks the gateway which API it serves
   * (`getThriftServerType`), once per socket, before the socket's first call; `'thrift1'` skips
   * that round trip (also for gateways older than the question, which are Thrift1 anyway);
   * `'thrift2'` declares a Thrift2 gateway. The first answer fixes the connection's API: a member
   * of `servers` serving the other one is passed over (`UnsupportedGatewayError` when none is left).
   */
  api?: GatewayApi;
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
  /**
   * Where to log connects, reconnects, failovers, retries, transport failures and timeouts (and,
   * for a pool, replaced connections and acquire timeouts): pino, winston, `console`, NestJS's
   * `Logger`, or any object with some of their methods (see {@link Logger}). Never given values,
   * row keys or credentials. `NODE_DEBUG=hbase-mapper` writes the same messages to stderr.
   */
  logger?: Logger;
  /**
   * Kerberos authentication with the gateway (see {@link KerberosAuthOptions}): SASL GSSAPI on a
   * socket gateway at a chosen quality of protection, SPNEGO (and `doAs`) on an HTTP one. Needs the
   * optional peer `koffi` and the system's GSS-API library. Applies to every member of `servers`.
   */
  auth?: AuthOptions;
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
  /** Gateway port (default 9090; a string of digits is accepted). */
  port?: number | string;
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
  /** The gateway's API, or `auto` to detect it on each new socket. */
  api: GatewayApi;
  logger: Logger | undefined;
}

const OPTION_NAMES = [
  'url',
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
  'api',
  'logger',
  'auth',
] as const;
/** The settings that describe the gateway's endpoint, all given by a URL (explicitly or by default). */
const ENDPOINT_SETTINGS = [
  'host',
  'port',
  'transport',
  'protocol',
  'tls',
  'httpPath',
  'httpHeaders',
  'api',
] as const;
const TLS_OPTION_NAMES = ['ca', 'cert', 'key', 'passphrase', 'rejectUnauthorized', 'servername'] as const;
/** RFC 9110 token: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value may not break out of its line. */
const HEADER_VALUE = /^[^\r\n\0]*$/;
/** The gateway's default `hbase.regionserver.thrift.framed.max_frame_size_in_mb`, 2, in bytes. */
const DEFAULT_MAX_FRAME_SIZE = 2 * 1024 * 1024;

/**
 * @internal Validates connection options (throwing {@link InvalidArgumentError}) and applies, in
 * order of precedence: the options given, the `url` option, the environment (`env`, by default
 * `process.env`), the defaults. A string or a `URL` stands for `{ url }`. A `host`, `port`, `url`
 * or `servers` option replaces the environment's endpoint (host, port, transport, protocol, TLS,
 * path, HTTP headers and credentials) as a whole; the table prefix, compat level and timeout may
 * still come from the environment.
 */
export function resolveConnectionOptions(
  options: unknown,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConnectionOptions {
  const o = requireOptions(
    typeof options === 'string' || options instanceof URL ? { url: options } : options,
    'options',
    OPTION_NAMES,
  );
  const given = explicitSettings(o);
  const fromUrl = o.url === undefined ? {} : settingsFromUrl(o.url, 'options.url');
  const fromEnv = settingsFromEnvironment(env);
  // A host, port, URL or server list given in code names another endpoint than the environment's:
  // what the code leaves out (the protocol, say) is the default, not the environment's value,
  // which was meant for another endpoint — and above all, the environment's credentials (a
  // `HBASE_URL`'s user:password) must never be sent to a host the environment did not name.
  if (o.host !== undefined || o.port !== undefined || o.url !== undefined || o.servers !== undefined) {
    for (const key of ENDPOINT_SETTINGS) delete fromEnv[key];
  }
  // No prototype: a setting no source gives must read as undefined, not as an inherited value.
  const s: ConnectionSettings = Object.assign(Object.create(null), fromEnv, definedSettings(fromUrl), given);
  // Headers merge, those given explicitly winning (a URL's credentials become `authorization`).
  s.httpHeaders = mergeHeaders(fromEnv.httpHeaders, fromUrl.httpHeaders, given.httpHeaders);

  const host = s.host ?? 'localhost';
  const port = s.port ?? 9090;
  if (o.servers !== undefined && (o.host !== undefined || o.port !== undefined || o.url !== undefined)) {
    throw new InvalidArgumentError(
      'options.servers',
      'either servers or url/host/port, not both',
      new Redacted(`an array of ${Array.isArray(o.servers) ? o.servers.length : 0} items`),
    );
  }
  // Checked once every source is merged: an environment's prefix obeys the rule too.
  // Each error names the source of the value at fault: an option, a URL's parameter, a variable.
  if (s.tablePrefix !== undefined) {
    requireTablePrefix(
      { value: s.tablePrefix, argument: s.tablePrefixArgument ?? 'options.tablePrefix' },
      {
        value: s.tablePrefixSeparator ?? '_',
        argument: s.tablePrefixSeparatorArgument ?? 'options.tablePrefixSeparator',
      },
    );
  }
  const servers = o.servers === undefined ? [{ host, port }] : resolveServers(o.servers);
  const transport = s.transport ?? 'buffered';
  const auth = o.auth === undefined ? undefined : resolveAuth(o.auth, 'options.auth', transport);
  return {
    servers,
    retry: resolveRetryPolicy(o.retry),
    operationTimeout: optionalInteger(o.operationTimeout, 'options.operationTimeout', 1, MAX_TIMEOUT_MS),
    channel: {
      host: servers[0]!.host,
      port: servers[0]!.port,
      timeout: s.timeout ?? 60_000,
      transport,
      protocol: s.protocol ?? 'binary',
      tls: s.tls === false ? undefined : s.tls,
      httpPath: s.httpPath ?? '/',
      httpHeaders: s.httpHeaders,
      maxFrameSize:
        optionalInteger(o.maxFrameSize, 'options.maxFrameSize', 1024, 2 ** 31 - 1) ?? DEFAULT_MAX_FRAME_SIZE,
      auth,
    },
    autoConnect: optionalBoolean(o.autoConnect, 'options.autoConnect') ?? true,
    tablePrefix: s.tablePrefix,
    tablePrefixSeparator: s.tablePrefixSeparator ?? '_',
    compat: s.compat ?? '0.98',
    api: s.api ?? 'auto',
    logger: optionalLogger(o.logger, 'options.logger'),
  };
}

/** The settings given as options, validated; those not given are absent. */
function explicitSettings(o: Partial<Record<(typeof OPTION_NAMES)[number], unknown>>): ConnectionSettings {
  return definedSettings({
    host: o.host === undefined ? undefined : requireHost(o.host, 'options.host'),
    port: o.port === undefined ? undefined : requirePort(o.port, 'options.port'),
    timeout: o.timeout === undefined ? undefined : requireTimeout(o.timeout, 'options.timeout'),
    transport: o.transport === undefined ? undefined : requireTransport(o.transport, 'options.transport'),
    protocol: o.protocol === undefined ? undefined : requireProtocol(o.protocol, 'options.protocol'),
    tls: o.tls === undefined ? undefined : resolveTls(o.tls),
    httpPath: o.httpPath === undefined ? undefined : requireHttpPath(o.httpPath),
    httpHeaders: o.httpHeaders === undefined ? undefined : requireHeaders(o.httpHeaders),
    tablePrefix:
      o.tablePrefix === undefined ? undefined : requireString(o.tablePrefix, 'options.tablePrefix'),
    tablePrefixArgument: o.tablePrefix === undefined ? undefined : 'options.tablePrefix',
    tablePrefixSeparator:
      o.tablePrefixSeparator === undefined
        ? undefined
        : requireString(o.tablePrefixSeparator, 'options.tablePrefixSeparator'),
    tablePrefixSeparatorArgument:
      o.tablePrefixSeparator === undefined ? undefined : 'options.tablePrefixSeparator',
    compat: o.compat === undefined ? undefined : requireCompat(o.compat, 'options.compat'),
    api: o.api === undefined ? undefined : requireGatewayApi(o.api, 'options.api'),
  });
}

function mergeHeaders(...layers: Array<Record<string, string> | undefined>): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}

function resolveServers(value: unknown): ServerAddress[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidArgumentError(
      'options.servers',
      'a non-empty array of "host:port" or { host, port }',
      value,
    );
  }
  const servers: ServerAddress[] = [];
  // An index loop, not map(): map skips the holes of a sparse array (`[, 'a:1']`).
  for (let i = 0; i < value.length; i++) {
    const server: unknown = value[i];
    const argument = `options.servers[${i}]`;
    if (typeof server === 'string') {
      const match = /^(.+):(\d+)$/.exec(server);
      const host = match ? match[1]! : server;
      servers.push({
        host: requireHost(host, argument),
        port: match ? requirePort(match[2], argument) : 9090,
      });
      continue;
    }
    if (!isPlainObject(server))
      throw new InvalidArgumentError(argument, '"host:port" or { host, port }', server);
    const o = requireOptions(server, argument, ['host', 'port']);
    servers.push({
      host: requireHost(o.host, `${argument}.host`),
      port: o.port === undefined ? 9090 : requirePort(o.port, `${argument}.port`),
    });
  }
  return servers;
}

function resolveTls(value: unknown): TlsOptions | false {
  if (value === false) return false;
  if (value === true) return {};
  const tls = requireOptions(value, 'options.tls', TLS_OPTION_NAMES);
  const resolved: TlsOptions = {};
  if (tls.ca !== undefined) resolved.ca = requireCa(tls.ca);
  if (tls.cert !== undefined) resolved.cert = requirePem(tls.cert, 'options.tls.cert');
  if (tls.key !== undefined) resolved.key = requirePem(tls.key, 'options.tls.key');
  if (tls.passphrase !== undefined) {
    if (typeof tls.passphrase !== 'string') {
      throw new InvalidArgumentError(
        'options.tls.passphrase',
        'a string',
        new Redacted(typeof tls.passphrase),
      );
    }
    resolved.passphrase = tls.passphrase;
  }
  const rejectUnauthorized = optionalBoolean(tls.rejectUnauthorized, 'options.tls.rejectUnauthorized');
  if (rejectUnauthorized !== undefined) resolved.rejectUnauthorized = rejectUnauthorized;
  if (tls.servername !== undefined)
    resolved.servername = requireString(tls.servername, 'options.tls.servername');
  return resolved;
}

/** A PEM text or its bytes. */
function requirePem(value: unknown, argument: string): string | Buffer {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  throw new InvalidArgumentError(argument, 'a PEM string or Buffer', value);
}

function requireCa(value: unknown): string | Buffer | Array<string | Buffer> {
  if (!Array.isArray(value)) return requirePem(value, 'options.tls.ca');
  return value.map((ca, i) => requirePem(ca, `options.tls.ca[${i}]`));
}

function requireHttpPath(value: unknown): string {
  const path = requireString(value, 'options.httpPath');
  // Only the characters a request line can carry unescaped: Node rejects the others late, with a TypeError.
  if (!path.startsWith('/') || !/^[\x21-\x7e]*$/.test(path))
    throw new InvalidArgumentError(
      'options.httpPath',
      'a path starting with "/", without spaces or control characters (percent-encode them)',
      new Redacted(`a string of ${path.length} characters`),
    );
  return path;
}

function requireHeaders(value: unknown): Record<string, string> {
  const headers = requirePlainObject(value, 'options.httpHeaders');
  const valid: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const header = headers[name];
    if (!HEADER_NAME.test(name)) {
      throw new InvalidArgumentError('options.httpHeaders', 'header names made of token characters', name);
    }
    // Values are never quoted: they often carry credentials.
    if (typeof header !== 'string' || !HEADER_VALUE.test(header)) {
      throw new InvalidArgumentError(
        `options.httpHeaders.${name}`,
        'a string without CR, LF or NUL',
        new Redacted(typeof header === 'string' ? 'a string with a line break' : typeof header),
      );
    }
    valid[name] = header;
  }
  return valid;
}

/** @internal Whether the configured compat level is at least `level`. */
export function compatAtLeast(compat: Compat, level: Compat): boolean {
  return COMPAT_LEVELS.indexOf(compat) >= COMPAT_LEVELS.indexOf(level);
}
