import { bytesToDecode, requireCodec } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';
import type { CodecInput, CodecValue } from './codec-types';
import { fnv1a32 } from './fnv1a';

/** Options of {@link salted}. */
export interface SaltedOptions {
  /** How many buckets (salt values) to spread keys over: an integer from 1 to 256. */
  buckets: number;
  /**
   * Hashes the inner codec's bytes to a non-negative integer; the salt is `hash % buckets`.
   * Default: {@link fnv1a32}. Must be deterministic: changing it orphans every stored key.
   */
  hash?: (key: Buffer) => number;
}

/**
 * A key codec that prefixes one salt byte to the keys of the codec `C`, built by {@link salted}.
 * Not a `KeyCodec`: keys are ordered only within a bucket.
 */
export interface SaltedCodec<C extends Codec<unknown>> {
  /** `salted(<inner name>)`. */
  readonly name: string;
  /** The inner codec's width plus the salt byte, or undefined for a variable-width inner codec. */
  readonly fixedWidth: number | undefined;
  /** The number of buckets, 1 to 256. */
  readonly buckets: number;
  /** The wrapped codec. */
  readonly inner: C;
  /** Encodes the value with the inner codec and prepends its salt byte. */
  encode(value: CodecInput<C>): Buffer;
  /** Strips the salt byte, decodes the rest with the inner codec and checks the salt byte matches it. */
  decode(bytes: Buffer): CodecValue<C>;
  /** The salt byte (bucket) of a value's key. */
  bucketOf(value: CodecInput<C>): number;
  /**
   * Every possible first byte (`0 … buckets - 1`), each followed by `innerPrefix` if given: the
   * `rowPrefix` of each scan in a fan-out. Pass an inner codec's prefix, e.g. a composite's
   * `encodePrefix([...])`, to scan one group of keys across all buckets.
   */
  bucketPrefixes(innerPrefix?: Buffer | Uint8Array): Buffer[];
}

/**
 * Brands the codecs `salted()` made: how the mapper knows a key needs one scan per bucket. A
 * registered symbol, so that a codec made by one copy of the library (the dual package's CommonJS
 * or ES module build) is known to the other's Repository, which would otherwise take it for a
 * plain key and scan a range of salted keys as one run of bytes.
 */
const SALTED = Symbol.for('hbase-mapper.salted');

/**
 * @internal Whether `codec` was made by {@link salted} (of any copy of the library): its keys are
 * one salt byte followed by the inner codec's bytes.
 */
export function isSaltedCodec(codec: unknown): codec is SaltedCodec<Codec<unknown>> {
  return typeof codec === 'object' && codec !== null && (codec as Record<symbol, unknown>)[SALTED] === true;
}

/**
 * Spreads sequential keys (timestamps, counters) over `buckets` regions to avoid a write
 * hot-spot: the key is the inner codec's bytes prefixed with one salt byte,
 * `hash(innerBytes) % buckets` (default hash: {@link fnv1a32}). Decoding checks the salt byte
 * against the rest of the key, which catches keys written with another bucket count or hash.
 *
 * The price: salted keys are not order-preserving across buckets. A scan of the whole table
 * returns bucket 0's keys in order, then bucket 1's, and so on. A range or prefix scan therefore
 * needs one scan per bucket ({@link SaltedCodec.bucketPrefixes}) and a merge of the results
 * (each scan is in inner-key order, so a k-way merge restores the global order). A `Repository`
 * whose row key is salted does this by itself: its `scan`, `count` and `page` take bounds and
 * prefixes of the inner key and return entities in the inner key's order. The salt depends only
 * on the key, so point reads (`row`, `rows`) cost nothing extra. Pre-split the table on the
 * bucket bytes for the spread to reach several region servers.
 *
 * @example
 * ```ts
 * const key = salted(composite([utf8Key, sortableInt64]), { buckets: 16 });
 * await table.put(key.encode(['sensor-1', Date.now()]), data);
 * for (const prefix of key.bucketPrefixes(key.inner.encodePrefix(['sensor-1']))) {
 *   for await (const [row] of table.scan({ rowPrefix: prefix })) collect(key.decode(row)); // then merge
 * }
 * ```
 */
export function salted<C extends Codec<unknown>>(codec: C, options: SaltedOptions): SaltedCodec<C> {
  requireCodec('salted', 'codec', codec, false);
  if (typeof options !== 'object' || options === null) {
    throw CodecError.invalidOption('salted', 'options', 'an object with buckets', options);
  }
  const { buckets, hash = fnv1a32 } = options;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 256) {
    throw CodecError.invalidOption('salted', 'options.buckets', 'an integer from 1 to 256', buckets);
  }
  if (typeof hash !== 'function')
    throw CodecError.invalidOption('salted', 'options.hash', 'a function', hash);
  const name = `salted(${codec.name})`;
  const innerWidth = (codec as { fixedWidth?: unknown }).fixedWidth;

  function saltOf(innerBytes: Buffer): number {
    const h = hash(innerBytes);
    if (!Number.isSafeInteger(h) || h < 0) {
      throw CodecError.invalidValue(name, 'options.hash to return a non-negative integer', h);
    }
    return h % buckets;
  }

  const saltedCodec: SaltedCodec<Codec<unknown>> = {
    name,
    fixedWidth: typeof innerWidth === 'number' ? innerWidth + 1 : undefined,
    buckets,
    inner: codec,
    encode(value: unknown): Buffer {
      const innerBytes = codec.encode(value);
      const out = Buffer.allocUnsafe(innerBytes.length + 1);
      out[0] = saltOf(innerBytes);
      innerBytes.copy(out, 1);
      return out;
    },
    decode(bytes: Buffer): unknown {
      bytes = bytesToDecode(name, bytes);
      if (bytes.length === 0) throw CodecError.wrongLength(name, 'at least 1 byte (the salt)', 0);
      const innerBytes = bytes.subarray(1);
      // The inner codec first: a truncated or malformed key is better reported as such than as
      // a salt mismatch.
      const value = codec.decode(innerBytes);
      const expected = saltOf(innerBytes);
      if (bytes[0] !== expected) {
        throw new CodecError(
          name,
          `expected salt byte ${expected} for this key (${buckets} buckets), got ${bytes[0]}: written with another bucket count or hash?`,
        );
      }
      return value;
    },
    bucketOf: (value: unknown): number => saltOf(codec.encode(value)),
    bucketPrefixes(innerPrefix?: Buffer | Uint8Array): Buffer[] {
      const tail = innerPrefix === undefined ? Buffer.alloc(0) : bytesToDecode(name, innerPrefix);
      return Array.from({ length: buckets }, (_, bucket) => Buffer.concat([Buffer.from([bucket]), tail]));
    },
  };
  Object.defineProperty(saltedCodec, SALTED, { value: true });
  Object.freeze(saltedCodec);
  return saltedCodec as unknown as SaltedCodec<C>;
}
