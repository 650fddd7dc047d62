import type { MessageLengthWalker } from './message-length';

/** Frames above this are refused: such a length is garbage (e.g. "HTTP" read as a length). */
const MAX_FRAME_BYTES = 1024 ** 3;

/**
 * @internal The length of a frame of the framed transport (4-byte big-endian size, then the
 * message), in the shape of a {@link MessageLengthWalker} so that one reader serves both
 * transports.
 */
export class FrameLength implements MessageLengthWalker {
  feed(buffer: Buffer, start: number, end: number): number {
    if (end - start < 4) return -1;
    const size = buffer.readInt32BE(start);
    if (size < 0 || size > MAX_FRAME_BYTES) throw new Error(`invalid frame size ${size}`);
    return end - start >= 4 + size ? 4 + size : -1;
  }

  reset(): void {}
}
