import { bytesToDecode, requireCodec, requireLength } from './checks';
import type { KeyCodec } from './codec';
import { CodecError } from './codec-error';
import type { BigIntKeyCodec } from './codec-types';
import { escapePart, readEscapedPart } from './escaping';

// Brands variable-width descending codecs: their encoding of a shorter value is not a prefix of
// the encoding of a longer one, which composite's open-ended prefixes need to know. A registered
// symbol, so that a codec of another copy of the library (the dual CJS/ESM package) is known too.
const VARIABLE_WIDTH_DESCENDING = Symbol.for('hbase-mapper.variable-width-descending');
const DESCENDING = Symbol.for('hbase-mapper.descending');

/** @internal Whether the codec is a `descending(...)` codec (of any copy of the library): its bytes sort in reverse. */
export function isDescending(codec: object): boolean {
  return (codec as Record<symbol, unknown>)[DESCENDING] === true;
}

/** @internal Whether the codec is a variable-width `descending(...)` codec, of any copy of the library. */
export function isVariableWidthDescending(codec: object): boolean {
  return (codec as Record<symbol, unknown>)[VARIABLE_WIDTH_DESCENDING] === true;
}

/**
 * Reverses the order of a row-key codec, e.g. for newest-first keys:
 * `descending(sortableInt64)` of a timestamp makes a plain scan return the latest rows first.
 *
 * Fixed-width codecs: every byte is inverted (`b -> 0xff - b`), so the width is unchanged.
 *
 * Variable-width codecs (`utf8Key`, `bytes`, a composite with a variable part) are supported
 * too. Inverting alone would be wrong there, since a key that is a prefix of another would
 * still sort first ("ab" before "abc"); so the inner bytes are first made self-delimiting
 * (0x00 escaped as 0x00 0xff, then a 0x00 0x01 terminator, as in {@link composite}) and then
 * inverted. Such keys are 2 bytes longer plus one byte per zero byte, and `fixedWidth` is
 * undefined.
 *
 * @example
 * ```ts
 * const newestFirst = composite([utf8Key, descending(sortableInt64)]);
 * newestFirst.encode(['sensor-1', Date.now()]);
 * ```
 */
export function descending(codec: BigIntKeyCodec): BigIntKeyCodec;
export function descending<T>(codec: KeyCodec<T>): KeyCodec<T>;
export function descending<T>(codec: KeyCodec<T>): KeyCodec<T> {
  requireCodec('descending', 'codec', codec, true);
  const name = `descending(${codec.name})`;
  const width = codec.fixedWidth;
  if (width !== undefined) {
    const fixed: KeyCodec<T> = {
      name,
      orderPreserving: true as const,
      fixedWidth: width,
      encode(value: T): Buffer {
        const inner = codec.encode(value);
        if (inner.length !== width) {
          throw new CodecError(
            name,
            `${codec.name} returned ${inner.length} bytes, not its fixedWidth ${width}`,
          );
        }
        return inverted(inner);
      },
      decode(bytes: Buffer): T {
        bytes = bytesToDecode(name, bytes);
        requireLength(name, bytes, width);
        return codec.decode(inverted(bytes));
      },
    };
    // Where conditions flip their comparisons on it (see src/mapper/query).
    Object.defineProperty(fixed, DESCENDING, { value: true });
    return Object.freeze(fixed);
  }
  const variable: KeyCodec<T> = {
    name,
    orderPreserving: true as const,
    fixedWidth: undefined,
    encode(value: T): Buffer {
      const escaped = escapePart(codec.encode(value));
      invertInPlace(escaped);
      return escaped;
    },
    decode(bytes: Buffer): T {
      const plain = inverted(bytesToDecode(name, bytes));
      const { part, end } = readEscapedPart(name, plain, 0);
      if (end !== plain.length) {
        throw new CodecError(
          name,
          `expected the key to end after its terminator, got ${plain.length - end} more bytes`,
        );
      }
      return codec.decode(part);
    },
  };
  Object.defineProperty(variable, VARIABLE_WIDTH_DESCENDING, { value: true });
  Object.defineProperty(variable, DESCENDING, { value: true });
  Object.freeze(variable);
  return variable;
}

/** A new Buffer: the source may be the caller's (the `bytes` codec returns its input). */
function inverted(source: Buffer): Buffer {
  const out = Buffer.from(source);
  invertInPlace(out);
  return out;
}

function invertInPlace(buffer: Buffer): void {
  for (let i = 0; i < buffer.length; i++) buffer[i] = ~buffer[i]! & 0xff;
}
