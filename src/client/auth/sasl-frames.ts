/**
 * Thrift's TSaslTransport: negotiation messages are a status byte, a 4-byte big-endian length and
 * the payload; once negotiated, data frames are a 4-byte length and the (wrapped) payload.
 */

/** @internal Negotiation statuses of TSaslTransport. */
export const SaslStatus = { START: 1, OK: 2, BAD: 3, ERROR: 4, COMPLETE: 5 } as const;

/** @internal One negotiation message. */
export interface SaslMessage {
  status: number;
  payload: Buffer;
}

/** The largest negotiation payload accepted (Kerberos tokens are a few KB; Java caps at 100 MB). */
const MAX_NEGOTIATION_PAYLOAD = 1024 * 1024;
/** The largest data frame accepted (the offer we make is 16 MiB; Java's replies are unwrapped whole). */
const MAX_DATA_FRAME = 256 * 1024 * 1024;

/** @internal Encodes one negotiation message. */
export function encodeSaslMessage(status: number, payload: Buffer): Buffer {
  const message = Buffer.allocUnsafe(5 + payload.length);
  message[0] = status;
  message.writeUInt32BE(payload.length, 1);
  payload.copy(message, 5);
  return message;
}

/** @internal Encodes one data frame. */
export function encodeDataFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(4 + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, 4);
  return frame;
}

/**
 * @internal Accumulates bytes and cuts them into negotiation messages or data frames: whatever
 * complete unit the caller asks for next. Throws on a length no SASL peer sends (a sign the peer
 * speaks something else, e.g. HTTP).
 */
export class SaslByteQueue {
  #chunks: Buffer[] = [];
  #length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The bytes held (for a check of the first bytes). */
  get length(): number {
    return this.#length;
  }

  /** The next negotiation message, or undefined until it is complete. */
  nextMessage(): SaslMessage | undefined {
    if (this.#length < 5) return undefined;
    const head = this.#peek(5);
    const status = head[0]!;
    if (status < SaslStatus.START || status > SaslStatus.COMPLETE) {
      throw new Error(`not a SASL negotiation message (status byte ${status})`);
    }
    const size = head.readUInt32BE(1);
    if (size > MAX_NEGOTIATION_PAYLOAD) throw new Error(`a SASL negotiation message of ${size} bytes`);
    if (this.#length < 5 + size) return undefined;
    const bytes = this.#take(5 + size);
    return { status, payload: bytes.subarray(5) };
  }

  /** The payload of the next data frame, or undefined until it is complete. */
  nextFrame(): Buffer | undefined {
    if (this.#length < 4) return undefined;
    const size = this.#peek(4).readUInt32BE(0);
    if (size > MAX_DATA_FRAME) throw new Error(`a SASL data frame of ${size} bytes`);
    if (this.#length < 4 + size) return undefined;
    return this.#take(4 + size).subarray(4);
  }

  /** Everything held, emptied (for the bytes after the handshake). */
  drain(): Buffer {
    const all = this.#length === 0 ? Buffer.alloc(0) : this.#take(this.#length);
    this.#chunks = [];
    return all;
  }

  #peek(bytes: number): Buffer {
    if (this.#chunks[0]!.length < bytes) this.#chunks = [Buffer.concat(this.#chunks)];
    return this.#chunks[0]!;
  }

  #take(bytes: number): Buffer {
    if (this.#chunks[0]!.length < bytes) this.#chunks = [Buffer.concat(this.#chunks)];
    const first = this.#chunks[0]!;
    const taken = first.subarray(0, bytes);
    if (first.length === bytes) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(bytes);
    this.#length -= bytes;
    return taken;
  }
}
