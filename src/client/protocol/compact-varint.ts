/** A 64-bit value takes at most ten 7-bit groups; a longer varint means the bytes are not Thrift. */
const MAX_VARINT_BYTES = 10;
/** Sizes and lengths are 32-bit varints. */
const MAX_SIZE_BYTES = 5;
const MAX_SIZE = 0x7fffffff;

/**
 * @internal The position after the varint that starts at `p`, or -1 when it does not end before
 * `end`. Throws when it runs longer than any valid varint.
 */
export function varintEnd(buffer: Buffer, p: number, end: number): number {
  const limit = p + MAX_VARINT_BYTES;
  for (let i = p; i < end; i++) {
    if ((buffer[i]! & 0x80) === 0) return i + 1;
    if (i + 1 === limit) throw new Error('varint longer than 10 bytes in a compact-protocol message');
  }
  return -1;
}

/**
 * @internal The size or length held by the complete varint from `p` to `after` (found by
 * {@link varintEnd}). Throws for values that a signed 32-bit size cannot have, as Thrift's
 * readers do for negative sizes.
 */
export function varintSize(buffer: Buffer, p: number, after: number): number {
  if (after - p > MAX_SIZE_BYTES) {
    throw new Error('size varint longer than 5 bytes in a compact-protocol message');
  }
  let size = 0;
  for (let scale = 1; p < after; p++, scale *= 128) size += (buffer[p]! & 0x7f) * scale;
  if (size > MAX_SIZE) throw new Error(`invalid length ${size} in a compact-protocol message`);
  return size;
}
