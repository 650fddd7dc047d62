import { bytesToDecode, requireInteger, requireLength } from './checks';
import type { Codec } from './codec';

/**
 * An 8-bit signed integer, Java's `byte`: one byte of two's complement, as Java writes a `byte`
 * into a `byte[]` (`new byte[] { b }`, `Bytes.putByte`, `ByteBuffer.put`). Encoding rejects
 * non-integers and values outside -128..127 (`-0` is stored as 0); decoding needs exactly one
 * byte (`0xff` reads back as -1).
 *
 * Not order-preserving for negative numbers.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: int8 }) level?: number;
 * int8.encode(-1); // <ff>
 * ```
 */
export const int8: Codec<number> = Object.freeze({
  name: 'int8',
  encode(value: number): Buffer {
    const buffer = Buffer.allocUnsafe(1);
    buffer.writeInt8(requireInteger('int8', value, -128, 127));
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('int8', bytes);
    requireLength('int8', bytes, 1);
    return bytes.readInt8(0);
  },
});
