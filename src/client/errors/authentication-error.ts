import { HBaseError } from './hbase-error';

/**
 * Why a Kerberos authentication failed, as {@link AuthenticationError.reason} says:
 *
 * - `kerberos-unavailable`: the optional `kerberos` package (or the system's Kerberos libraries)
 *   is not installed.
 * - `no-ticket`: no credentials for the client principal (no `kinit`, no keytab entry).
 * - `expired-ticket`: the ticket in the credential cache has expired (`kinit` again).
 * - `clock-skew`: the client's clock and the KDC's (or the gateway's) differ too much.
 * - `unknown-service-principal`: the KDC knows no principal `service/hostname` (check `service`
 *   and `hostname`, and reverse DNS).
 * - `qop-mismatch`: the socket gateway offers none of the requested quality of protection.
 * - `qop-unsupported`: `auth-int` / `auth-conf` need the optional package `koffi` (the client
 *   calls the system's libgssapi through it to wrap frames; `kerberos` cannot wrap data).
 * - `rejected`: the gateway refused the authentication (wrong keytab on its side, an impersonation
 *   it does not allow, a SPNEGO token it refused).
 * - `handshake-timeout`: the gateway did not finish the SASL handshake in time (often: a gateway
 *   without SASL, i.e. without `hbase.thrift.security.qop`).
 * - `protocol`: the gateway answered the handshake with something that is not SASL.
 * - `other`: any other Kerberos failure; the message carries the Kerberos text.
 */
export type AuthenticationFailure =
  | 'kerberos-unavailable'
  | 'no-ticket'
  | 'expired-ticket'
  | 'clock-skew'
  | 'unknown-service-principal'
  | 'qop-mismatch'
  | 'qop-unsupported'
  | 'rejected'
  | 'handshake-timeout'
  | 'protocol'
  | 'other';

/**
 * A Kerberos authentication with the gateway failed (SASL GSSAPI on a socket gateway, SPNEGO on
 * an HTTP one). `reason` classifies the failure; the message carries the Kerberos library's or the
 * gateway's text, never a token or keytab contents.
 *
 * It is not a transport failure: the `retry` policy and failover never repeat it (an expired ticket
 * does not renew itself), and it is raised as soon as the failure is known — the handshake is
 * bounded by `auth.handshakeTimeout`.
 */
export class AuthenticationError extends HBaseError {
  /** What failed, e.g. `expired-ticket` (see {@link AuthenticationFailure}). */
  readonly reason: AuthenticationFailure;

  /**
   * @param message - what failed, with the Kerberos text.
   * @param reason - the classified cause.
   * @param options - `cause`: the underlying error.
   */
  constructor(message: string, reason: AuthenticationFailure, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
