import Int64 from 'node-int64';
import { FrameTooLargeError } from '../errors';

/**
 * @internal Where the generated client writes a call: one growing buffer per channel, emptied on
 * every flush. It replaces the thrift library's transports on the write side, which allocate a
 * Buffer for every byte, integer and length written and concatenate them at the end — the main
 * cost of encoding a large batch of mutations. The fast protocols write through `put*` directly.
 */
export class OutputBuffer {
  #buffer = Buffer.allocUnsafe(4096);
  #length: number;
  /** Framed messages start with their 4-byte length, filled in on flush. */
  readonly #headerBytes: number;

  /** The largest framed message (its length excluded); unbounded when not framed. */
  readonly #maxFrameSize: number;

  constructor(
    framed: boolean,
    private readonly onFlush: (message: Buffer) => void,
    maxFrameSize = Number.POSITIVE_INFINITY,
  ) {
    this.#headerBytes = framed ? 4 : 0;
    this.#length = this.#headerBytes;
    this.#maxFrameSize = framed ? maxFrameSize : Number.POSITIVE_INFINITY;
  }

  /** Appends bytes (the generic write path of the thrift protocols). */
  write(bytes: Buffer | Uint8Array): void {
    this.#reserve(bytes.length);
    this.#copy(bytes);
  }

  /**
   * Appends a binary protocol string: its length (i32), then its bytes, reserving room once (a
   * batch of mutations writes two per cell).
   */
  putBinary(bytes: Buffer | Uint8Array): void {
    const length = bytes.length;
    this.#reserve(4 + length);
    this.#putInt32At(length);
    this.#copy(bytes);
  }

  /** Appends a binary protocol field header: the type byte, then the id (i16). */
  putFieldHeader(type: number, id: number): void {
    this.#reserve(3);
    const buffer = this.#buffer;
    const at = this.#length;
    buffer[at] = type;
    buffer[at + 1] = id >> 8;
    buffer[at + 2] = id;
    this.#length = at + 3;
  }

  /** Appends one byte. */
  putByte(value: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = value & 0xff;
  }

  /** Appends a big-endian i16. */
  putInt16(value: number): void {
    this.#reserve(2);
    this.#length = this.#buffer.writeInt16BE(value, this.#length);
  }

  /** Appends a big-endian i32. */
  putInt32(value: number): void {
    this.#reserve(4);
    this.#putInt32At(value);
  }

  /** Writes an i32 (reserved already): byte by byte, cheaper than writeInt32BE's checks. */
  #putInt32At(value: number): void {
    const buffer = this.#buffer;
    const at = this.#length;
    buffer[at] = value >>> 24;
    buffer[at + 1] = value >>> 16;
    buffer[at + 2] = value >>> 8;
    buffer[at + 3] = value;
    this.#length = at + 4;
  }

  /** Copies bytes (reserved already); short ones byte by byte, which costs less than `set`. */
  #copy(bytes: Buffer | Uint8Array): void {
    const length = bytes.length;
    const buffer = this.#buffer;
    const at = this.#length;
    if (length <= 16) for (let i = 0; i < length; i++) buffer[at + i] = bytes[i]!;
    else buffer.set(bytes, at);
    this.#length = at + length;
  }

  /** Appends a big-endian i64 given as the thrift library's Int64 or a safe integer. */
  putInt64(value: Int64 | number): void {
    const int64 = typeof value === 'number' ? new Int64(value) : value;
    this.#reserve(8);
    int64.buffer.copy(this.#buffer, this.#length, int64.offset, int64.offset + 8);
    this.#length += 8;
  }

  /** Appends a big-endian i64. */
  putBigInt64(value: bigint): void {
    this.#reserve(8);
    this.#length = this.#buffer.writeBigInt64BE(value, this.#length);
  }

  /** Appends a big-endian IEEE 754 double. */
  putDouble(value: number): void {
    this.#reserve(8);
    this.#length = this.#buffer.writeDoubleBE(value, this.#length);
  }

  /** Appends an unsigned varint (compact protocol) of up to 32 bits. */
  putVarint32(value: number): void {
    this.#reserve(5);
    let n = value >>> 0;
    while (n > 0x7f) {
      this.#buffer[this.#length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.#buffer[this.#length++] = n;
  }

  /** Whether a message was begun but not flushed (its encoding threw half-way). */
  get unflushed(): boolean {
    return this.#length > this.#headerBytes;
  }

  /** Drops a half-written message. */
  discard(): void {
    this.#length = this.#headerBytes;
  }

  /** Called by the thrift protocols when a message begins; nothing to do here. */
  setCurrSeqId(): void {}

  /**
   * Hands the finished message to `onFlush` and starts the next one. A framed message above the
   * frame limit throws {@link FrameTooLargeError} and stays unflushed, for the channel to discard.
   */
  flush(): void {
    const size = this.#length - this.#headerBytes;
    if (size > this.#maxFrameSize) throw new FrameTooLargeError(size, this.#maxFrameSize);
    // A copy of the exact size: the socket may hold on to the message after this returns, while
    // this buffer is reused for the next call.
    const message = Buffer.allocUnsafe(this.#length);
    this.#buffer.copy(message, 0, 0, this.#length);
    if (this.#headerBytes > 0) message.writeInt32BE(this.#length - this.#headerBytes, 0);
    this.#length = this.#headerBytes;
    this.onFlush(message);
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#length + bytes, this.#buffer.length * 2));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}
