import type { SaslQop } from './auth-options';
import type { KerberosClientLike } from './kerberos-peer';
import { encodeDataFrame, SaslByteQueue } from './sasl-frames';

/**
 * @internal The data phase of a SASL connection: each message written goes out as length-prefixed
 * frames of at most `maxPayload` bytes each — gss-wrapped for `auth-int` (signed) and `auth-conf`
 * (encrypted) — and the frames read are unwrapped and handed on as one byte stream, in order. The
 * `kerberos` package wraps asynchronously (on libuv's thread pool), so writes and reads each go
 * through a chain that keeps their order.
 */
export class SaslDataLayer {
  readonly #gss: KerberosClientLike | undefined;
  readonly #protect: boolean;
  readonly #maxPayload: number;
  readonly #incoming = new SaslByteQueue();
  #writes: Promise<void> = Promise.resolve();
  #reads: Promise<void> = Promise.resolve();
  #failed = false;
  #write: ((bytes: Buffer) => void) | undefined;
  #deliver: ((bytes: Buffer) => void) | undefined;
  #fail: ((error: unknown) => void) | undefined;

  /**
   * @param gss - the established context; undefined for `auth` (frames travel plain).
   * @param leftover - bytes that arrived right after the handshake.
   */
  constructor(gss: KerberosClientLike | undefined, qop: SaslQop, maxPayload: number, leftover: Buffer) {
    this.#gss = gss;
    this.#protect = qop === 'auth-conf';
    this.#maxPayload = maxPayload;
    this.#incoming.push(leftover);
  }

  /** The negotiated quality of protection's wrapping: none, signed, or encrypted. */
  get wraps(): boolean {
    return this.#gss !== undefined;
  }

  /**
   * Connects the layer: `write` puts frames on the socket, `deliver` takes the plain byte stream,
   * `fail` hears of a frame that cannot be unwrapped or wrapped (the connection is then unusable).
   */
  attach(
    write: (bytes: Buffer) => void,
    deliver: (bytes: Buffer) => void,
    fail: (error: unknown) => void,
  ): void {
    this.#write = write;
    this.#deliver = deliver;
    this.#fail = fail;
    if (this.#incoming.length > 0) this.received(Buffer.alloc(0));
  }

  /** Sends one message, split at the gateway's buffer size, each piece wrapped as the QOP asks. */
  send(message: Buffer): void {
    if (this.#failed) return;
    const pieces: Buffer[] = [];
    for (let at = 0; at < message.length; at += this.#maxPayload) {
      pieces.push(message.subarray(at, Math.min(message.length, at + this.#maxPayload)));
    }
    const gss = this.#gss;
    if (gss === undefined) {
      this.#write!(Buffer.concat(pieces.map(encodeDataFrame)));
      return;
    }
    // Wrapped in order: each wrap starts once the previous one is written.
    const protect = this.#protect;
    this.#writes = this.#writes.then(async () => {
      if (this.#failed) return;
      try {
        const frames: Buffer[] = [];
        for (const piece of pieces) {
          const wrapped = await gss.wrap(piece.toString('base64'), { protect });
          frames.push(encodeDataFrame(Buffer.from(wrapped, 'base64')));
        }
        if (!this.#failed) this.#write!(Buffer.concat(frames));
      } catch (error) {
        this.#failOnce(error);
      }
    });
  }

  /** Takes bytes from the socket; hands on the plain bytes of every complete frame, in order. */
  received(chunk: Buffer): void {
    if (this.#failed) return;
    this.#incoming.push(chunk);
    let frame: Buffer | undefined;
    for (;;) {
      try {
        frame = this.#incoming.nextFrame();
      } catch (error) {
        this.#failOnce(error);
        return;
      }
      if (frame === undefined) return;
      const gss = this.#gss;
      if (gss === undefined) {
        this.#deliver!(frame);
        continue;
      }
      const wrapped = frame.toString('base64');
      this.#reads = this.#reads.then(async () => {
        if (this.#failed) return;
        try {
          const plain = await gss.unwrap(wrapped);
          if (!this.#failed && plain) this.#deliver!(Buffer.from(plain, 'base64'));
        } catch (error) {
          this.#failOnce(error);
        }
      });
    }
  }

  /** Stops the layer: nothing more is written or delivered. */
  stop(): void {
    this.#failed = true;
    this.#gss?.dispose?.();
  }

  #failOnce(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#fail?.(error);
    this.#gss?.dispose?.();
  }
}
