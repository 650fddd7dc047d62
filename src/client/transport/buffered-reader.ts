import type { ProtocolKind } from './channel-options';
import { type MessageLengthWalker, messageLengthWalker } from './message-length';
import { MessageTransport, type ReceivingTransport } from './thrift-lib';

/** Messages from this size on are handed over without a copy (see `#take`). */
const LARGE_MESSAGE = 64 * 1024;

/**
 * @internal Splits the byte stream of a buffered (unframed) socket into messages, and hands each
 * complete message to `onMessage` once. It replaces the thrift library's buffered receiver, which
 * decodes from the start of the message on every chunk that arrives — quadratic in the size of a
 * large reply, with a copy of every value on every attempt.
 */
export class BufferedMessageReader {
  #buffer: Buffer = Buffer.alloc(0);
  /** Bytes before `#start` were delivered already; bytes from `#end` on are free. */
  #start = 0;
  #end = 0;
  /**
   * Holds how far the pending message (from `#start`) was walked, so a chunk only costs the walk
   * of its own bytes. Its offsets are relative to `#start`, which `#append` may move.
   */
  readonly #walker: MessageLengthWalker;

  constructor(
    protocol: ProtocolKind,
    private readonly onMessage: (transport: ReceivingTransport) => void,
  ) {
    this.#walker = messageLengthWalker(protocol);
  }

  /** Takes the next chunk from the socket; delivers every message it completes. */
  push(chunk: Buffer): void {
    this.#append(chunk);
    while (this.#start < this.#end) {
      const size = this.#walker.feed(this.#buffer, this.#start, this.#end);
      if (size < 0) return;
      this.#walker.reset();
      this.onMessage(new MessageTransport(this.#take(size)));
    }
  }

  /**
   * Removes the next `size` bytes and returns them as a buffer of their own. Decoded values may
   * be views of a message, so its memory must never be written again, nor pin more than it.
   * Small messages are copied out; a large one keeps the accumulation buffer, and the bytes
   * after it move to a new one.
   */
  #take(size: number): Buffer {
    const start = this.#start;
    if (size < LARGE_MESSAGE) {
      const message = Buffer.from(this.#buffer.subarray(start, start + size));
      this.#start += size;
      if (this.#start === this.#end) this.#start = this.#end = 0;
      return message;
    }
    const message = this.#buffer.subarray(start, start + size);
    const rest = this.#buffer.subarray(start + size, this.#end);
    this.#buffer = Buffer.allocUnsafe(Math.max(rest.length, 16 * 1024));
    rest.copy(this.#buffer);
    this.#start = 0;
    this.#end = rest.length;
    return message;
  }

  #append(chunk: Buffer): void {
    const pending = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      // Compact, and grow geometrically so that a large reply arriving in many chunks is copied
      // a bounded number of times.
      const capacity = Math.max(pending + chunk.length, this.#buffer.length * 2, 16 * 1024);
      const target = capacity > this.#buffer.length ? Buffer.allocUnsafe(capacity) : this.#buffer;
      this.#buffer.copy(target, 0, this.#start, this.#end);
      this.#buffer = target;
      this.#start = 0;
      this.#end = pending;
    }
    chunk.copy(this.#buffer, this.#end);
    this.#end += chunk.length;
  }
}
