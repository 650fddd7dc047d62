import type { Codec, KeyCodec } from './codec';

/** The type a codec decodes to: `CodecValue<typeof int64>` is `bigint`. */
export type CodecValue<C> = C extends {
  /** Decodes bytes. */
  decode(bytes: Buffer): infer T;
}
  ? T
  : never;

/**
 * The type a codec's `encode` accepts, which may be wider than what it decodes to:
 * `CodecInput<typeof int64>` is `bigint | number`.
 */
export type CodecInput<C> = C extends {
  /** Encodes a value (first overload). */
  encode(value: infer A): Buffer;
  /** Encodes a value (second overload). */
  encode(value: infer B): Buffer;
}
  ? A | B // matching two overloads collects both, so BigIntCodec's wider one is not lost
  : never;

/**
 * A codec of 64-bit integers: decodes to `bigint` (exact over the whole signed 64-bit range) and
 * also encodes safe-integer numbers, so a field typed `number | bigint` or a `Date.now()` can be
 * written without a conversion.
 */
export interface BigIntCodec extends Codec<bigint> {
  /** Encodes a bigint in the signed 64-bit range, or a safe-integer number. */
  encode(value: bigint | number): Buffer;
  // TypeScript infers from the last overload: this one makes `f<T>(codec: Codec<T>)` infer
  // `bigint` for this codec, not `bigint | number`.
  /** Encodes a bigint in the signed 64-bit range. */
  encode(value: bigint): Buffer;
}

/** The order-preserving counterpart of {@link BigIntCodec}, for row keys. */
export interface BigIntKeyCodec extends KeyCodec<bigint> {
  /** Encodes a bigint in the signed 64-bit range, or a safe-integer number. */
  encode(value: bigint | number): Buffer;
  // The last overload is the one generic inference uses (see BigIntCodec).
  /** Encodes a bigint in the signed 64-bit range. */
  encode(value: bigint): Buffer;
}
