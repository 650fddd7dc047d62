import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { ResolvedAuth } from '../auth/auth-options';
import type { ProtocolKind } from '../protocol/protocol-kind';

export type { ProtocolKind };

/** How bytes travel to the gateway: a raw socket (buffered or framed) or HTTP POSTs. */
export type TransportKind = 'buffered' | 'framed' | 'http';

/**
 * TLS settings. For `transport: 'http'` this turns HTTP into HTTPS (what HBase's gateway offers in
 * HTTP mode); for socket transports it wraps the socket in TLS (for gateways behind a TLS proxy).
 * Certificates are verified by default.
 */
export interface TlsOptions {
  /** Trusted CA certificate(s), PEM. Defaults to Node's bundled roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate, PEM (for gateways that require one). */
  cert?: string | Buffer;
  /** Client private key, PEM. */
  key?: string | Buffer;
  /** Passphrase of `key`. */
  passphrase?: string;
  /** Verify the server certificate (default `true`). Turn off only for local experiments. */
  rejectUnauthorized?: boolean;
  /** Server name for SNI and certificate checks, when it differs from `host`. */
  servername?: string;
}

/** @internal Everything a channel needs; validated and defaulted by the Connection. */
export interface ChannelOptions {
  host: string;
  port: number;
  timeout: number;
  transport: TransportKind;
  protocol: ProtocolKind;
  tls: TlsOptions | undefined;
  httpPath: string;
  httpHeaders: Record<string, string>;
  /** The largest frame sent with the framed transport (its 4-byte length excluded); default none. */
  maxFrameSize?: number;
  /** Kerberos authentication (SASL GSSAPI on a socket, SPNEGO over HTTP); none when undefined. */
  auth?: ResolvedAuth | undefined;
}

/** @internal Converts our TLS options to Node's. */
export function nodeTlsOptions(host: string, tls: TlsOptions): TlsConnectionOptions {
  // Own properties only: with a polluted Object.prototype, an inherited `rejectUnauthorized:
  // false` would otherwise turn certificate checks off.
  const own = <K extends keyof TlsOptions>(key: K): TlsOptions[K] =>
    Object.hasOwn(tls, key) ? tls[key] : undefined;
  return {
    ca: own('ca'),
    cert: own('cert'),
    key: own('key'),
    passphrase: own('passphrase'),
    rejectUnauthorized: own('rejectUnauthorized') ?? true,
    servername: own('servername') ?? (isIpAddress(host) ? undefined : host),
  };
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
