import { binaryHeaderEnd } from '../protocol/binary-message-walker';
import { compactHeaderEnd } from '../protocol/compact-message-walker';
import { MAX_LENGTH } from '../protocol/message-header';
import type { MessageLengthWalker } from '../protocol/message-length';
import type { ProtocolKind } from './channel-options';

/** Frames above this are refused: such a length is garbage (e.g. "HTTP" read as a length). */
const MAX_FRAME_BYTES = MAX_LENGTH;

/**
 * @internal The length of a frame of the framed transport (4-byte big-endian size, then the
 * message), in the shape of a {@link MessageLengthWalker} so that one reader serves both
 * transports. The message header inside is checked as soon as its bytes arrive: a length read
 * from another service's bytes (e.g. "-ERR" is 759 million) would otherwise only end in the
 * call's timeout.
 */
export class FrameLength implements MessageLengthWalker {
  readonly #headerEnd: (buffer: Buffer, p: number, end: number) => number;
  /** Whether the current frame's message header was found valid. */
  #headerChecked = false;

  constructor(protocol: ProtocolKind) {
    this.#headerEnd = protocol === 'compact' ? compactHeaderEnd : binaryHeaderEnd;
  }

  feed(buffer: Buffer, start: number, end: number): number {
    if (end - start < 4) return -1;
    const size = buffer.readInt32BE(start);
    if (size < 0 || size > MAX_FRAME_BYTES) throw new Error(`invalid frame size ${size}`);
    const complete = end - start >= 4 + size;
    if (!this.#headerChecked) {
      const frameEnd = complete ? start + 4 + size : end;
      const headerEnd = this.#headerEnd(buffer, start + 4, frameEnd);
      if (headerEnd < 0 && complete) throw new Error(`a frame of ${size} bytes too short for its header`);
      this.#headerChecked = headerEnd >= 0;
    }
    return complete ? 4 + size : -1;
  }

  reset(): void {
    this.#headerChecked = false;
  }
}
