/**
 * Converts field values to the bytes stored in HBase cells (or row keys) and back.
 *
 * Implement this to store a type of your own; the built-in codecs cover HBase's Java `Bytes`
 * encodings, JSON and order-preserving row keys.
 *
 * @example
 * ```ts
 * const upper: Codec<string> = {
 *   name: 'upper',
 *   encode: (value) => Buffer.from(value.toUpperCase()),
 *   decode: (bytes) => bytes.toString(),
 * };
 * ```
 */
export interface Codec<T> {
  /** A short name used in error messages, e.g. `int32`. */
  readonly name: string;
  /** Encodes a value; throws `CodecError` for a value it cannot represent. */
  encode(value: T): Buffer;
  /** Decodes bytes; throws `CodecError` for bytes of the wrong length or shape. */
  decode(bytes: Buffer): T;
}

/**
 * A codec whose byte order (unsigned, lexicographic: HBase's row-key order) equals the logical
 * order of the values, so that range scans over encoded keys return values in order.
 */
export interface KeyCodec<T> extends Codec<T> {
  /** Marks the codec as order-preserving. */
  readonly orderPreserving: true;
  /** The encoded length when every value has the same length, else undefined. */
  readonly fixedWidth: number | undefined;
}
