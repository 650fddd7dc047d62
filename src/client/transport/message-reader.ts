import { Buffer } from 'node:buffer';
import { type MessageLengthWalker, messageLengthWalker } from '../protocol/message-length';
import { MessageTransport, type ReceivingTransport } from '../protocol/thrift-lib';
import type { ProtocolKind } from './channel-options';
import { FrameLength } from './frame-length';

/** Messages from this size on are handed over without a copy (see `#take`). */
const LARGE_MESSAGE = 64 * 1024;
/** Free space offered to each socket read. */
const READ_SIZE = 64 * 1024;

/**
 * @internal Splits a socket's byte stream into Thrift messages and hands each complete message
 * to `onMessage` once: framed messages by their length prefix, buffered (unframed) ones by a
 * resumable walk of their structure. It replaces the thrift library's receivers: the buffered one
 * decodes from the start of the message on every chunk that arrives (quadratic in the size of a
 * large reply), and the framed one keeps the chunks it is given, which rules out reading the
 * socket into reused memory.
 *
 * Bytes come in either by {@link MessageReader.push} (a chunk is copied in) or straight from the
 * socket: {@link MessageReader.freeSpace} is where the next read goes and
 * {@link MessageReader.received} takes what it wrote (Node's `onread`).
 */
export class MessageReader {
  #buffer: Buffer = Buffer.alloc(0);
  /** Bytes before `#start` were delivered already; bytes from `#end` on are free. */
  #start = 0;
  #end = 0;
  /**
   * Holds how far the pending message (from `#start`) was walked, so a chunk only costs the walk
   * of its own bytes. Its offsets are relative to `#start`, which compaction may move.
   */
  readonly #walker: MessageLengthWalker;
  /** Bytes before the message itself (the framed transport's length). */
  readonly #prefixBytes: number;

  constructor(
    transport: 'buffered' | 'framed',
    protocol: ProtocolKind,
    private readonly onMessage: (transport: ReceivingTransport) => void,
  ) {
    this.#walker = transport === 'framed' ? new FrameLength(protocol) : messageLengthWalker(protocol);
    this.#prefixBytes = transport === 'framed' ? 4 : 0;
  }

  /** Takes a chunk (copied: the caller may reuse it); delivers every message it completes. */
  push(chunk: Buffer): void {
    this.#reserve(chunk.length);
    chunk.copy(this.#buffer, this.#end);
    this.received(chunk.length);
  }

  /** Where the next socket read may write, at least 64 KiB. Call {@link received} after. */
  freeSpace(): Buffer {
    this.#reserve(READ_SIZE);
    return this.#buffer.subarray(this.#end);
  }

  /** Takes the `bytes` a read wrote into {@link freeSpace}; delivers every message they complete. */
  received(bytes: number): void {
    this.#end += bytes;
    while (this.#start < this.#end) {
      const size = this.#walker.feed(this.#buffer, this.#start, this.#end);
      if (size < 0) return;
      this.#walker.reset();
      this.onMessage(new MessageTransport(this.#take(size).subarray(this.#prefixBytes)));
    }
  }

  /** Whether bytes of a message that is not complete yet were received. */
  get partial(): boolean {
    return this.#end > this.#start;
  }

  /** The bytes received and not delivered yet (a view: for error messages only). */
  pending(): Buffer {
    return this.#buffer.subarray(this.#start, this.#end);
  }

  /**
   * Removes the next `size` bytes and returns them as a buffer of their own. Decoded values may
   * be views of a message, so its memory must never be written again, nor pin more than it.
   * Small messages are copied out; a large one keeps the accumulation buffer, and the bytes
   * after it move to a new one as large (the next reply, often another scan batch, then fits).
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
    this.#buffer = Buffer.allocUnsafe(Math.max(rest.length, size) + READ_SIZE);
    rest.copy(this.#buffer);
    this.#start = 0;
    this.#end = rest.length;
    return message;
  }

  /** Makes room for `bytes` more after `#end`. */
  #reserve(bytes: number): void {
    if (this.#end + bytes <= this.#buffer.length) return;
    // Compact, and grow geometrically so that a large reply arriving in many chunks is copied
    // a bounded number of times.
    const pending = this.#end - this.#start;
    const capacity = Math.max(pending + bytes, this.#buffer.length * 2, 16 * 1024);
    const target = capacity > this.#buffer.length ? Buffer.allocUnsafe(capacity) : this.#buffer;
    this.#buffer.copy(target, 0, this.#start, this.#end);
    this.#buffer = target;
    this.#start = 0;
    this.#end = pending;
  }
}
