import { bytesToDecode, requireLength, requireNumber } from './checks';
import type { KeyCodec } from './codec';

// Every NaN is written as the canonical quiet NaN (0x7ff8…), so all NaNs share one key.
const NAN_KEY = Buffer.from([0xff, 0xf8, 0, 0, 0, 0, 0, 0]);

/**
 * A double as an order-preserving row key: the 8 IEEE 754 bytes, big-endian, with the sign bit
 * flipped for non-negative numbers and every bit inverted for negative ones, so that byte order
 * is numeric order (the body of HBase's OrderedBytes float64, without its type header).
 *
 * Edge cases, which follow Java's `Double.compare` total order:
 * - `-0` and `0` are distinct keys, `-0` sorting just before `0`; each decodes to itself.
 * - `-Infinity` sorts first and `Infinity` after every finite number.
 * - Every NaN is stored as one canonical NaN, sorting after `Infinity`.
 *
 * @example
 * ```ts
 * sortableFloat64.encode(-1.5) < sortableFloat64.encode(0); // byte-wise, as Buffer.compare says
 * ```
 */
export const sortableFloat64: KeyCodec<number> = Object.freeze({
  name: 'sortableFloat64',
  orderPreserving: true as const,
  fixedWidth: 8,
  encode(value: number): Buffer {
    requireNumber('sortableFloat64', value);
    if (Number.isNaN(value)) return Buffer.from(NAN_KEY);
    const buffer = Buffer.allocUnsafe(8);
    buffer.writeDoubleBE(value);
    if (buffer[0]! & 0x80) {
      for (let i = 0; i < 8; i++) buffer[i] = ~buffer[i]! & 0xff;
    } else {
      buffer[0]! ^= 0x80;
    }
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('sortableFloat64', bytes);
    requireLength('sortableFloat64', bytes, 8);
    const raw = Buffer.from(bytes);
    if (raw[0]! & 0x80) {
      raw[0]! ^= 0x80;
    } else {
      for (let i = 0; i < 8; i++) raw[i] = ~raw[i]! & 0xff;
    }
    return raw.readDoubleBE(0);
  },
});
