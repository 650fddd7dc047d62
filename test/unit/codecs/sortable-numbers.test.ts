import fc from 'fast-check';
import { sortableFloat64, sortableInt32, sortableInt64 } from '../../../src/codecs';
import {
  compareDoubles,
  compareNumbers,
  expectCodecError,
  expectOrderPreserving,
  expectRoundTrip,
  hex,
} from './support';

describe('sortableInt32', () => {
  it('is a fixed-width key codec', () => {
    expect(sortableInt32.orderPreserving).toBe(true);
    expect(sortableInt32.fixedWidth).toBe(4);
  });

  it('round-trips every 32-bit integer', () => {
    expectRoundTrip(sortableInt32, fc.integer());
  });

  it('preserves order, negatives included', () => {
    expectOrderPreserving(sortableInt32, fc.integer(), compareNumbers);
    const sorted = [-2147483648, -256, -1, 0, 1, 255, 2147483647];
    const keys = sorted.map((v) => sortableInt32.encode(v));
    expect([...keys].sort(Buffer.compare)).toEqual(keys);
  });

  it('flips the sign bit of the big-endian bytes', () => {
    expect(sortableInt32.encode(-2147483648)).toEqual(hex('00 00 00 00'));
    expect(sortableInt32.encode(-1)).toEqual(hex('7f ff ff ff'));
    expect(sortableInt32.encode(0)).toEqual(hex('80 00 00 00'));
    expect(sortableInt32.encode(-0)).toEqual(hex('80 00 00 00'));
    expect(sortableInt32.encode(2147483647)).toEqual(hex('ff ff ff ff'));
  });

  it('rejects invalid values and bytes of the wrong length', () => {
    expectCodecError(
      () => sortableInt32.encode(1.5),
      'sortableInt32',
      'sortableInt32 codec: expected an integer from -2147483648 to 2147483647, got 1.5',
    );
    expectCodecError(() => sortableInt32.encode(2 ** 31), 'sortableInt32', /got 2147483648$/);
    expectCodecError(
      () => sortableInt32.decode(hex('80 00')),
      'sortableInt32',
      'sortableInt32 codec: expected 4 bytes, got 2',
    );
  });
});

describe('sortableInt64', () => {
  const int64s = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

  it('is a fixed-width key codec', () => {
    expect(sortableInt64.orderPreserving).toBe(true);
    expect(sortableInt64.fixedWidth).toBe(8);
  });

  it('round-trips every signed 64-bit integer, and safe-integer numbers', () => {
    expectRoundTrip(sortableInt64, int64s);
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) =>
        expect(sortableInt64.decode(sortableInt64.encode(n))).toBe(BigInt(n)),
      ),
    );
  });

  it('preserves order, negatives included', () => {
    expectOrderPreserving(sortableInt64, int64s, compareNumbers);
    expectOrderPreserving(sortableInt64, fc.bigInt({ min: -300n, max: 300n }), compareNumbers);
  });

  it('flips the sign bit of the big-endian bytes', () => {
    expect(sortableInt64.encode(-(2n ** 63n))).toEqual(hex('00 00 00 00 00 00 00 00'));
    expect(sortableInt64.encode(-1n)).toEqual(hex('7f ff ff ff ff ff ff ff'));
    expect(sortableInt64.encode(0)).toEqual(hex('80 00 00 00 00 00 00 00'));
    expect(sortableInt64.encode(2n ** 63n - 1n)).toEqual(hex('ff ff ff ff ff ff ff ff'));
  });

  it('rejects invalid values and bytes of the wrong length', () => {
    expectCodecError(
      () => sortableInt64.encode(2n ** 63n),
      'sortableInt64',
      /got a bigint of 19 characters \(9223…\)$/,
    );
    expectCodecError(
      () => sortableInt64.encode(2 ** 53),
      'sortableInt64',
      /safe-integer number, got a number of 16 characters \(9007…\)$/,
    );
    expectCodecError(
      () => sortableInt64.decode(Buffer.alloc(7)),
      'sortableInt64',
      'sortableInt64 codec: expected 8 bytes, got 7',
    );
  });
});

describe('sortableFloat64', () => {
  const specials = fc.constantFrom(
    0,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
  );
  const doubles = fc.oneof(fc.double(), specials);

  it('is a fixed-width key codec', () => {
    expect(sortableFloat64.orderPreserving).toBe(true);
    expect(sortableFloat64.fixedWidth).toBe(8);
  });

  it('round-trips every double, -0 and NaN included', () => {
    expectRoundTrip(sortableFloat64, doubles);
    expect(Object.is(sortableFloat64.decode(sortableFloat64.encode(-0)), -0)).toBe(true);
    expect(sortableFloat64.decode(sortableFloat64.encode(Number.NaN))).toBeNaN();
  });

  it("preserves Java's Double.compare order: -Infinity < negatives < -0 < 0 < positives < Infinity < NaN", () => {
    expectOrderPreserving(sortableFloat64, doubles, compareDoubles);
    const sorted = [
      Number.NEGATIVE_INFINITY,
      -Number.MAX_VALUE,
      -1.5,
      -Number.MIN_VALUE,
      -0,
      0,
      Number.MIN_VALUE,
      1.5,
      Number.MAX_VALUE,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ];
    const keys = sorted.map((v) => sortableFloat64.encode(v));
    expect([...keys].sort(Buffer.compare)).toEqual(keys);
  });

  it('flips the sign bit of non-negative numbers and inverts negative ones', () => {
    expect(sortableFloat64.encode(1.5)).toEqual(hex('bf f8 00 00 00 00 00 00'));
    expect(sortableFloat64.encode(-1.5)).toEqual(hex('40 07 ff ff ff ff ff ff'));
    expect(sortableFloat64.encode(0)).toEqual(hex('80 00 00 00 00 00 00 00'));
    expect(sortableFloat64.encode(-0)).toEqual(hex('7f ff ff ff ff ff ff ff'));
  });

  it('stores every NaN as one canonical key, after +Infinity', () => {
    const payloadNaN = new Float64Array(new BigUint64Array([0xfff8_0000_0000_0001n]).buffer)[0]!;
    expect(payloadNaN).toBeNaN();
    expect(sortableFloat64.encode(payloadNaN)).toEqual(hex('ff f8 00 00 00 00 00 00'));
    expect(sortableFloat64.encode(Number.NaN)).toEqual(hex('ff f8 00 00 00 00 00 00'));
  });

  it('rejects non-numbers and bytes of the wrong length', () => {
    expectCodecError(
      () => sortableFloat64.encode('1' as never),
      'sortableFloat64',
      'sortableFloat64 codec: expected a number, got "1"',
    );
    expectCodecError(
      () => sortableFloat64.decode(Buffer.alloc(4)),
      'sortableFloat64',
      'sortableFloat64 codec: expected 8 bytes, got 4',
    );
  });

  it('does not modify the bytes it decodes', () => {
    const key = sortableFloat64.encode(-2.5);
    const copy = Buffer.from(key);
    sortableFloat64.decode(key);
    expect(key).toEqual(copy);
  });
});
