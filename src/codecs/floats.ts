import { bytesToDecode, requireLength, requireNumber } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';

/**
 * A 32-bit IEEE 754 float, 4 bytes big-endian, like Java's `Bytes.toBytes(float)` /
 * `Bytes.toFloat`.
 *
 * A JavaScript number is a 64-bit double: encoding rounds it to the nearest float32 (as Java's
 * `(float)` cast does), so `0.1` reads back as `0.10000000149011612`. NaN and ±Infinity are
 * stored; a finite number too large for a float32 is rejected rather than turned into Infinity.
 * Use {@link float64} to store numbers exactly.
 *
 * @example
 * ```ts
 * @Column({ family: 'sensor', codec: float32 }) temperature?: number;
 * ```
 */
export const float32: Codec<number> = Object.freeze({
  name: 'float32',
  encode(value: number): Buffer {
    requireNumber('float32', value);
    if (Number.isFinite(value) && !Number.isFinite(Math.fround(value))) {
      throw CodecError.invalidValue(
        'float32',
        'a number within the float32 range (±3.4028234663852886e38)',
        value,
      );
    }
    const buffer = Buffer.allocUnsafe(4);
    buffer.writeFloatBE(value);
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('float32', bytes);
    requireLength('float32', bytes, 4);
    return bytes.readFloatBE(0);
  },
});

/**
 * A 64-bit IEEE 754 double, 8 bytes big-endian, like Java's `Bytes.toBytes(double)` /
 * `Bytes.toDouble`. Every number round-trips exactly, including -0, NaN and ±Infinity.
 *
 * Not order-preserving: for row keys use {@link sortableFloat64}.
 *
 * @example
 * ```ts
 * @Column({ family: 'order', codec: float64 }) amount?: number;
 * float64.encode(1.5); // <3f f8 00 00 00 00 00 00>
 * ```
 */
export const float64: Codec<number> = Object.freeze({
  name: 'float64',
  encode(value: number): Buffer {
    const buffer = Buffer.allocUnsafe(8);
    buffer.writeDoubleBE(requireNumber('float64', value));
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('float64', bytes);
    requireLength('float64', bytes, 8);
    return bytes.readDoubleBE(0);
  },
});
