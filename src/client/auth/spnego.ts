import { AuthenticationError } from '../errors';
import type { ResolvedAuth } from './auth-options';
import { kerberosFailure } from './gss-failure';
import { openGssContext } from './open-context';

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
  const service = auth.service ?? 'HTTP';
  const token = (async () => {
    const context = openGssContext(auth, service, hostname, 'spnego', description);
    try {
      return (await context.step()).toString('base64');
    } catch (error) {
      throw kerberosFailure(`SPNEGO for service principal ${principalName}`, description, error);
    } finally {
      context.dispose();
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
