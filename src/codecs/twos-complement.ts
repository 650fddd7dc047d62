/**
 * @internal A bigint as big-endian two's complement in the fewest bytes that hold it (at least
 * one): the bytes of Java's `BigInteger.toByteArray()`.
 */
export function toTwosComplement(value: bigint): Buffer {
  // Java sizes the array as bitLength() / 8 + 1, where bitLength() excludes the sign bit: the
  // bit length of the value itself when non-negative, of -value - 1 when negative.
  const magnitude = value < 0n ? -value - 1n : value;
  const bitLength = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const length = Math.floor(bitLength / 8) + 1;
  const unsigned = value < 0n ? (1n << BigInt(length * 8)) + value : value;
  return Buffer.from(unsigned.toString(16).padStart(length * 2, '0'), 'hex');
}

/**
 * @internal Reads big-endian two's complement of any length (at least one byte), like Java's
 * `new BigInteger(byte[])`: redundant leading sign bytes are accepted.
 */
export function fromTwosComplement(bytes: Buffer): bigint {
  const unsigned = BigInt(`0x${bytes.toString('hex')}`);
  return bytes[0]! & 0x80 ? unsigned - (1n << BigInt(bytes.length * 8)) : unsigned;
}
