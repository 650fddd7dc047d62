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
 * SPNEGO (`Authorization: Negotiate`) on a gateway in HTTP mode. It needs the optional `kerberos`
 * package (`npm i kerberos`, which builds against the system's Kerberos headers: Debian/Ubuntu
 * `libkrb5-dev`, RHEL `krb5-devel`).
 *
 * The ticket comes from the credential cache (`kinit`, `KRB5CCNAME`) or from a client keytab;
 * every handshake (each new socket; each HTTP request) takes a fresh one from there, so renewed
 * tickets are picked up by long-lived and pooled connections.
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
   * A client keytab to take tickets from (MIT Kerberos's `KRB5_CLIENT_KTNAME`, which this sets).
   * That setting is process-wide: one process may use one client keytab only, and a second,
   * different one is rejected with an `InvalidArgumentError`.
   */
  keytab?: string;
  /**
   * The quality of protection a socket gateway must offer (default `'auth'`); the handshake fails
   * with an `AuthenticationError` (`qop-mismatch`) when it does not. `auth-int` and `auth-conf`
   * also need the optional package `koffi` (frames are wrapped by the system's libgssapi through
   * it). Not for HTTP gateways (use TLS).
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
  'qop',
  'doAs',
  'handshakeTimeout',
] as const;
const QOPS: readonly SaslQop[] = ['auth', 'auth-int', 'auth-conf'];
/** A principal component: no separators, whitespace or control characters. */
const NAME_PART = /^[^\s/@\\\0]+$/;
/** A principal (`user`, `user@REALM`, `svc/host@REALM`). */
const PRINCIPAL = /^[^\s@\\\0]+(@[^\s@\\\0]+)?$/;
/** The client keytab this process claimed (`KRB5_CLIENT_KTNAME` is read process-wide). */
let claimedKeytab: string | undefined;

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
    if (!/^[^\s\0]+$/.test(doAs) || /[\r\n]/.test(doAs)) {
      throw new InvalidArgumentError(`${argument}.doAs`, 'a user name without whitespace', doAs);
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
  if (o.keytab !== undefined) claimKeytab(requireString(o.keytab, `${argument}.keytab`), argument);
  return {
    mechanism: 'kerberos',
    service,
    hostname,
    principal,
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

/**
 * Points MIT Kerberos at the client keytab (`KRB5_CLIENT_KTNAME`, read by every later handshake in
 * this process). A different keytab already set, by an earlier connection or the environment,
 * would be silently replaced or ignored: refused instead.
 */
function claimKeytab(keytab: string, argument: string): void {
  if (keytab === '' || /[\0\r\n]/.test(keytab)) {
    throw new InvalidArgumentError(`${argument}.keytab`, 'a keytab path', new Redacted('an invalid path'));
  }
  const current = claimedKeytab ?? process.env.KRB5_CLIENT_KTNAME;
  const normalized = keytab.startsWith('FILE:') ? keytab.slice(5) : keytab;
  const currentNormalized = current?.startsWith('FILE:') ? current.slice(5) : current;
  if (currentNormalized !== undefined && currentNormalized !== '' && currentNormalized !== normalized) {
    throw new InvalidArgumentError(
      `${argument}.keytab`,
      'the client keytab this process already uses (MIT Kerberos reads one, KRB5_CLIENT_KTNAME, ' +
        'for the whole process): run connections with another keytab in another process',
      new Redacted('a different keytab'),
    );
  }
  claimedKeytab = keytab;
  process.env.KRB5_CLIENT_KTNAME = keytab;
}

/** @internal Forgets the claimed keytab (unit tests only). */
export function releaseKeytabForTests(): void {
  claimedKeytab = undefined;
}
