import { AuthenticationError } from '../errors';
import type { KerberosClientLike } from './kerberos-peer';

/**
 * A GSS-API (MIT libgssapi_krb5) security context called through the optional peer `koffi` (a C
 * FFI with prebuilt binaries): what `auth-int` and `auth-conf` need and the `kerberos` package
 * cannot give, a gss_wrap of arbitrary data. Context establishment runs on a worker thread (it may
 * ask the KDC); wrap and unwrap are local computations, called synchronously.
 */

/** The slice of koffi used here (typed here: no typings needed). */
interface Koffi {
  load(path: string): { func(signature: string): KoffiFunction };
  struct(name: string, fields: Record<string, string>): unknown;
  view(pointer: unknown, length: number): ArrayBuffer;
}
type KoffiFunction = ((...args: unknown[]) => number) & {
  async(...args: unknown[]): void;
};

interface GssBuffer {
  length?: number | bigint;
  value?: unknown;
}

interface Gss {
  importName: KoffiFunction;
  acquireCred: KoffiFunction;
  initSecContext: KoffiFunction;
  wrap: KoffiFunction;
  unwrap: KoffiFunction;
  releaseBuffer: KoffiFunction;
  displayStatus: KoffiFunction;
  releaseName: KoffiFunction;
  releaseCred: KoffiFunction;
  deleteContext: KoffiFunction;
  view: Koffi['view'];
}

const oid = (bytes: number[]) => ({ length: bytes.length, elements: Buffer.from(bytes) });
/** GSS_C_NT_HOSTBASED_SERVICE, 1.2.840.113554.1.2.1.4 (`service@host`). */
const HOSTBASED_SERVICE = oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x01, 0x04]);
/** GSS_C_NT_USER_NAME, 1.2.840.113554.1.2.1.1 (`user@REALM`). */
const USER_NAME = oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x01, 0x01]);
/** The Kerberos 5 mechanism, 1.2.840.113554.1.2.2 (SASL GSSAPI is raw krb5, not SPNEGO). */
const KRB5_MECH = oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]);
const GSS_C_INITIATE = 1;
const GSS_C_GSS_CODE = 1;
const GSS_C_MECH_CODE = 2;

let loaded: Gss | undefined;

/** @internal libgssapi through koffi; an AuthenticationError saying what to install when missing. */
function gss(): Gss {
  if (loaded) return loaded;
  let koffi: Koffi;
  try {
    koffi = require('koffi') as Koffi;
  } catch (error) {
    throw new AuthenticationError(
      "auth.qop 'auth-int' and 'auth-conf' need every frame gss-wrapped, which the kerberos package " +
        'cannot do: install the optional peer dependency "koffi" (npm i koffi), through which the ' +
        "client calls the system's libgssapi_krb5 (Debian/Ubuntu: libgssapi-krb5-2)",
      'qop-unsupported',
      { cause: error },
    );
  }
  const lib = koffi.load('libgssapi_krb5.so.2');
  koffi.struct('gss_buffer_desc', { length: 'size_t', value: 'void *' });
  koffi.struct('gss_OID_desc', { length: 'uint32_t', elements: 'void *' });
  loaded = {
    importName: lib.func(
      'uint32_t gss_import_name(_Out_ uint32_t *minor, gss_buffer_desc *name, gss_OID_desc *type, _Out_ void **out)',
    ),
    acquireCred: lib.func(
      'uint32_t gss_acquire_cred(_Out_ uint32_t *minor, void *name, uint32_t time, void *mechs, int usage, _Out_ void **cred, void *actual, void *timeRec)',
    ),
    initSecContext: lib.func(
      'uint32_t gss_init_sec_context(_Out_ uint32_t *minor, void *cred, _Inout_ void **ctx, void *target, gss_OID_desc *mech, uint32_t flags, uint32_t time, void *bindings, gss_buffer_desc *input, void *actualMech, _Out_ gss_buffer_desc *output, _Out_ uint32_t *retFlags, void *timeRec)',
    ),
    wrap: lib.func(
      'uint32_t gss_wrap(_Out_ uint32_t *minor, void *ctx, int conf, uint32_t qop, gss_buffer_desc *input, _Out_ int *confState, _Out_ gss_buffer_desc *output)',
    ),
    unwrap: lib.func(
      'uint32_t gss_unwrap(_Out_ uint32_t *minor, void *ctx, gss_buffer_desc *input, _Out_ gss_buffer_desc *output, _Out_ int *confState, _Out_ uint32_t *qop)',
    ),
    releaseBuffer: lib.func('uint32_t gss_release_buffer(_Out_ uint32_t *minor, gss_buffer_desc *buffer)'),
    displayStatus: lib.func(
      'uint32_t gss_display_status(_Out_ uint32_t *minor, uint32_t status, int type, void *mech, _Inout_ uint32_t *ctx, _Out_ gss_buffer_desc *out)',
    ),
    releaseName: lib.func('uint32_t gss_release_name(_Out_ uint32_t *minor, _Inout_ void **name)'),
    releaseCred: lib.func('uint32_t gss_release_cred(_Out_ uint32_t *minor, _Inout_ void **cred)'),
    deleteContext: lib.func(
      'uint32_t gss_delete_sec_context(_Out_ uint32_t *minor, _Inout_ void **ctx, void *out)',
    ),
    view: koffi.view,
  };
  return loaded;
}

const isError = (major: number): boolean => (major & 0xffff0000) !== 0;

/** Copies a GSS output buffer into a Buffer and frees it. */
function take(g: Gss, buffer: GssBuffer): Buffer {
  const length = Number(buffer.length ?? 0);
  const bytes = length > 0 ? Buffer.from(g.view(buffer.value, length).slice(0)) : Buffer.alloc(0);
  if (length > 0) g.releaseBuffer([0], buffer);
  return bytes;
}

/** The GSS major and minor status texts, as the kerberos package words them. */
function statusText(g: Gss, major: number, minor: number): string {
  const parts: string[] = [];
  for (const [code, type] of [
    [major, GSS_C_GSS_CODE],
    [minor, GSS_C_MECH_CODE],
  ] as const) {
    const context = [0];
    for (let i = 0; i < 8; i++) {
      const out: GssBuffer = {};
      if (isError(g.displayStatus([0], code, type, null, context, out))) break;
      parts.push(take(g, out).toString('utf8'));
      if (context[0] === 0) break;
    }
  }
  return parts.join(': ');
}

const input = (bytes: Buffer) => ({ length: bytes.length, value: bytes.length > 0 ? bytes : null });

/**
 * @internal A client context for `service@host` with GSS `flags`, the credentials of `principal`
 * (default: the cache's). Same shape as the kerberos package's client (base64 in and out).
 */
export function ffiGssClient(
  service: string,
  principal: string | undefined,
  flags: number,
): KerberosClientLike {
  const g = gss();
  const minor = [0];
  const target = [null as unknown];
  const name = Buffer.from(service, 'utf8');
  let major = g.importName(minor, input(name), HOSTBASED_SERVICE, target);
  if (isError(major)) throw new Error(statusText(g, major, minor[0]!));
  const credential = [null as unknown];
  if (principal !== undefined) {
    const user = [null as unknown];
    major = g.importName(minor, input(Buffer.from(principal, 'utf8')), USER_NAME, user);
    if (isError(major)) throw new Error(statusText(g, major, minor[0]!));
    major = g.acquireCred(minor, user[0], 0, null, GSS_C_INITIATE, credential, null, null);
    g.releaseName([0], user);
    if (isError(major)) throw new Error(statusText(g, major, minor[0]!));
  }
  const context = [null as unknown];
  let disposed = false;
  const client: KerberosClientLike = {
    // Called once the connection is gone (no wrap or unwrap can follow: the data layer stopped).
    dispose: () => {
      if (disposed) return;
      disposed = true;
      if (context[0]) g.deleteContext([0], context, null);
      if (target[0]) g.releaseName([0], target);
      if (credential[0]) g.releaseCred([0], credential);
    },
    contextComplete: false,
    step: (challenge) =>
      new Promise<string>((resolve, reject) => {
        const token = Buffer.from(challenge, 'base64');
        const stepMinor = [0];
        const out: GssBuffer = {};
        g.initSecContext.async(
          stepMinor,
          credential[0],
          context,
          target[0],
          KRB5_MECH,
          flags,
          0,
          null,
          input(token),
          null,
          out,
          [0],
          null,
          (error: unknown, stepMajor: number) => {
            if (error) return reject(error);
            if (isError(stepMajor)) return reject(new Error(statusText(g, stepMajor, stepMinor[0]!)));
            client.contextComplete = stepMajor === 0;
            resolve(take(g, out).toString('base64'));
          },
        );
      }),
    wrap: async (data, options) => {
      const out: GssBuffer = {};
      const wrapMinor = [0];
      const wrapMajor = g.wrap(
        wrapMinor,
        context[0],
        options?.protect ? 1 : 0,
        0,
        input(Buffer.from(data, 'base64')),
        [0],
        out,
      );
      if (isError(wrapMajor)) throw new Error(statusText(g, wrapMajor, wrapMinor[0]!));
      return take(g, out).toString('base64');
    },
    unwrap: async (data) => {
      const out: GssBuffer = {};
      const unwrapMinor = [0];
      const unwrapMajor = g.unwrap(
        unwrapMinor,
        context[0],
        input(Buffer.from(data, 'base64')),
        out,
        [0],
        [0],
      );
      if (isError(unwrapMajor)) throw new Error(statusText(g, unwrapMajor, unwrapMinor[0]!));
      return take(g, out).toString('base64');
    },
  };
  return client;
}
