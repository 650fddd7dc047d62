/**
 * The 32-bit FNV-1a hash of some bytes, as an unsigned integer: the default hash of
 * {@link salted}. Stable across versions and platforms (offset basis 0x811c9dc5, prime
 * 0x01000193), so a writer in another language can compute the same salt byte:
 * `fnv1a32(key) % buckets`.
 *
 * @example
 * ```ts
 * fnv1a32(Buffer.from('a')); // 0xe40c292c
 * ```
 */
export function fnv1a32(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i]!;
    // Math.imul multiplies modulo 2^32; a plain * would lose the low bits beyond 2^53.
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
