import { bytesToDecode, requireInt64, requireInteger, requireLength } from './checks';
import type { KeyCodec } from './codec';
import type { BigIntKeyCodec } from './codec-types';

// Flipping the sign bit maps the signed range onto the unsigned one in order (the minimum to all
// zero bits, -1 to 0x7f…ff, 0 to 0x80…00), which is the order HBase compares row keys in. It is
// the body of HBase's OrderedBytes fixed-width integers, without their one-byte type header.

/**
 * A 32-bit signed integer as an order-preserving row key: 4 bytes, big-endian, sign bit flipped,
 * so -1 sorts before 0 (with plain {@link int32} bytes, negatives sort after positives).
 * Encoding rejects non-integers and values out of range; `-0` is stored as 0.
 *
 * @example
 * ```ts
 * sortableInt32.encode(-1); // <7f ff ff ff>
 * sortableInt32.encode(0);  // <80 00 00 00>
 * ```
 */
export const sortableInt32: KeyCodec<number> = Object.freeze({
  name: 'sortableInt32',
  orderPreserving: true as const,
  fixedWidth: 4,
  encode(value: number): Buffer {
    const buffer = Buffer.allocUnsafe(4);
    buffer.writeUInt32BE(requireInteger('sortableInt32', value, -2147483648, 2147483647) + 2147483648);
    return buffer;
  },
  decode(bytes: Buffer): number {
    bytes = bytesToDecode('sortableInt32', bytes);
    requireLength('sortableInt32', bytes, 4);
    return bytes.readUInt32BE(0) - 2147483648;
  },
});

const INT64_OFFSET = 2n ** 63n;

/**
 * A 64-bit signed integer as an order-preserving row key: 8 bytes, big-endian, sign bit flipped.
 * Decodes to `bigint`; encoding also takes safe-integer numbers such as `Date.now()`.
 *
 * @example
 * ```ts
 * // Time-ordered keys; wrap in descending(...) for newest first.
 * sortableInt64.encode(Date.now());
 * ```
 */
export const sortableInt64: BigIntKeyCodec = Object.freeze({
  name: 'sortableInt64',
  orderPreserving: true as const,
  fixedWidth: 8,
  encode(value: bigint | number): Buffer {
    const buffer = Buffer.allocUnsafe(8);
    buffer.writeBigUInt64BE(requireInt64('sortableInt64', value) + INT64_OFFSET);
    return buffer;
  },
  decode(bytes: Buffer): bigint {
    bytes = bytesToDecode('sortableInt64', bytes);
    requireLength('sortableInt64', bytes, 8);
    return bytes.readBigUInt64BE(0) - INT64_OFFSET;
  },
});
