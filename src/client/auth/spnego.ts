import { AuthenticationError } from '../errors';
import type { ResolvedAuth } from './auth-options';
import { kerberosFailure } from './gss-failure';
import { loadKerberos } from './kerberos-peer';

/**
 * @internal A fresh SPNEGO token (base64) for one HTTP request to a gateway in HTTP mode, for the
 * service principal `HTTP/<host>` by default. A new GSS context each time: the gateway checks
 * every request on its own, and its replay cache refuses a token seen before. Bounded by
 * `timeoutMs` (a KDC that does not answer must not hold the call).
 */
export function spnegoToken(
  auth: ResolvedAuth,
  host: string,
  description: string,
  timeoutMs: number,
): Promise<string> {
  const hostname = auth.hostname ?? host;
  const principalName = `${auth.service ?? 'HTTP'}/${hostname}`;
  const token = (async () => {
    const kerberos = loadKerberos();
    try {
      const client = await kerberos.initializeClient(`${auth.service ?? 'HTTP'}@${hostname}`, {
        ...(auth.principal === undefined ? {} : { principal: auth.principal }),
        gssFlag: kerberos.GSS_C_MUTUAL_FLAG | kerberos.GSS_C_SEQUENCE_FLAG,
        mechOID: kerberos.GSS_MECH_OID_SPNEGO,
      });
      return (await client.step('')) ?? '';
    } catch (error) {
      throw kerberosFailure(`SPNEGO for service principal ${principalName}`, description, error);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AuthenticationError(
            `no SPNEGO token for ${description} within ${timeoutMs} ms (is the KDC reachable?)`,
            'handshake-timeout',
          ),
        ),
      timeoutMs,
    );
  });
  token.catch(() => {});
  return Promise.race([token, late]).finally(() => clearTimeout(timer));
}
