import { bytesToDecode, requireInt64, requireLength } from './checks';
import type { BigIntCodec } from './codec-types';

/** @internal 8 bytes big-endian two's complement, under a name that says the field's intent. */
export function bigEndianInt64(name: string): BigIntCodec {
  return Object.freeze({
    name,
    encode(value: bigint | number): Buffer {
      const buffer = Buffer.allocUnsafe(8);
      buffer.writeBigInt64BE(requireInt64(name, value));
      return buffer;
    },
    decode(bytes: Buffer): bigint {
      bytes = bytesToDecode(name, bytes);
      requireLength(name, bytes, 8);
      return bytes.readBigInt64BE(0);
    },
  });
}

/**
 * A 64-bit signed integer as a `bigint`, 8 bytes big-endian two's complement, like Java's
 * `Bytes.toBytes(long)` / `Bytes.toLong`. Encoding also takes safe-integer numbers; it rejects
 * unsafe numbers (already rounded) and bigints outside the signed 64-bit range.
 *
 * Not order-preserving for negative numbers: for row keys use {@link sortableInt64}. For cells
 * updated with `counterInc`, {@link counter} writes the same bytes under a clearer name.
 *
 * @example
 * ```ts
 * @Column({ family: 'stats', codec: int64 }) bytesSent?: bigint;
 * int64.encode(1); // <00 00 00 00 00 00 00 01>
 * ```
 */
export const int64: BigIntCodec = bigEndianInt64('int64');
