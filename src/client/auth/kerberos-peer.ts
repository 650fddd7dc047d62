import { AuthenticationError } from '../errors';

/** @internal What the client uses of the `kerberos` package (typed here: no typings needed). */
export interface KerberosModule {
  initializeClient(
    service: string,
    options?: { principal?: string; gssFlag?: number; mechOID?: number },
  ): Promise<KerberosClientLike>;
  GSS_C_MUTUAL_FLAG: number;
  GSS_C_SEQUENCE_FLAG: number;
  GSS_C_INTEG_FLAG: number;
  GSS_C_CONF_FLAG: number;
  GSS_MECH_OID_KRB5: number;
  GSS_MECH_OID_SPNEGO: number;
}

/** @internal One GSS security context of the `kerberos` package (base64 strings in and out). */
export interface KerberosClientLike {
  contextComplete: boolean;
  step(challenge: string): Promise<string | null>;
  wrap(data: string, options?: { protect?: boolean }): Promise<string>;
  unwrap(data: string): Promise<string | null>;
  /** Frees the native context at once, when the binding allows (else the garbage collector does). */
  dispose?(): void;
}

/** What to install, said by every error about a missing `kerberos`. */
export const INSTALL_HINT =
  'install the optional peer dependency "kerberos" (npm i kerberos), which builds against the ' +
  "system's Kerberos headers (Debian/Ubuntu: apt-get install libkrb5-dev; RHEL: krb5-devel)";

let loaded: KerberosModule | undefined;

/**
 * @internal The `kerberos` package, loaded on first use with `require` (the library loads without
 * it); rejects with an {@link AuthenticationError} (`kerberos-unavailable`) saying what to install
 * when it is missing or its native part cannot load.
 */
export function loadKerberos(): KerberosModule {
  if (loaded !== undefined) return loaded;
  try {
    loaded = require('kerberos') as KerberosModule;
    return loaded;
  } catch (error) {
    const missing = (error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND';
    const detail = missing
      ? 'the package "kerberos" is not installed'
      : `"kerberos" failed to load (${firstLine(error)})`;
    throw new AuthenticationError(
      `Kerberos authentication needs the kerberos package: ${detail}; ${INSTALL_HINT}`,
      'kerberos-unavailable',
      {
        cause: error,
      },
    );
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n', 1)[0]!
    .slice(0, 200);
}
