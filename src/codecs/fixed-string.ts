import { bytesToDecode, requireLength } from './checks';
import type { KeyCodec } from './codec';
import { CodecError } from './codec-error';
import { decodeUtf8, encodeUtf8 } from './utf8-text';

/** Options of {@link fixedString}. */
export interface FixedStringOptions {
  /** The codec's name in error messages (default `fixedString(<width>)`), e.g. `countryCode`. */
  name?: string;
}

/**
 * Text as a fixed-width, order-preserving row key: UTF-8 padded with 0x00 bytes to exactly
 * `width` bytes (a width in bytes, not characters: `é` takes two).
 *
 * Padding with 0x00 keeps code point order, since a shorter text's padding sorts before any
 * character of a longer one ("ab" < "abc"). That only works if the text holds no U+0000 itself,
 * so encoding rejects U+0000, and text longer than `width` bytes (never silently truncated).
 * Decoding strips the padding and rejects bytes that are not padding after it.
 *
 * Fixed width lets a fixed part lead a {@link composite} key without escaping.
 *
 * @example
 * ```ts
 * const country = fixedString(2, { name: 'countryCode' });
 * country.encode('FR'); // <46 52>
 * const key = composite([fixedString(8), sortableInt64]);
 * ```
 */
export function fixedString(width: number, options?: FixedStringOptions): KeyCodec<string> {
  if (!Number.isSafeInteger(width) || width < 1) {
    throw CodecError.invalidOption('fixedString', 'width', 'a positive integer (bytes)', width);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw CodecError.invalidOption('fixedString', 'options', 'an object', options);
  }
  if (options?.name !== undefined && typeof options.name !== 'string') {
    throw CodecError.invalidOption('fixedString', 'options.name', 'a string', options.name);
  }
  const name = options?.name ?? `fixedString(${width})`;
  return Object.freeze({
    name,
    orderPreserving: true as const,
    fixedWidth: width,
    encode(value: string): Buffer {
      const text = encodeUtf8(name, value);
      if (value.includes('\0'))
        throw CodecError.invalidValue(name, 'text without U+0000 (the padding byte)', value);
      if (text.length > width) {
        throw CodecError.invalidValue(
          name,
          `text of at most ${width} UTF-8 bytes (this one has ${text.length})`,
          value,
        );
      }
      const out = Buffer.alloc(width);
      text.copy(out);
      return out;
    },
    decode(bytes: Buffer): string {
      bytes = bytesToDecode(name, bytes);
      requireLength(name, bytes, width);
      const end = bytes.indexOf(0);
      if (end === -1) return decodeUtf8(name, bytes);
      for (let i = end + 1; i < width; i++) {
        if (bytes[i] !== 0)
          throw new CodecError(
            name,
            `expected only 0x00 padding after byte ${end}, got a non-zero byte at ${i}`,
          );
      }
      return decodeUtf8(name, bytes.subarray(0, end));
    },
  });
}
