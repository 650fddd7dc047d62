import { CodecError } from './codec-error';

// Makes a variable-width part self-delimiting without changing its order:
//   0x00 -> 0x00 0xff, then the terminator 0x00 0x01.
// Where one part is a prefix of another, the shorter one's terminator (0x00 0x01) meets either a
// byte >= 0x01 or an escaped 0x00 (0x00 0xff) of the longer one and sorts first, as it should.
// No escaped part is a prefix of another (0x00 is only followed by 0x01 at the very end), so the
// bytes after it can belong to the next part without ambiguity.

/** @internal The byte after 0x00 for a literal zero byte. */
export const ESCAPED_ZERO = 0xff;
/** @internal The byte after 0x00 that ends a part. */
export const TERMINATOR = 0x01;

/**
 * @internal Escapes the part's zero bytes and, unless `terminate` is false (the open end of a
 * prefix), appends the terminator. Always returns a new Buffer.
 */
export function escapePart(part: Buffer, terminate = true): Buffer {
  let zeros = 0;
  for (const byte of part) if (byte === 0) zeros++;
  const out = Buffer.allocUnsafe(part.length + zeros + (terminate ? 2 : 0));
  let o = 0;
  for (const byte of part) {
    out[o++] = byte;
    if (byte === 0) out[o++] = ESCAPED_ZERO;
  }
  if (terminate) {
    out[o++] = 0;
    out[o] = TERMINATOR;
  }
  return out;
}

/**
 * @internal Reads one escaped, terminated part starting at `offset`: returns the unescaped bytes
 * (a view of `bytes` when nothing was escaped) and the offset just past the terminator.
 */
export function readEscapedPart(codec: string, bytes: Buffer, offset: number): { part: Buffer; end: number } {
  let zeros = 0;
  for (let i = offset; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    const next = bytes[i + 1];
    if (next === TERMINATOR) {
      const escaped = bytes.subarray(offset, i);
      return { part: zeros === 0 ? escaped : unescapePart(escaped, zeros), end: i + 2 };
    }
    if (next !== ESCAPED_ZERO) {
      const found = next === undefined ? 'the end of the bytes' : `0x${next.toString(16).padStart(2, '0')}`;
      throw new CodecError(
        codec,
        `invalid escape at byte ${i}: expected 0x00 followed by 0xff or 0x01, got ${found}`,
      );
    }
    zeros++;
    i++;
  }
  throw new CodecError(
    codec,
    `a variable-width part starting at byte ${offset} has no terminator (0x00 0x01)`,
  );
}

function unescapePart(escaped: Buffer, zeros: number): Buffer {
  const out = Buffer.allocUnsafe(escaped.length - zeros);
  let o = 0;
  for (let i = 0; i < escaped.length; i++) {
    out[o++] = escaped[i]!;
    if (escaped[i] === 0) i++;
  }
  return out;
}
