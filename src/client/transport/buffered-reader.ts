import type { ProtocolKind } from './channel-options';
import { messageLength } from './message-length';
import { MessageTransport, type ReceivingTransport } from './thrift-lib';

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

  constructor(
    private readonly protocol: ProtocolKind,
    private readonly onMessage: (transport: ReceivingTransport) => void,
  ) {}

  /** Takes the next chunk from the socket; delivers every message it completes. */
  push(chunk: Buffer): void {
    this.#append(chunk);
    while (this.#start < this.#end) {
      const pending = this.#buffer.subarray(this.#start, this.#end);
      const size = messageLength(pending, pending.length, this.protocol);
      if (size < 0) return;
      // An exact copy: decoded values may be views of the message, and must keep alive only it,
      // not the rest of a socket chunk or of our accumulation buffer.
      const message = Buffer.from(pending.subarray(0, size));
      this.#start += size;
      if (this.#start === this.#end) this.#start = this.#end = 0;
      this.onMessage(new MessageTransport(message));
    }
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
