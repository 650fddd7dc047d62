import { type GssLibrary, type GssOid, gssLibrary } from './gss-library';
import { checkStatus, GSS_S_COMPLETE } from './gss-status';

/** DER bytes of an object identifier, as GSS-API takes it. */
const oid = (hex: string): GssOid => {
  const elements = Buffer.from(hex, 'hex');
  return { length: elements.length, elements };
};
/** GSS_C_NT_HOSTBASED_SERVICE: `service@host`. */
const HOST_BASED_SERVICE = oid('2a864886f71201020104');
/** GSS_KRB5_NT_PRINCIPAL_NAME: `user@REALM`. */
const KRB5_PRINCIPAL_NAME = oid('2a864886f71201020201');
/** The mechanisms: Kerberos 5 itself (SASL GSSAPI) or SPNEGO wrapping it (HTTP Negotiate). */
const MECHANISMS = { kerberos: oid('2a864886f712010202'), spnego: oid('2b0601050502') } as const;

const GSS_C_MUTUAL_FLAG = 2;
const GSS_C_SEQUENCE_FLAG = 8;
const GSS_C_CONF_FLAG = 16;
const GSS_C_INTEG_FLAG = 32;
const GSS_C_INITIATE = 1;
/** GSS_S_DUPLICATE_TOKEN | GSS_S_OLD_TOKEN | GSS_S_UNSEQ_TOKEN | GSS_S_GAP_TOKEN. */
const GSS_S_SEQUENCE_PROBLEMS = 0x1e;

/**
 * Steps run on libuv's thread pool (4 threads by default) and may wait seconds on a slow KDC:
 * at most this many at once, so DNS, file and zlib work of the process keep threads.
 */
const MAX_CONCURRENT_STEPS = 2;
let stepsRunning = 0;
const stepsWaiting: Array<() => void> = [];

/** Waits for a step slot; resolves with the function that gives it back. */
function stepSlot(): Promise<() => void> {
  const release = (): void => {
    const next = stepsWaiting.shift();
    if (next) next();
    else stepsRunning--;
  };
  if (stepsRunning < MAX_CONCURRENT_STEPS) {
    stepsRunning++;
    return Promise.resolve(release);
  }
  return new Promise((resolve) => stepsWaiting.push(() => resolve(release)));
}

/** @internal What a client context is for and whose credentials it uses. */
export interface GssContextOptions {
  /** The service's host-based name, `service@host` (e.g. `hbase@gw1.example.com`). */
  target: string;
  /** `kerberos` for SASL GSSAPI, `spnego` for HTTP Negotiate. */
  mechanism: keyof typeof MECHANISMS;
  /** The client principal to act as; default: the credential cache's. */
  principal?: string;
  /** A credential cache (`FILE:/path`, `DIR:/path`, …) instead of the default one. */
  ccache?: string;
  /** A client keytab to get (and renew) tickets from. */
  keytab?: string;
  /** Ask for per-message integrity and confidentiality (SASL auth-int and auth-conf). */
  protection?: boolean;
}

/**
 * @internal One client-side GSS-API security context, on the system's Kerberos library: the
 * token exchange (`step`, on a worker thread: it may ask the KDC for a service ticket), then
 * `wrap`/`unwrap` of messages (synchronous: pure computation on the session key). `dispose()`
 * frees the native handles; a context is used by one connection at a time.
 */
export class GssClientContext {
  readonly #gss: GssLibrary;
  readonly #mechanism: GssOid;
  readonly #flags: number;
  #target: unknown;
  #cred: unknown;
  #context: unknown = null;
  #complete = false;
  #stepping = false;
  #disposed = false;

  private constructor(gss: GssLibrary, options: GssContextOptions, target: unknown, cred: unknown) {
    this.#gss = gss;
    this.#mechanism = MECHANISMS[options.mechanism];
    this.#flags =
      GSS_C_MUTUAL_FLAG | GSS_C_SEQUENCE_FLAG | (options.protection ? GSS_C_INTEG_FLAG | GSS_C_CONF_FLAG : 0);
    this.#target = target;
    this.#cred = cred;
  }

  /**
   * Prepares a context: imports the target name and, when a principal, credential cache or keytab
   * is named, acquires those credentials. Throws a `GssCallError` (e.g. no ticket for the principal)
   * or a `GssUnavailableError`.
   */
  static create(options: GssContextOptions): GssClientContext {
    const gss = gssLibrary();
    const target = importName(gss, options.target, HOST_BASED_SERVICE);
    try {
      return new GssClientContext(gss, options, target, acquireCredentials(gss, options));
    } catch (error) {
      gss.releaseName([0], [target]);
      throw error;
    }
  }

  /** The exchange is over: `wrap` and `unwrap` may be used. */
  get complete(): boolean {
    return this.#complete;
  }

  /**
   * One step of the exchange: takes the peer's token (none on the first step) and gives the token
   * to send back (possibly empty). Runs on a worker thread.
   */
  async step(input?: Buffer): Promise<Buffer> {
    if (this.#disposed || this.#stepping) throw new Error('GSS context is not usable');
    this.#stepping = true;
    const release = await stepSlot();
    try {
      // The caller may have given up (and disposed) while this step waited for a slot.
      if (this.#disposed) throw new Error('GSS context is not usable');
      return await this.#runStep(input);
    } finally {
      release();
      this.#stepping = false;
      if (this.#disposed) this.#free(); // disposed while the step ran: free now
    }
  }

  #runStep(input: Buffer | undefined): Promise<Buffer> {
    const minor = [0];
    const context = [this.#context];
    const granted = [0];
    const output: { length?: number | bigint; value?: unknown } = {};
    const inputBuffer = input?.length ? { length: input.length, value: input } : { length: 0, value: null };
    return new Promise<Buffer>((resolve, reject) => {
      // Throws synchronously when koffi cannot queue the call: the promise rejects, nothing leaks.
      this.#gss.initSecContext.async(
        minor,
        this.#cred,
        context,
        this.#target,
        this.#mechanism,
        this.#flags,
        0,
        null,
        inputBuffer,
        null,
        output,
        granted,
        [0],
        (error, major) => {
          this.#context = context[0];
          const token = this.#take(output);
          if (error) return reject(error);
          try {
            this.#complete =
              checkStatus(this.#gss, 'gss_init_sec_context', major, minor[0]!) === GSS_S_COMPLETE;
            // Protection asked for must have been granted, or wrap would fail (or not protect).
            const needed = this.#flags & (GSS_C_INTEG_FLAG | GSS_C_CONF_FLAG);
            if (this.#complete && (granted[0]! & needed) !== needed)
              throw new Error('the security context grants no integrity or confidentiality protection');
            resolve(token);
          } catch (failure) {
            reject(failure);
          }
        },
      );
    });
  }

  /** `data` as one GSS wrap token: signed, and encrypted when `confidential`. */
  wrap(data: Buffer, confidential: boolean): Buffer {
    const minor = [0];
    const output: { length?: number | bigint; value?: unknown } = {};
    const confState = [0];
    const major = this.#gss.wrap(
      minor,
      this.#context,
      confidential ? 1 : 0,
      0,
      { length: data.length, value: data },
      confState,
      output,
    );
    const token = this.#take(output);
    checkStatus(this.#gss, 'gss_wrap', major, minor[0]!);
    if (confidential && confState[0] !== 1)
      throw new Error('gss_wrap did not encrypt a frame that must be encrypted');
    return token;
  }

  /** The message inside a wrap token from the peer, and whether it came encrypted. */
  unwrap(token: Buffer): { data: Buffer; confidential: boolean } {
    const minor = [0];
    const conf = [0];
    const output: { length?: number | bigint; value?: unknown } = {};
    const major = this.#gss.unwrap(
      minor,
      this.#context,
      { length: token.length, value: token },
      output,
      conf,
      [0],
    );
    const data = this.#take(output);
    checkStatus(this.#gss, 'gss_unwrap', major, minor[0]!);
    // Duplicate, old, out-of-order or missing tokens come back as supplementary bits with data: a
    // replayed or dropped frame must not be taken.
    if ((major & GSS_S_SEQUENCE_PROBLEMS) !== 0)
      throw new Error('a frame arrived replayed, out of order or after a gap');
    return { data, confidential: conf[0] === 1 };
  }

  /** The largest message whose wrap token fits in `maxToken` bytes. */
  maxWrapInput(maxToken: number, confidential: boolean): number {
    const minor = [0];
    const max = [0];
    checkStatus(
      this.#gss,
      'gss_wrap_size_limit',
      this.#gss.wrapSizeLimit(minor, this.#context, confidential ? 1 : 0, 0, maxToken, max),
      minor[0]!,
    );
    return max[0]!;
  }

  /** Frees the native context, name and credentials (later, if a step is still running). Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (!this.#stepping) this.#free();
  }

  #free(): void {
    if (this.#context !== null) this.#gss.deleteSecContext([0], [this.#context], null);
    if (this.#target !== null) this.#gss.releaseName([0], [this.#target]);
    if (this.#cred !== null) this.#gss.releaseCred([0], [this.#cred]);
    this.#context = this.#target = this.#cred = null;
  }

  /** The bytes of a GSS output buffer, copied, and the buffer released. */
  #take(output: { length?: number | bigint; value?: unknown }): Buffer {
    const length = Number(output.length ?? 0);
    if (length === 0 || output.value == null) return Buffer.alloc(0);
    const bytes = this.#gss.copyBytes(output.value, length);
    this.#gss.releaseBuffer([0], output);
    return bytes;
  }
}

function importName(gss: GssLibrary, name: string, type: GssOid): unknown {
  const bytes = Buffer.from(name, 'utf8');
  const minor = [0];
  const out: unknown[] = [null];
  checkStatus(
    gss,
    'gss_import_name',
    gss.importName(minor, { length: bytes.length, value: bytes }, type, out),
    minor[0]!,
  );
  return out[0];
}

/** The credentials named by the options, or null for the library's defaults. */
function acquireCredentials(gss: GssLibrary, options: GssContextOptions): unknown {
  const { principal, ccache, keytab } = options;
  if (principal === undefined && ccache === undefined && keytab === undefined) return null;
  const name = principal === undefined ? null : importName(gss, principal, KRB5_PRINCIPAL_NAME);
  const minor = [0];
  const out: unknown[] = [null];
  try {
    let major: number;
    if (ccache === undefined && keytab === undefined) {
      major = gss.acquireCred(minor, name, 0, null, GSS_C_INITIATE, out, null, [0]);
    } else {
      if (gss.acquireCredFrom === undefined)
        throw new Error('this GSS-API library cannot take a credential cache or keytab per connection');
      // A keytab's tickets go to a cache of this process's own, never over the user's default one.
      const cache = ccache ?? `MEMORY:hbase-mapper-${principal ?? ''}-${keytab ?? ''}`;
      const elements = [
        { key: 'ccache', value: cache },
        ...(keytab === undefined ? [] : [{ key: 'client_keytab', value: keytab }]),
      ];
      major = gss.acquireCredFrom(
        minor,
        name,
        0,
        null,
        GSS_C_INITIATE,
        { count: elements.length, elements },
        out,
        null,
        [0],
      );
    }
    checkStatus(gss, 'gss_acquire_cred', major, minor[0]!);
    return out[0];
  } finally {
    if (name !== null) gss.releaseName([0], [name]);
  }
}
