import {
  type ConnectionSettings,
  requireCompat,
  requireGatewayApi,
  requireHost,
  requirePort,
  requireProtocol,
  requireTimeout,
} from './connection-settings';
import { InvalidArgumentError } from './errors';
import { Redacted } from './errors/describe-value';
import type { TransportKind } from './transport/channel-options';
import { requireOneOf } from './validate';

/** What each scheme means: how bytes travel, whether TLS wraps them, the port when none is given. */
const SCHEMES: Readonly<Record<string, { transport: TransportKind; tls: boolean; port: number }>> = {
  'hbase:': { transport: 'buffered', tls: false, port: 9090 },
  'hbases:': { transport: 'buffered', tls: true, port: 9090 },
  'http:': { transport: 'http', tls: false, port: 80 },
  'https:': { transport: 'http', tls: true, port: 443 },
};

/** Query parameters a URL may carry, and the connection option each one sets. */
const QUERY_PARAMETERS = [
  'transport',
  'protocol',
  'timeout',
  'compat',
  'tablePrefix',
  'tablePrefixSeparator',
  'api',
] as const;

const EXPECTED_URL =
  'a URL like hbase://host:9090, hbases://host:9090, http://host:9080/ or https://host:9443/path';

/**
 * @internal The settings a connection URL gives. The URL is parsed by the WHATWG `URL` class;
 * `argument` names its source (`options.url`, `HBASE_URL`) in errors, which never quote the URL
 * itself: it may carry a password or a token.
 *
 * - `hbase://host[:port]`: a socket (buffered by default, `?transport=framed`), port 9090 by default;
 *   `hbases://` is the same over TLS.
 * - `http://host[:port][/path]` and `https://...`: the gateway in HTTP mode (ports 80/443 by
 *   default, as for any HTTP URL); the path is the gateway's `httpPath`.
 * - Query parameters: `transport` (socket schemes only), `protocol`, `timeout`, `compat`,
 *   `tablePrefix`, `tablePrefixSeparator`, `api`. Any other parameter is an error (a typo would otherwise
 *   be ignored).
 * - `user:password@` is sent as HTTP Basic authentication with the http(s) schemes (for a gateway
 *   behind an authenticating proxy) and rejected with the socket schemes, which have no place for it.
 */
export function settingsFromUrl(value: unknown, argument: string): ConnectionSettings {
  const url = parseUrl(value, argument);
  const scheme = SCHEMES[url.protocol];
  if (scheme === undefined) {
    throw new InvalidArgumentError(
      argument,
      `${EXPECTED_URL} (scheme hbase, hbases, http or https)`,
      new Redacted(`the scheme ${JSON.stringify(url.protocol.slice(0, 20))}`),
    );
  }
  if (url.hash !== '') {
    throw new InvalidArgumentError(argument, `${EXPECTED_URL}, without a #fragment`, hidden(url.hash));
  }
  const settings: ConnectionSettings = {
    host: requireHost(url.hostname, `${argument} (host)`),
    port: url.port === '' ? scheme.port : requirePort(url.port, `${argument} (port)`),
    transport: scheme.transport,
    tls: scheme.tls ? {} : false,
  };
  if (scheme.transport === 'http') {
    settings.httpPath = url.pathname === '' ? '/' : url.pathname;
    const authorization = basicAuthorization(url, argument);
    if (authorization !== undefined) settings.httpHeaders = { authorization };
  } else {
    if (url.pathname !== '' && url.pathname !== '/') {
      throw new InvalidArgumentError(
        argument,
        `${EXPECTED_URL}: a path only with http(s) (a socket gateway has none)`,
        hidden(url.pathname),
      );
    }
    if (url.username !== '' || url.password !== '') {
      throw new InvalidArgumentError(
        argument,
        `${EXPECTED_URL}: no user or password with ${url.protocol}// (a socket gateway takes none)`,
        new Redacted('a URL with credentials'),
      );
    }
  }
  Object.assign(settings, queryParameters(url, argument, scheme.transport === 'http'));
  return settings;
}

function parseUrl(value: unknown, argument: string): URL {
  if (value instanceof URL) return value;
  if (typeof value === 'string') {
    try {
      return new URL(value);
    } catch {
      // The parser's message quotes the input, which may hold a password: say only what failed.
    }
  }
  throw new InvalidArgumentError(argument, EXPECTED_URL, hidden(value));
}

function queryParameters(url: URL, argument: string, http: boolean): ConnectionSettings {
  const settings: ConnectionSettings = {};
  const seen = new Set<string>();
  for (const [name, value] of url.searchParams) {
    const where = `${argument} (query parameter ${JSON.stringify(name.slice(0, 40))})`;
    if (!(QUERY_PARAMETERS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        argument,
        `${EXPECTED_URL}, whose query parameters are ${QUERY_PARAMETERS.join(', ')}`,
        new Redacted(`the query parameter ${JSON.stringify(name.slice(0, 40))}`),
      );
    }
    if (seen.has(name)) throw new InvalidArgumentError(where, 'one value', new Redacted('several'));
    seen.add(name);
    switch (name as (typeof QUERY_PARAMETERS)[number]) {
      case 'transport':
        if (http) {
          throw new InvalidArgumentError(where, 'no transport with http(s) URLs', value);
        }
        settings.transport = requireOneOf(value, where, ['buffered', 'framed'] as const);
        break;
      case 'protocol':
        settings.protocol = requireProtocol(value, where);
        break;
      case 'timeout':
        settings.timeout = requireTimeout(value, where);
        break;
      case 'compat':
        settings.compat = requireCompat(value, where);
        break;
      case 'api':
        settings.api = requireGatewayApi(value, where);
        break;
      // Checked once every source is merged (see `resolveConnectionOptions`), naming this parameter.
      case 'tablePrefix':
        settings.tablePrefix = value;
        settings.tablePrefixArgument = where;
        break;
      case 'tablePrefixSeparator':
        settings.tablePrefixSeparator = value;
        settings.tablePrefixSeparatorArgument = where;
        break;
    }
  }
  return settings;
}

/** `user:password@` as an HTTP Basic `Authorization` value (RFC 7617), or undefined without one. */
function basicAuthorization(url: URL, argument: string): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  let credentials: string;
  try {
    credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    throw new InvalidArgumentError(
      argument,
      `${EXPECTED_URL}, with user and password percent-encoded`,
      new Redacted('malformed percent-encoding in the credentials'),
    );
  }
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/** A URL or a part of one, described without its content. */
function hidden(value: unknown): unknown {
  return typeof value === 'string' ? new Redacted(`a string of ${value.length} characters`) : value;
}
