import type { GssClientContext } from './gss/gss-context';
import { encodeDataFrame, SaslByteQueue } from './sasl-frames';

/** @internal What the data layer uses of an established GSS context. */
export type FrameWrapper = Pick<GssClientContext, 'wrap' | 'unwrap' | 'dispose'>;

/** @internal The GSS context that wraps a connection's frames, and whether it encrypts them. */
export interface FrameProtection {
  context: FrameWrapper;
  /** `auth-conf`: encrypted; otherwise (`auth-int`) signed only. */
  confidential: boolean;
}

/**
 * @internal The data phase of a SASL connection: each message written goes out as length-prefixed
 * frames of at most `maxPayload` bytes each — gss-wrapped for `auth-int` (signed) and `auth-conf`
 * (encrypted) — and the frames read are unwrapped and handed on as one byte stream, in order.
 * Wrapping is synchronous (computation on the session key), so order is kept for free.
 */
export class SaslDataLayer {
  readonly #protection: FrameProtection | undefined;
  readonly #maxPayload: number;
  readonly #incoming = new SaslByteQueue();
  #stopped = false;
  #write: ((bytes: Buffer) => void) | undefined;
  #deliver: ((bytes: Buffer) => void) | undefined;
  #fail: ((error: unknown) => void) | undefined;

  /**
   * @param protection - the established context; undefined for `auth` (frames travel plain).
   * @param maxPayload - the largest message piece per frame (before wrapping).
   * @param leftover - bytes that arrived right after the handshake.
   */
  constructor(protection: FrameProtection | undefined, maxPayload: number, leftover: Buffer) {
    this.#protection = protection;
    this.#maxPayload = maxPayload;
    this.#incoming.push(leftover);
  }

  /** Whether frames are gss-wrapped (`auth-int`, `auth-conf`). */
  get wraps(): boolean {
    return this.#protection !== undefined;
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
    if (this.#stopped) return;
    const frames: Buffer[] = [];
    try {
      for (let at = 0; at < message.length; at += this.#maxPayload) {
        const piece = message.subarray(at, Math.min(message.length, at + this.#maxPayload));
        const protection = this.#protection;
        frames.push(
          encodeDataFrame(protection ? protection.context.wrap(piece, protection.confidential) : piece),
        );
      }
    } catch (error) {
      this.#failOnce(error);
      return;
    }
    this.#write!(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  }

  /** Takes bytes from the socket; hands on the plain bytes of every complete frame, in order. */
  received(chunk: Buffer): void {
    if (this.#stopped) return;
    this.#incoming.push(chunk);
    for (;;) {
      let plain: Buffer | undefined;
      try {
        const frame = this.#incoming.nextFrame();
        if (frame === undefined) return;
        plain = this.#protection ? this.#unwrap(frame) : frame;
      } catch (error) {
        this.#failOnce(error);
        return;
      }
      this.#deliver!(plain);
      if (this.#stopped) return;
    }
  }

  /** Stops the layer and frees its GSS context: nothing more is written or delivered. */
  stop(): void {
    this.#stopped = true;
    this.#protection?.context.dispose();
  }

  #unwrap(frame: Buffer): Buffer {
    const { data, confidential } = this.#protection!.context.unwrap(frame);
    // A gateway asked for auth-conf must not fall back to signed-only frames.
    if (this.#protection!.confidential && !confidential)
      throw new Error('the gateway sent an unencrypted frame under auth-conf');
    return data;
  }

  #failOnce(error: unknown): void {
    if (this.#stopped) return;
    this.stop();
    this.#fail?.(error);
  }
}
