import { InvalidArgumentError } from './errors';
import type { ProtocolKind, TlsOptions, TransportKind } from './transport/channel-options';
import { requireIntegerLike, requireOneOf, requireString } from './validate';

/** HBase versions whose Thrift1 feature set the client can restrict itself to, as HappyBase does. */
export type Compat = '0.90' | '0.92' | '0.94' | '0.96' | '0.98';

/**
 * Which Thrift API the gateway speaks: `auto` asks the gateway (`getThriftServerType`, once per
 * socket), `thrift1` (service `Hbase`) and `thrift2` (service `THBaseService`) declare it.
 */
export type GatewayApi = 'auto' | GatewayKind;

/** The Thrift API a gateway speaks: Thrift1 (service `Hbase`) or Thrift2 (service `THBaseService`). */
export type GatewayKind = 'thrift1' | 'thrift2';

/**
 * @internal The connection settings one source gives (explicit options, a URL, the environment),
 * validated; a setting the source does not give is absent. Sources are merged key by key, the
 * more explicit one winning (see `resolveConnectionOptions`).
 */
export interface ConnectionSettings {
  host?: string;
  port?: number;
  timeout?: number;
  transport?: TransportKind;
  protocol?: ProtocolKind;
  /** `false`: no TLS, even if a less explicit source asked for it. */
  tls?: TlsOptions | false;
  httpPath?: string;
  httpHeaders?: Record<string, string>;
  tablePrefix?: string;
  tablePrefixSeparator?: string;
  /** What gave `tablePrefix` (`options.tablePrefix`, `HBASE_TABLE_PREFIX`, ...): errors name it. */
  tablePrefixArgument?: string;
  /** What gave `tablePrefixSeparator`: errors name it. */
  tablePrefixSeparatorArgument?: string;
  compat?: Compat;
  api?: GatewayApi;
}

export const COMPAT_LEVELS: readonly Compat[] = ['0.90', '0.92', '0.94', '0.96', '0.98'];
export const GATEWAY_APIS: readonly GatewayApi[] = ['auto', 'thrift1', 'thrift2'];
export const TRANSPORTS: readonly TransportKind[] = ['buffered', 'framed', 'http'];
export const PROTOCOLS: readonly ProtocolKind[] = ['binary', 'compact'];
/** setTimeout cannot wait longer than this. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** @internal A host name or address; IPv6 addresses may come in URL brackets (`[::1]`). */
export function requireHost(value: unknown, argument: string): string {
  const host = requireString(value, argument);
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.length === 0 || /[\s/?#@]/.test(bare)) {
    throw new InvalidArgumentError(argument, 'a host name or address', host);
  }
  return bare;
}

/** @internal A TCP port, as a number or a string of digits. */
export function requirePort(value: unknown, argument: string): number {
  return requireIntegerLike(value, argument, 1, 65535);
}

/** @internal A timeout in milliseconds, as a number or a string of digits. */
export function requireTimeout(value: unknown, argument: string): number {
  return requireIntegerLike(value, argument, 1, MAX_TIMEOUT_MS);
}

/** @internal `buffered`, `framed` or `http`. */
export function requireTransport(value: unknown, argument: string): TransportKind {
  return requireOneOf(value, argument, TRANSPORTS);
}

/** @internal `binary` or `compact`. */
export function requireProtocol(value: unknown, argument: string): ProtocolKind {
  return requireOneOf(value, argument, PROTOCOLS);
}

/** @internal One of the compat levels. */
export function requireCompat(value: unknown, argument: string): Compat {
  return requireOneOf(value, argument, COMPAT_LEVELS);
}

/** @internal `auto`, `thrift1` or `thrift2`. */
export function requireGatewayApi(value: unknown, argument: string): GatewayApi {
  return requireOneOf(value, argument, GATEWAY_APIS);
}

/** @internal The settings that are set, without the absent ones (so that a spread does not erase). */
export function definedSettings(settings: ConnectionSettings): ConnectionSettings {
  const defined: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) defined[key] = value;
  return defined as ConnectionSettings;
}
