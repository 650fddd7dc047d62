/**
 * @internal The functions of the system's GSS-API library (MIT krb5's `libgssapi_krb5`, or the
 * GSS framework on macOS) that the client calls, bound through the `koffi` FFI package. Handles
 * (names, credentials, contexts) are opaque pointers; `minor` and other out-parameters are
 * one-element arrays koffi writes into; buffers are `{ length, value }` descriptors.
 */
export interface GssLibrary {
  importName(minor: number[], name: GssBuffer, type: GssOid, out: unknown[]): number;
  acquireCred(
    minor: number[],
    name: unknown,
    time: number,
    mechs: null,
    usage: number,
    out: unknown[],
    actualMechs: null,
    timeRec: number[],
  ): number;
  /** MIT's gss_acquire_cred_from (credential cache and client keytab per call); absent elsewhere. */
  acquireCredFrom:
    | ((
        minor: number[],
        name: unknown,
        time: number,
        mechs: null,
        usage: number,
        store: { count: number; elements: Array<{ key: string; value: string }> },
        out: unknown[],
        actualMechs: null,
        timeRec: number[],
      ) => number)
    | undefined;
  initSecContext: AsyncCapable<
    (
      minor: number[],
      cred: unknown,
      context: unknown[],
      target: unknown,
      mech: GssOid,
      flags: number,
      time: number,
      bindings: null,
      input: GssBuffer,
      actualMech: null,
      output: Partial<GssBuffer>,
      retFlags: number[],
      timeRec: number[],
    ) => number
  >;
  wrap(
    minor: number[],
    context: unknown,
    confidential: number,
    qop: number,
    input: GssBuffer,
    confState: number[],
    output: Partial<GssBuffer>,
  ): number;
  unwrap(
    minor: number[],
    context: unknown,
    input: GssBuffer,
    output: Partial<GssBuffer>,
    confState: number[],
    qop: number[],
  ): number;
  wrapSizeLimit(
    minor: number[],
    context: unknown,
    confidential: number,
    qop: number,
    maxOutput: number,
    maxInput: number[],
  ): number;
  displayStatus(
    minor: number[],
    status: number,
    type: number,
    mech: null,
    messageContext: number[],
    out: Partial<GssBuffer>,
  ): number;
  releaseBuffer(minor: number[], buffer: Partial<GssBuffer>): number;
  releaseName(minor: number[], name: unknown[]): number;
  releaseCred(minor: number[], cred: unknown[]): number;
  deleteSecContext(minor: number[], context: unknown[], output: null): number;
  /** Copies `length` bytes at a C pointer into a new Buffer. */
  copyBytes(pointer: unknown, length: number): Buffer;
}

/** @internal A GSS buffer descriptor: a length and a pointer (or a Buffer going in). */
export interface GssBuffer {
  length: number | bigint;
  value: unknown;
}

/** @internal A GSS object identifier: its DER bytes. */
export interface GssOid {
  length: number;
  elements: Buffer;
}

/** @internal A koffi function that can also run on a worker thread (`.async(...args, callback)`). */
export type AsyncCapable<F extends (...args: never[]) => number> = F & {
  async(...args: [...Parameters<F>, (error: unknown, result: number) => void]): void;
};

/** The library's file on each platform koffi and GSS-API run on. */
const LIBRARY_FILES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libgssapi_krb5.so.2', 'libgssapi_krb5.so'],
  darwin: ['/System/Library/Frameworks/GSS.framework/GSS'],
  freebsd: ['libgssapi_krb5.so.2', 'libgssapi.so.10'],
};

/** @internal Why the GSS-API library could not be loaded, with what to install. */
export class GssUnavailableError extends Error {}

let loaded: GssLibrary | undefined;

/**
 * @internal The system's GSS-API library, bound on first use (the package loads without `koffi`).
 * Throws {@link GssUnavailableError} naming what to install when `koffi` or the library is missing.
 */
export function gssLibrary(): GssLibrary {
  loaded ??= bind();
  return loaded;
}

function bind(): GssLibrary {
  // biome-ignore lint/suspicious/noExplicitAny: koffi is an optional peer without types at build time.
  let koffi: any;
  try {
    koffi = require('koffi');
  } catch (error) {
    throw new GssUnavailableError(
      'the optional peer dependency "koffi" is not installed: run npm install koffi (it binds the ' +
        "system's GSS-API library; prebuilt, no compiler needed)",
      { cause: error },
    );
  }
  const files = LIBRARY_FILES[process.platform];
  if (files === undefined)
    throw new GssUnavailableError(
      `Kerberos is not supported on ${process.platform} (no GSS-API library known)`,
    );
  // biome-ignore lint/suspicious/noExplicitAny: koffi's library handle.
  let lib: any;
  const failures: string[] = [];
  for (const file of files) {
    try {
      lib = koffi.load(file);
      break;
    } catch (error) {
      failures.push(String((error as Error).message).split('\n', 1)[0]!);
    }
  }
  if (lib === undefined)
    throw new GssUnavailableError(
      `the system's GSS-API library could not be loaded (${failures.join('; ')}): install MIT ` +
        "Kerberos's client library (Debian/Ubuntu: apt-get install libgssapi-krb5-2; RHEL: krb5-libs)",
    );
  // Anonymous types: koffi's registry of names is process-wide, and this module may be loaded
  // twice in one process (the ESM and CommonJS builds, a test runner's module registries).
  const buffer = koffi.struct({ length: 'size_t', value: 'void *' });
  const oid = koffi.struct({ length: 'uint32_t', elements: 'void *' });
  const element = koffi.struct({ key: 'const char *', value: 'const char *' });
  const store = koffi.struct({
    count: 'uint32_t',
    elements: koffi.pointer(element),
  });
  const bufferIn = koffi.pointer(buffer);
  const bufferOut = koffi.out(koffi.pointer(buffer));
  const u32Out = koffi.out(koffi.pointer('uint32_t'));
  const intOut = koffi.out(koffi.pointer('int'));
  const handleOut = koffi.out(koffi.pointer('void *'));
  const handleInOut = koffi.inout(koffi.pointer('void *'));
  const oidIn = koffi.pointer(oid);
  const u32 = 'uint32_t';
  const ptr = 'void *';
  const fn = (name: string, args: unknown[]) => lib.func(name, u32, args);
  let acquireCredFrom: GssLibrary['acquireCredFrom'];
  try {
    acquireCredFrom = fn('gss_acquire_cred_from', [
      u32Out,
      ptr,
      u32,
      ptr,
      'int',
      koffi.pointer(store),
      handleOut,
      ptr,
      u32Out,
    ]);
  } catch {
    acquireCredFrom = undefined; // not MIT: ccache and keytab options are refused up front
  }
  return {
    importName: fn('gss_import_name', [u32Out, bufferIn, oidIn, handleOut]),
    acquireCred: fn('gss_acquire_cred', [u32Out, ptr, u32, ptr, 'int', handleOut, ptr, u32Out]),
    acquireCredFrom,
    initSecContext: fn('gss_init_sec_context', [
      u32Out,
      ptr,
      handleInOut,
      ptr,
      oidIn,
      u32,
      u32,
      ptr,
      bufferIn,
      ptr,
      bufferOut,
      u32Out,
      u32Out,
    ]),
    wrap: fn('gss_wrap', [u32Out, ptr, 'int', u32, bufferIn, intOut, bufferOut]),
    unwrap: fn('gss_unwrap', [u32Out, ptr, bufferIn, bufferOut, intOut, u32Out]),
    wrapSizeLimit: fn('gss_wrap_size_limit', [u32Out, ptr, 'int', u32, u32, u32Out]),
    displayStatus: fn('gss_display_status', [
      u32Out,
      u32,
      'int',
      ptr,
      koffi.inout(koffi.pointer('uint32_t')),
      bufferOut,
    ]),
    releaseBuffer: fn('gss_release_buffer', [u32Out, bufferIn]),
    releaseName: fn('gss_release_name', [u32Out, handleInOut]),
    releaseCred: fn('gss_release_cred', [u32Out, handleInOut]),
    deleteSecContext: fn('gss_delete_sec_context', [u32Out, handleInOut, ptr]),
    // A copy: the GSS buffer is released right after, and a view would point at freed memory.
    copyBytes: (pointer, length) => Buffer.from(new Uint8Array(koffi.view(pointer, length))),
  };
}
