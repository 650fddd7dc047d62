import { bytesToDecode, requireLength } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';

/**
 * One UTF-16 code unit, Java's `char`: 2 bytes big-endian, as `ByteBuffer.putChar` and
 * `DataOutput.writeChar` write it (HBase's `Bytes` has no `char` overload). The value is a
 * string of exactly one UTF-16 code unit (`'A'`, `'é'`, `'€'`); like a Java `char`, that may be
 * half of a surrogate pair, so every 2-byte value round-trips. A character outside the Basic
 * Multilingual Plane (an emoji) takes two units and is rejected: store text with {@link utf8}.
 *
 * Byte order equals code unit order, but the codec is not declared a `KeyCodec`.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: char16 }) grade?: string;
 * char16.encode('A'); // <00 41>
 * ```
 */
export const char16: Codec<string> = Object.freeze({
  name: 'char16',
  encode(value: string): Buffer {
    if (typeof value !== 'string' || value.length !== 1) {
      throw CodecError.invalidValue('char16', 'a string of one UTF-16 code unit (a Java char)', value);
    }
    const buffer = Buffer.allocUnsafe(2);
    buffer.writeUInt16BE(value.charCodeAt(0));
    return buffer;
  },
  decode(bytes: Buffer): string {
    bytes = bytesToDecode('char16', bytes);
    requireLength('char16', bytes, 2);
    return String.fromCharCode(bytes.readUInt16BE(0));
  },
});
