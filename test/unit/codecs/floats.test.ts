import fc from 'fast-check';
import { float32, float64 } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip, hex } from './support';

describe('float32', () => {
  it('round-trips every float32 value, NaN, ±Infinity and -0 included', () => {
    expectRoundTrip(float32, fc.float());
    expect(Object.is(float32.decode(float32.encode(-0)), -0)).toBe(true);
  });

  it('rounds other numbers to the nearest float32, like a Java (float) cast', () => {
    fc.assert(
      fc.property(fc.double({ min: -3e38, max: 3e38, noNaN: true }), (value) => {
        expect(float32.decode(float32.encode(value))).toBe(Math.fround(value));
      }),
    );
    expect(float32.decode(float32.encode(0.1))).toBe(Math.fround(0.1));
  });

  it('rejects a finite number beyond the float32 range instead of storing Infinity', () => {
    expectCodecError(
      () => float32.encode(1e39),
      'float32',
      'float32 codec: expected a number within the float32 range (±3.4028234663852886e38), got 1e+39',
    );
    expectCodecError(() => float32.encode(-Number.MAX_VALUE), 'float32', /float32 range/);
    expect(float32.encode(Number.POSITIVE_INFINITY)).toEqual(hex('7f 80 00 00'));
  });

  it('rejects non-numbers and bytes of the wrong length', () => {
    expectCodecError(
      () => float32.encode('1.5' as never),
      'float32',
      'float32 codec: expected a number, got "1.5"',
    );
    expectCodecError(
      () => float32.decode(Buffer.alloc(8)),
      'float32',
      'float32 codec: expected 4 bytes, got 8',
    );
  });
});

describe('float64', () => {
  it('round-trips every double exactly, NaN, ±Infinity and -0 included', () => {
    expectRoundTrip(float64, fc.double());
    for (const value of [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.MIN_VALUE, -Number.MAX_VALUE]) {
      expect(float64.decode(float64.encode(value))).toEqual(value);
    }
  });

  it('writes IEEE 754 big-endian', () => {
    expect(float64.encode(1.5)).toEqual(hex('3f f8 00 00 00 00 00 00'));
    expect(float64.encode(-2)).toEqual(hex('c0 00 00 00 00 00 00 00'));
  });

  it('rejects non-numbers and bytes of the wrong length', () => {
    expectCodecError(
      () => float64.encode(1n as never),
      'float64',
      'float64 codec: expected a number, got 1n',
    );
    expectCodecError(
      () => float64.decode(hex('3f f8 00 00')),
      'float64',
      'float64 codec: expected 8 bytes, got 4',
    );
  });
});
