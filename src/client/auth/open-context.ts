import { AuthenticationError } from '../errors';
import type { ResolvedAuth } from './auth-options';
import { GssClientContext } from './gss/gss-context';
import { GssUnavailableError, gssLibrary } from './gss/gss-library';
import { kerberosFailure } from './gss-failure';

/**
 * @internal Throws the `kerberos-unavailable` {@link AuthenticationError} (what to install) when
 * `koffi` or the system's GSS-API library is missing: checked before connecting at all.
 */
export function requireGss(): void {
  try {
    gssLibrary();
  } catch (error) {
    throw unavailable(error);
  }
}

function unavailable(error: unknown): unknown {
  if (!(error instanceof GssUnavailableError)) return error;
  return new AuthenticationError(
    `Kerberos authentication is unavailable: ${error.message}`,
    'kerberos-unavailable',
    {
      cause: error,
    },
  );
}

/**
 * @internal A fresh GSS-API context for one handshake with a gateway: `service@host` as the
 * target, the client credentials the `auth` option names. Failures are {@link AuthenticationError}s:
 * `kerberos-unavailable` when `koffi` or the system's GSS-API library is missing, otherwise the
 * classified Kerberos failure (e.g. no ticket for the principal).
 */
export function openGssContext(
  auth: ResolvedAuth,
  service: string,
  hostname: string,
  mechanism: 'kerberos' | 'spnego',
  description: string,
): GssClientContext {
  try {
    return GssClientContext.create({
      target: `${service}@${hostname}`,
      mechanism,
      protection: auth.qop !== 'auth',
      ...(auth.principal === undefined ? {} : { principal: auth.principal }),
      ...(auth.ccache === undefined ? {} : { ccache: auth.ccache }),
      ...(auth.keytab === undefined ? {} : { keytab: auth.keytab }),
    });
  } catch (error) {
    if (error instanceof GssUnavailableError) throw unavailable(error);
    throw kerberosFailure(`the client credentials for ${service}/${hostname}`, description, error);
  }
}
