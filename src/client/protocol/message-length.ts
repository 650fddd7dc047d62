/**
 * @internal Finds where a Thrift message ends in a byte stream, without decoding it, for
 * transports that do not frame messages (the buffered transport).
 *
 * Why: without it the only way to know whether a reply is complete is to decode it, and a large
 * reply (a scan batch) arrives in many socket chunks. Decoding from the start on every chunk, as
 * the thrift library's buffered receiver does, is quadratic and allocates a copy of every value
 * each time. This walk only reads type tags and lengths, and it is resumable: after each chunk it
 * goes on from where the bytes ran out, so each byte of a message is walked once however it is
 * split (restarting it on every chunk cost up to a tenth of a scan's CPU).
 */

import { BinaryMessageWalker } from './binary-message-walker';
import { CompactMessageWalker } from './compact-message-walker';
import type { ProtocolKind } from './protocol-kind';

/**
 * @internal Walks one message at a time, across calls, as its bytes arrive. Invalid bytes (a
 * negative length, an unknown type, an overlong varint, a bad header) throw an Error, after which
 * only {@link MessageLengthWalker.reset} makes sense: the stream is not Thrift in this protocol.
 */
export interface MessageLengthWalker {
  /**
   * Goes on with the message that starts at `start` in `buffer`, whose bytes up to `end` have
   * arrived. Returns the message's length once it is complete (bytes after it are not read), or
   * -1 while it is not. The bytes walked so far are not read again, so between calls they may
   * move (a compacted or grown buffer), as long as they keep their place relative to `start`.
   */
  feed(buffer: Buffer, start: number, end: number): number;
  /** Forgets the message walked so far: the next {@link feed} starts a new one. */
  reset(): void;
}

/** @internal A walker for messages in the given protocol, to be reused message after message. */
export function messageLengthWalker(protocol: ProtocolKind): MessageLengthWalker {
  return protocol === 'compact' ? new CompactMessageWalker() : new BinaryMessageWalker();
}

/**
 * @internal The length of the first message in `buffer`, or -1 when the first `length` bytes do
 * not hold all of it: a one-shot walk.
 */
export function messageLength(buffer: Buffer, length: number, protocol: ProtocolKind): number {
  return messageLengthWalker(protocol).feed(buffer, 0, length);
}
