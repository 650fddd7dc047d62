import { InvalidArgumentError } from '../errors';
import { Redacted } from '../errors/describe-value';
import { optionalInteger, requireOneOf, requireOptions, requireString } from '../validate';

/**
 * SASL quality of protection on a socket gateway (`hbase.thrift.security.qop`): `auth`
 * authenticates only, `auth-int` also signs every frame, `auth-conf` also encrypts it.
 */
export type SaslQop = 'auth' | 'auth-int' | 'auth-conf';

/**
 * Kerberos authentication with the gateway: SASL GSSAPI on a socket gateway (buffered transport),
 * SPNEGO (`Authorization: Negotiate`) on a gateway in HTTP mode. It runs on the system's GSS-API
 * library (MIT Kerberos: Debian/Ubuntu `libgssapi-krb5-2`, RHEL `krb5-libs`; macOS's GSS
 * framework) through the optional peer dependency `koffi` (`npm i koffi`: prebuilt, no compiler).
 *
 * The ticket comes from the credential cache (`kinit`, `KRB5CCNAME`, or `ccache`) or from a client
 * keytab; every handshake (each new socket; each HTTP request) takes a fresh one from there, so
 * renewed tickets are picked up by long-lived and pooled connections.
 */
export interface KerberosAuthOptions {
  /** The only mechanism: `'kerberos'`. */
  mechanism: 'kerberos';
  /**
   * The service part of the gateway's principal `service/hostname@REALM`: the short name of
   * `hbase.thrift.kerberos.principal` for a socket gateway (default `'hbase'`), of
   * `hbase.thrift.spnego.principal` for an HTTP one (default `'HTTP'`).
   */
  service?: string;
  /** The host part of the gateway's principal (default: the host connected to). */
  hostname?: string;
  /**
   * The client principal, e.g. `alice@EXAMPLE.COM`: its credentials are picked from the credential
   * cache collection or the client keytab. Default: the cache's default principal.
   */
  principal?: string;
  /**
   * A client keytab to take tickets from (and to renew them from when they expire), for this
   * connection only; the tickets are kept in memory, never written over the user's credential
   * cache. Needs MIT Kerberos (`gss_acquire_cred_from`).
   */
  keytab?: string;
  /**
   * The credential cache to use instead of the default one (`KRB5CCNAME`), e.g.
   * `FILE:/tmp/krb5cc_app` or `DIR:/run/user/1000/krb5cc`, for this connection only. Needs MIT
   * Kerberos.
   */
  ccache?: string;
  /**
   * The quality of protection a socket gateway must offer (default `'auth'`); the handshake fails
   * with an `AuthenticationError` (`qop-mismatch`) when it does not. Not for HTTP gateways (use TLS).
   */
  qop?: SaslQop;
  /**
   * HTTP gateways only: act as this user (the `doAs` header; the gateway needs
   * `hbase.thrift.support.proxyuser=true` and the client principal allowed by `hadoop.proxyuser.*`).
   */
  doAs?: string;
  /** Milliseconds the Kerberos handshake may take (default: the connection's `timeout`). */
  handshakeTimeout?: number;
}

/** Authentication with the gateway (the `auth` connection option). */
export type AuthOptions = KerberosAuthOptions;

/** @internal The `auth` option validated; defaults that depend on the gateway are applied later. */
export interface ResolvedAuth {
  mechanism: 'kerberos';
  service: string | undefined;
  hostname: string | undefined;
  principal: string | undefined;
  keytab: string | undefined;
  ccache: string | undefined;
  qop: SaslQop;
  doAs: string | undefined;
  handshakeTimeout: number | undefined;
}

const AUTH_OPTION_NAMES = [
  'mechanism',
  'service',
  'hostname',
  'principal',
  'keytab',
  'ccache',
  'qop',
  'doAs',
  'handshakeTimeout',
] as const;
const QOPS: readonly SaslQop[] = ['auth', 'auth-int', 'auth-conf'];
/** A principal component: no separators, whitespace or control characters. */
const NAME_PART = /^[^\s/@\\\0]+$/;
/** A principal (`user`, `user@REALM`, `svc/host@REALM`). */
const PRINCIPAL = /^[^\s@\\\0]+(@[^\s@\\\0]+)?$/;

/**
 * @internal Validates the `auth` option (`argument` names it in errors) against the transport:
 * SASL does not run over the framed transport (the gateway's SASL server is not framed), `doAs`
 * needs HTTP and `qop` other than `auth` a socket.
 */
export function resolveAuth(value: unknown, argument: string, transport: string): ResolvedAuth {
  const o = requireOptions(value, argument, AUTH_OPTION_NAMES);
  requireOneOf(o.mechanism, `${argument}.mechanism`, ['kerberos'] as const);
  const service = optionalPart(o.service, `${argument}.service`);
  const hostname = optionalPart(o.hostname, `${argument}.hostname`);
  let principal: string | undefined;
  if (o.principal !== undefined) {
    principal = requireString(o.principal, `${argument}.principal`);
    if (!PRINCIPAL.test(principal)) {
      throw new InvalidArgumentError(`${argument}.principal`, 'a principal like user@REALM', principal);
    }
  }
  const qop = o.qop === undefined ? 'auth' : requireOneOf(o.qop, `${argument}.qop`, QOPS);
  let doAs: string | undefined;
  if (o.doAs !== undefined) {
    doAs = requireString(o.doAs, `${argument}.doAs`);
    // What an HTTP header value may carry (Node refuses anything else at send time), minus spaces.
    if (!/^[\x21-\x7e\x80-\xff]+$/.test(doAs)) {
      throw new InvalidArgumentError(
        `${argument}.doAs`,
        'a user name of visible Latin-1 characters, without whitespace',
        new Redacted('a user name'),
      );
    }
  }
  if (transport === 'framed') {
    throw new InvalidArgumentError(
      argument,
      "transport 'buffered' or 'http' (a gateway with SASL, hbase.thrift.security.qop, is never framed)",
      new Redacted("transport 'framed'"),
    );
  }
  if (transport === 'http' && o.qop !== undefined && qop !== 'auth') {
    throw new InvalidArgumentError(
      `${argument}.qop`,
      "'auth' or none with transport 'http' (an HTTP gateway protects data with TLS: tls: true)",
      qop,
    );
  }
  if (transport !== 'http' && doAs !== undefined) {
    throw new InvalidArgumentError(
      `${argument}.doAs`,
      "no doAs with a socket gateway (impersonation is an HTTP gateway's doAs header): use transport 'http'",
      new Redacted('a user name'),
    );
  }
  return {
    mechanism: 'kerberos',
    service,
    hostname,
    principal,
    keytab: optionalPath(o.keytab, `${argument}.keytab`, 'a keytab path'),
    ccache: optionalPath(o.ccache, `${argument}.ccache`, 'a credential cache name like FILE:/path'),
    qop,
    doAs,
    handshakeTimeout: optionalInteger(o.handshakeTimeout, `${argument}.handshakeTimeout`, 1, 2 ** 31 - 1),
  };
}

function optionalPart(value: unknown, argument: string): string | undefined {
  if (value === undefined) return undefined;
  const text = requireString(value, argument);
  if (!NAME_PART.test(text))
    throw new InvalidArgumentError(argument, 'a name without "/", "@" or spaces', text);
  return text;
}

/** A file name or credential cache name: not empty, no NUL or line breaks. */
function optionalPath(value: unknown, argument: string, expected: string): string | undefined {
  if (value === undefined) return undefined;
  const text = requireString(value, argument);
  if (text === '' || /[\0\r\n]/.test(text))
    throw new InvalidArgumentError(argument, expected, new Redacted('an invalid name'));
  return text;
}
