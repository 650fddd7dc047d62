import { AuthenticationError, type AuthenticationFailure } from '../errors';

/**
 * The Kerberos texts (MIT krb5 and GSS-API messages, the gateway's Java ones) that tell a cause
 * apart, first match wins. Matched case-insensitively on the whole message.
 */
const PATTERNS: ReadonlyArray<[RegExp, AuthenticationFailure]> = [
  [/clock skew|KRB_AP_ERR_SKEW/i, 'clock-skew'],
  [
    /ticket expired|credentials? (have|has) expired|KRB_AP_ERR_TKT_EXPIRED|KDC_ERR_TGT_REVOKED/i,
    'expired-ticket',
  ],
  [
    /server not found in kerberos database|KDC_ERR_S_PRINCIPAL_UNKNOWN|server .* not found|unknown server/i,
    'unknown-service-principal',
  ],
  [
    /no kerberos credentials|no credentials (were supplied|cache)|credentials cache .*not found|No such file or directory.*cache|KDC_ERR_C_PRINCIPAL_UNKNOWN|client .* not found in kerberos database|can't find client principal|keytab .* (not found|no suitable)|No key table entry found/i,
    'no-ticket',
  ],
];

/** @internal The failure a Kerberos or GSS message describes (`other` when none is recognised). */
export function classifyKerberosMessage(message: string): AuthenticationFailure {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(message)) return reason;
  return 'other';
}

/** What each classified failure usually means, for the message. */
const ADVICE: Partial<Record<AuthenticationFailure, string>> = {
  'no-ticket': 'no credentials for the client principal: run kinit, or give auth.keytab / KRB5CCNAME',
  'expired-ticket': 'the ticket has expired: kinit again (or renew it), or use a keytab',
  'clock-skew': "the client's clock differs too much from the KDC's or the gateway's: synchronise the clocks",
  'unknown-service-principal':
    'the KDC has no such service principal: check auth.service and auth.hostname against the gateway principal',
};

/**
 * @internal The {@link AuthenticationError} for a failure of a GSS-API call during `what` (its
 * message is the library's texts for the major and minor status, which carry no secret).
 */
export function kerberosFailure(what: string, gateway: string, error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  const text = String((error as Error)?.message ?? error).slice(0, 500);
  const reason = classifyKerberosMessage(text);
  const advice = ADVICE[reason];
  return new AuthenticationError(
    `Kerberos authentication with ${gateway} failed (${what}): ${text}${advice ? ` — ${advice}` : ''}`,
    reason,
    { cause: error },
  );
}
