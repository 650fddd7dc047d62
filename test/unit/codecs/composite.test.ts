import fc from 'fast-check';
import {
  bytes,
  composite,
  descending,
  fixedString,
  int32,
  type KeyCodec,
  salted,
  sortableFloat64,
  sortableInt32,
  sortableInt64,
  utf8Key,
} from '../../../src/codecs';
import {
  anyText,
  compareBytes,
  compareCodePoints,
  compareDoubles,
  compareNumbers,
  expectCodecError,
  expectOrderPreserving,
  expectRoundTrip,
  hex,
} from './support';

/** Part-by-part (lexicographic) order of tuples. */
function compareTuples(...compares: Array<(a: never, b: never) => number>) {
  return (a: readonly unknown[], b: readonly unknown[]) => {
    for (let i = 0; i < compares.length; i++) {
      const c = compares[i]!(a[i] as never, b[i] as never);
      if (c !== 0) return c;
    }
    return 0;
  };
}
const reversed =
  <T>(compare: (a: T, b: T) => number) =>
  (a: T, b: T) =>
    compare(b, a);

const smallInts = fc.integer({ min: -3, max: 3 });
const trickyBytes = fc
  .oneof(
    fc.array(fc.constantFrom(0x00, 0x01, 0xfe, 0xff), { maxLength: 4 }),
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }),
  )
  .map((b) => Buffer.from(b));
const doubles = fc.oneof(fc.double(), fc.constantFrom(-0, 0, Number.NaN, -1, 1));

describe('composite', () => {
  it('concatenates fixed-width parts and escapes and terminates variable-width ones', () => {
    const key = composite([utf8Key, sortableInt32, bytes]);
    expect(key.encode(['a\0', -1, hex('ff')])).toEqual(hex('61 00 ff 00 01  7f ff ff ff  ff 00 01'));
    expect(composite([sortableInt32, fixedString(2)]).encode([0, 'FR'])).toEqual(hex('80 00 00 00 46 52'));
  });

  it('has a name, the parts and a width', () => {
    const fixed = composite([sortableInt32, descending(sortableInt64), fixedString(3)]);
    expect(fixed.name).toBe('composite(sortableInt32, descending(sortableInt64), fixedString(3))');
    expect(fixed.orderPreserving).toBe(true);
    expect(fixed.fixedWidth).toBe(15);
    expect(fixed.parts).toHaveLength(3);
    expect(composite([sortableInt32, utf8Key]).fixedWidth).toBeUndefined();
  });

  describe('round-trips and preserves the order of tuples, part by part', () => {
    it('fixed-width parts, negatives and -0 included', () => {
      const key = composite([sortableInt32, sortableFloat64, sortableInt64]);
      const values = fc.tuple(smallInts, doubles, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
      expectRoundTrip(key, values);
      expectOrderPreserving(key, values, compareTuples(compareNumbers, compareDoubles, compareNumbers));
    });

    it('variable-width text with U+0000 first, then a number', () => {
      const key = composite([utf8Key, sortableInt32]);
      const values = fc.tuple(anyText(5), smallInts);
      expectRoundTrip(key, values);
      expectOrderPreserving(key, values, compareTuples(compareCodePoints, compareNumbers));
    });

    it('two variable-width parts of bytes with 0x00, 0x01 and 0xff', () => {
      const key = composite([bytes, bytes, utf8Key]);
      const values = fc.tuple(trickyBytes, trickyBytes, anyText(3));
      expectRoundTrip(key, values);
      expectOrderPreserving(key, values, compareTuples(compareBytes, compareBytes, compareCodePoints));
    });

    it('descending parts, fixed and variable', () => {
      const key = composite([
        descending(utf8Key),
        descending(sortableInt32),
        fixedString(2),
        descending(bytes),
      ]);
      const values = fc.tuple(anyText(3), smallInts, fc.constantFrom('', 'a', 'ab', 'b', 'é'), trickyBytes);
      expectRoundTrip(key, values);
      expectOrderPreserving(
        key,
        values,
        compareTuples(
          reversed(compareCodePoints),
          reversed(compareNumbers),
          compareCodePoints,
          reversed(compareBytes),
        ),
      );
    });

    it('nested composites', () => {
      const key = composite([composite([utf8Key, sortableInt32]), utf8Key]);
      const values = fc.tuple(fc.tuple(anyText(3), smallInts), anyText(3));
      expectRoundTrip(key, values);
      expectOrderPreserving(
        key,
        values,
        compareTuples(compareTuples(compareCodePoints, compareNumbers), compareCodePoints),
      );
    });

    it('examples: a shorter first part sorts first whatever follows', () => {
      const key = composite([utf8Key, sortableInt32]);
      const sorted: Array<[string, number]> = [
        ['', 5],
        ['a', 2147483647],
        ['a\0', -5],
        ['a\0\0', 0],
        ['a\x01', 0],
        ['ab', -2147483648],
      ];
      const keys = sorted.map((t) => key.encode(t));
      expect([...keys].sort(Buffer.compare)).toEqual(keys);
    });
  });

  it('never encodes one tuple as a prefix of another', () => {
    const key = composite([bytes, sortableInt32, utf8Key]);
    const values = fc.tuple(trickyBytes, smallInts, anyText(3));
    fc.assert(
      fc.property(values, values, (a, b) => {
        const x = key.encode(a);
        const y = key.encode(b);
        if (!x.equals(y)) expect(y.subarray(0, x.length).equals(x)).toBe(false);
        else expect(key.decode(y)).toEqual(a);
      }),
    );
  });

  it('accepts numbers for a sortableInt64 part, as sortableInt64 does', () => {
    const key = composite([utf8Key, sortableInt64]);
    expect(key.encode(['a', 5])).toEqual(key.encode(['a', 5n]));
    expect(key.decode(key.encode(['a', 5]))).toEqual(['a', 5n]);
  });

  it('decodes fixed-width parts as views of the key (no copy)', () => {
    const key = composite([sortableInt32, bytes, composite([bytes, sortableInt32])]);
    const encoded = key.encode([1, hex('aa'), [hex('bb'), 2]]);
    const [, raw] = key.decode(encoded);
    expect(raw.buffer).toBe(encoded.buffer);
  });

  describe('encodePrefix', () => {
    const key = composite([utf8Key, sortableInt32, descending(sortableInt64)]);
    const values = fc.tuple(anyText(3), smallInts, fc.bigInt({ min: -3n, max: 3n }));

    it('is the start of every key with those leading parts, and of no other', () => {
      fc.assert(
        fc.property(values, values, fc.integer({ min: 0, max: 3 }), (a, b, count) => {
          const prefix = key.encodePrefix(a.slice(0, count) as never);
          const startsWith = (k: Buffer) => k.subarray(0, prefix.length).equals(prefix);
          expect(startsWith(key.encode(a))).toBe(true);
          const sameLeading = a.slice(0, count).every((v, i) => v === b[i]);
          expect(startsWith(key.encode(b))).toBe(sameLeading);
        }),
      );
    });

    it('is empty for no parts and equals encode for all of them', () => {
      expect(key.encodePrefix([])).toEqual(Buffer.alloc(0));
      expect(key.encodePrefix(['a', 1, 2n])).toEqual(key.encode(['a', 1, 2n]));
      expect(key.encodePrefix(['a'])).toEqual(hex('61 00 01'));
      expect(key.encodePrefix(['a', -1])).toEqual(hex('61 00 01 7f ff ff ff'));
    });

    it('matches a whole variable-width part: "Par" is not a prefix of "Paris"', () => {
      const prefix = key.encodePrefix(['Par']);
      expect(key.encode(['Paris', 0, 0n]).subarray(0, prefix.length).equals(prefix)).toBe(false);
      expect(key.encode(['Par', 0, 0n]).subarray(0, prefix.length).equals(prefix)).toBe(true);
    });

    it('with partialLast matches the keys whose last given part starts with it', () => {
      const text = fc.string({ unit: fc.constantFrom('\0', 'a', 'b', '\u{10ffff}'), maxLength: 4 });
      fc.assert(
        fc.property(fc.tuple(text, smallInts, fc.bigInt({ min: -3n, max: 3n })), text, (value, start) => {
          const prefix = key.encodePrefix([start], { partialLast: true });
          const encoded = key.encode(value);
          expect(encoded.subarray(0, prefix.length).equals(prefix)).toBe(value[0].startsWith(start));
        }),
      );
      expect(key.encodePrefix(['Par'], { partialLast: true })).toEqual(Buffer.from('Par'));
      const nested = composite([bytes, utf8Key]);
      expect(nested.encodePrefix([hex('00'), 'x'], { partialLast: true })).toEqual(hex('00 ff 00 01 78'));
    });

    it('rejects partialLast where it cannot work', () => {
      const name = 'composite(utf8Key, sortableInt32, descending(sortableInt64))';
      expectCodecError(
        () => key.encodePrefix([], { partialLast: true }),
        name,
        `${name} codec: partialLast needs at least one leading part`,
      );
      expectCodecError(
        () => key.encodePrefix(['a', 1], { partialLast: true }),
        name,
        `${name} codec: partialLast needs a last part whose codec encodes a value's prefix as a byte prefix (e.g. utf8Key), got sortableInt32`,
      );
      expectCodecError(
        () => composite([descending(utf8Key)]).encodePrefix(['a'], { partialLast: true }),
        'composite(descending(utf8Key))',
        /got descending\(utf8Key\)$/,
      );
      expectCodecError(
        () => key.encodePrefix(['a'], { partialLast: 1 as never }),
        name,
        /invalid options.partialLast: expected a boolean, got 1$/,
      );
    });

    it('rejects too many parts, non-arrays and invalid parts', () => {
      const name = 'composite(utf8Key, sortableInt32, descending(sortableInt64))';
      expectCodecError(
        () => key.encodePrefix(['a', 1, 2n, 3] as never),
        name,
        `${name} codec: expected an array of at most 3 leading parts, got an array of 4 items`,
      );
      expectCodecError(() => key.encodePrefix('a' as never), name, /got "a"$/);
      expectCodecError(
        () => key.encodePrefix(['a', 1.5]),
        name,
        /^composite\(.*\) codec: part 1: sortableInt32 codec: expected an integer/,
      );
    });
  });

  describe('errors', () => {
    const key = composite([utf8Key, sortableInt32]);
    const name = 'composite(utf8Key, sortableInt32)';

    it('encode: not a tuple of the right length', () => {
      expectCodecError(
        () => key.encode(['a'] as never),
        name,
        `${name} codec: expected an array of 2 parts, got an array of 1 items`,
      );
      expectCodecError(
        () => key.encode('a' as never),
        name,
        `${name} codec: expected an array of 2 parts, got "a"`,
      );
    });

    it("encode: a part's error names the part, and keeps the part codec's error as cause", () => {
      expectCodecError(
        () => key.encode(['a', 1.5]),
        name,
        `${name} codec: part 1: sortableInt32 codec: expected an integer from -2147483648 to 2147483647, got 1.5`,
      );
      try {
        key.encode([7 as never, 1]);
      } catch (error) {
        expect((error as Error).cause).toMatchObject({ codec: 'utf8Key' });
      }
    });

    it('decode: truncated, unterminated or trailing bytes', () => {
      expectCodecError(
        () => key.decode(hex('61 62')),
        name,
        `${name} codec: a variable-width part starting at byte 0 has no terminator (0x00 0x01)`,
      );
      expectCodecError(
        () => key.decode(hex('61 00 01 80 00')),
        name,
        `${name} codec: expected at least 7 bytes to read part 1 (sortableInt32), got 5`,
      );
      expectCodecError(
        () => key.decode(hex('61 00 01 80 00 00 00 99')),
        name,
        `${name} codec: expected the key to end after its last part at byte 7, got 1 more bytes`,
      );
      expectCodecError(() => key.decode(hex('61 00 02 80 00 00 00')), name, /invalid escape at byte 1/);
      expectCodecError(
        () => key.decode(hex('ff 00 01 80 00 00 00')),
        name,
        `${name} codec: part 0: utf8Key codec: expected UTF-8 text, got 1 bytes that are not`,
      );
    });

    it('decode: an all-fixed composite checks the total length first', () => {
      const fixed = composite([sortableInt32, sortableInt32]);
      expectCodecError(
        () => fixed.decode(Buffer.alloc(7)),
        'composite(sortableInt32, sortableInt32)',
        'composite(sortableInt32, sortableInt32) codec: expected 8 bytes, got 7',
      );
    });

    it('rejects a part that breaks its fixedWidth promise', () => {
      const liar: KeyCodec<number> = { ...sortableInt32, name: 'liar', fixedWidth: 2 };
      expectCodecError(
        () => composite([liar]).encode([1]),
        'composite(liar)',
        'composite(liar) codec: part 0: liar returned 4 bytes, not its fixedWidth 2',
      );
    });

    it('construction: no parts, or a part that is not an order-preserving KeyCodec', () => {
      expectCodecError(
        () => composite([]),
        'composite',
        'composite codec: invalid parts: expected a non-empty array of KeyCodecs, got an array of 0 items',
      );
      expectCodecError(
        () => composite('x' as never),
        'composite',
        /invalid parts: expected a non-empty array of KeyCodecs, got "x"$/,
      );
      expectCodecError(
        () => composite([utf8Key, int32 as never]),
        'composite',
        'composite codec: invalid parts[1]: expected an order-preserving KeyCodec (e.g. sortableInt64, not int64), got "int32"',
      );
      expectCodecError(
        () => composite([salted(sortableInt32, { buckets: 4 }) as never]),
        'composite',
        /invalid parts\[0\]: expected an order-preserving KeyCodec/,
      );
      expectCodecError(
        () => composite([{}] as never),
        'composite',
        'composite codec: invalid parts[0]: expected a KeyCodec, got an object (Object)',
      );
    });
  });
});

// Compile-time checks (run by tsc, not jest): the tuple types follow the parts.
export function typeChecks(buffer: Buffer): void {
  const key = composite([utf8Key, sortableInt64, descending(sortableInt32)]);
  const decoded: [string, bigint, number] = key.decode(buffer);
  key.encode(['a', 1, 2]);
  key.encode(['a', 1n, 2]);
  key.encodePrefix([]);
  key.encodePrefix(['a']);
  key.encodePrefix(['a', 1n]);
  key.encodePrefix(['a', 1n] as const);
  // @ts-expect-error a tuple of the wrong length
  key.encode(['a', 1n]);
  // @ts-expect-error a part of the wrong type
  key.encode(['a', 'b', 2]);
  // @ts-expect-error leading parts must be leading
  key.encodePrefix([1n]);
  const asKeyCodec: KeyCodec<[string, bigint, number]> = key;
  const nested = composite([key, utf8Key]);
  const nestedValue: [[string, bigint, number], string] = nested.decode(buffer);
  void [decoded, asKeyCodec, nestedValue];
}

describe('codecs of another copy of the library (the dual CJS/ESM package)', () => {
  let other: typeof import('../../../src/codecs') | undefined;
  jest.isolateModules(() => {
    other = require('../../../src/codecs');
  });

  it('a variable-width descending codec of the other copy is still refused as a partialLast part', () => {
    expect(other!.descending).not.toBe(descending);
    const mixed = composite([other!.descending(utf8Key)]);
    expect(() => mixed.encodePrefix(['a'], { partialLast: true })).toThrow(/got descending\(utf8Key\)$/);
  });

  it("a CodecError of the other copy's part is wrapped with its part number", () => {
    const mixed = composite([utf8Key, other!.sortableInt32]);
    expect(() => mixed.encode(['a', 1.5])).toThrow(/part 1/);
  });
});
