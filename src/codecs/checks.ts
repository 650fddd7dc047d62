import { types } from 'node:util';
import type { KeyCodec } from './codec';
import { CodecError, isCodecError } from './codec-error';

/**
 * @internal The bytes handed to `decode`, as a Buffer. A Uint8Array is viewed, not copied; any
 * other value is a caller's bug that would otherwise surface as a confusing TypeError.
 */
export function bytesToDecode(codec: string, bytes: unknown): Buffer {
  if (Buffer.isBuffer(bytes)) return bytes;
  if (types.isUint8Array(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw CodecError.invalidValue(codec, 'a Buffer to decode', bytes);
}

/** @internal Decodes-side length check: `int32 codec: expected 4 bytes, got 3`. */
export function requireLength(codec: string, bytes: Buffer, expected: number): void {
  if (bytes.length !== expected) throw CodecError.wrongLength(codec, expected, bytes.length);
}

/** @internal An integer number within [min, max]; `-0` passes (it is stored as 0). */
export function requireInteger(codec: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw CodecError.invalidValue(codec, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * @internal A signed 64-bit integer, as a bigint, from a bigint or a safe-integer number. Unsafe
 * numbers are rejected rather than rounded: 2^53 + 1 has already lost its last bit.
 */
export function requireInt64(codec: string, value: unknown): bigint {
  if (typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw CodecError.invalidValue(
    codec,
    `a bigint from ${INT64_MIN} to ${INT64_MAX} or a safe-integer number`,
    value,
  );
}

/** @internal A number of any value (NaN and infinities included). */
export function requireNumber(codec: string, value: unknown): number {
  if (typeof value !== 'number') throw CodecError.invalidValue(codec, 'a number', value);
  return value;
}

/**
 * @internal Validates a codec handed to a factory (`descending`, `composite`, `salted`), so that a
 * wrong argument fails when the codec is built, not at the first write.
 */
export function requireCodec(factory: string, argument: string, codec: unknown, key: boolean): void {
  const c = codec as Partial<KeyCodec<unknown>> | null;
  const isCodec =
    typeof c === 'object' &&
    c !== null &&
    typeof c.name === 'string' &&
    typeof c.encode === 'function' &&
    typeof c.decode === 'function';
  if (!isCodec) throw CodecError.invalidOption(factory, argument, key ? 'a KeyCodec' : 'a Codec', codec);
  if (!key) return;
  if (c.orderPreserving !== true) {
    throw CodecError.invalidOption(
      factory,
      argument,
      'an order-preserving KeyCodec (e.g. sortableInt64, not int64)',
      c.name,
    );
  }
  const width = c.fixedWidth;
  if (width !== undefined && !(Number.isSafeInteger(width) && width > 0)) {
    throw CodecError.invalidOption(
      factory,
      `${argument}.fixedWidth`,
      'a positive integer or undefined',
      width,
    );
  }
}

/**
 * @internal Runs what a multi-part codec (`composite`, `delimited`) asks of the codec of one part,
 * rethrowing that codec's error as the whole codec's, naming the part's position:
 * `composite(utf8Key, int32) codec: part 1: int32 codec: expected 4 bytes, got 3`.
 */
export function inPart<R>(codec: string, index: number, action: () => R): R {
  try {
    return action();
  } catch (error) {
    if (isCodecError(error)) throw new CodecError(codec, `part ${index}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * @internal Checks the arguments of a multi-part codec's `encodePrefix`: an array of at most
 * `parts` leading parts, and an optional boolean `partialLast`, which it returns.
 */
export function requirePrefixArguments(
  codec: string,
  parts: number,
  leadingParts: unknown,
  options: { partialLast?: unknown } | undefined,
): boolean {
  if (!Array.isArray(leadingParts) || leadingParts.length > parts) {
    throw CodecError.invalidValue(codec, `an array of at most ${parts} leading parts`, leadingParts);
  }
  const partialLast = options?.partialLast ?? false;
  if (typeof partialLast !== 'boolean') {
    throw CodecError.invalidOption(codec, 'options.partialLast', 'a boolean', partialLast);
  }
  return partialLast;
}
