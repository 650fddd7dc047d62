// Shared property checks for the codec suites (not a test file itself: jest runs *.test.ts).
import fc from 'fast-check';
import { type Codec, CodecError } from '../../../src/codecs';

/** `decode(encode(v))` equals `v` (Jest's toEqual: -0 and 0 differ, NaN equals NaN). */
export function expectRoundTrip<T>(codec: Codec<T>, values: fc.Arbitrary<T>): void {
  fc.assert(
    fc.property(values, (value) => {
      expect(codec.decode(codec.encode(value))).toEqual(value);
    }),
  );
}

/** The byte order of encodings equals the logical order given by `compare`. */
export function expectOrderPreserving<T>(
  codec: { encode(value: T): Buffer },
  values: fc.Arbitrary<T>,
  compare: (a: T, b: T) => number,
): void {
  fc.assert(
    fc.property(values, values, (a, b) => {
      expect(Math.sign(Buffer.compare(codec.encode(a), codec.encode(b)))).toBe(Math.sign(compare(a, b)));
    }),
  );
}

/** `action` throws a CodecError naming `codec`, whose message matches `message`. */
export function expectCodecError(action: () => unknown, codec: string, message: string | RegExp): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CodecError);
  expect((thrown as CodecError).codec).toBe(codec);
  if (typeof message === 'string') expect((thrown as CodecError).message).toBe(message);
  else expect((thrown as CodecError).message).toMatch(message);
}

/** Bytes from a hex string with optional spaces: `hex('00 01')`. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** Numeric order for numbers and bigints. */
export function compareNumbers<T extends number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unicode code point order: the order of UTF-8 bytes (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Byte-wise order of byte arrays. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

/**
 * Java's Double.compare: numeric, with -0 before 0 and NaN after everything (equal to itself).
 */
export function compareDoubles(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
  if (a !== b) return a < b ? -1 : 1;
  return Number(!Object.is(a, -0)) - Number(!Object.is(b, -0));
}

/** Well-formed text over the whole Unicode range, U+0000 and astral characters included. */
export const anyText = (maxLength = 12): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    // Short strings over a tiny alphabet make equal prefixes and NULs common.
    fc.string({ unit: fc.constantFrom('\0', 'a', 'b', '\u00ff', '\u{10ffff}', '\uffff'), maxLength: 5 }),
  );
