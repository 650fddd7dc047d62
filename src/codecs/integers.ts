import { bytesToDecode, requireInteger, requireLength } from './checks';
import type { Codec } from './codec';

/**
 * A 16-bit signed integer, 2 bytes big-endian two's complement, like Java's
 * `Bytes.toBytes(short)` / `Bytes.toShort`. Encoding rejects non-integers and values outside
 * -32768..32767 (`-0` is stored as 0).
 *
 * Not order-preserving for negative numbers: for row keys use {@link sortableInt32}.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: int16 }) floor?: number;
 * ```
 */
export const int16: Codec<number> = Object.freeze({
  name: 'int16',
  encode(value: number): Buffer {
    const buffer = Buffer.allocUnsafe(2);
    buffer.writeInt16BE(requireInteger('int16', value, -32768, 32767));
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('int16', bytes);
    requireLength('int16', bytes, 2);
    return bytes.readInt16BE(0);
  },
});

/**
 * A 32-bit signed integer, 4 bytes big-endian two's complement, like Java's
 * `Bytes.toBytes(int)` / `Bytes.toInt`. Encoding rejects non-integers and values outside
 * -2147483648..2147483647 (`-0` is stored as 0).
 *
 * Not order-preserving for negative numbers: for row keys use {@link sortableInt32}.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: int32 }) age?: number;
 * ```
 */
export const int32: Codec<number> = Object.freeze({
  name: 'int32',
  encode(value: number): Buffer {
    const buffer = Buffer.allocUnsafe(4);
    buffer.writeInt32BE(requireInteger('int32', value, -2147483648, 2147483647));
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('int32', bytes);
    requireLength('int32', bytes, 4);
    return bytes.readInt32BE(0);
  },
});
