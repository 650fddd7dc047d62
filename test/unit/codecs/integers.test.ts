import fc from 'fast-check';
import { counter, int16, int32, int64 } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip, hex } from './support';

describe('int16', () => {
  it('round-trips every 16-bit integer', () => {
    expectRoundTrip(int16, fc.integer({ min: -32768, max: 32767 }));
  });

  it('writes 2 bytes, big-endian two-complement', () => {
    expect(int16.encode(0x1234)).toEqual(hex('12 34'));
    expect(int16.encode(-2)).toEqual(hex('ff fe'));
  });

  it('rejects non-integers, out-of-range values and other types', () => {
    const message = (got: string) => `int16 codec: expected an integer from -32768 to 32767, got ${got}`;
    expectCodecError(() => int16.encode(32768), 'int16', message('32768'));
    expectCodecError(() => int16.encode(-32769), 'int16', message('-32769'));
    expectCodecError(() => int16.encode(0.5), 'int16', message('0.5'));
    expectCodecError(() => int16.encode(Number.NaN), 'int16', message('NaN'));
    expectCodecError(() => int16.encode(1n as never), 'int16', message('1n'));
  });

  it('rejects bytes of the wrong length', () => {
    expectCodecError(() => int16.decode(hex('01')), 'int16', 'int16 codec: expected 2 bytes, got 1');
    expectCodecError(() => int16.decode(hex('00 00 01')), 'int16', 'int16 codec: expected 2 bytes, got 3');
  });
});

describe('int32', () => {
  it('round-trips every 32-bit integer', () => {
    expectRoundTrip(int32, fc.integer());
  });

  it('stores -0 as 0', () => {
    expect(int32.encode(-0)).toEqual(hex('00 00 00 00'));
    expect(Object.is(int32.decode(int32.encode(-0)), 0)).toBe(true);
  });

  it('rejects non-integers and values out of range, with the range in the message', () => {
    expectCodecError(
      () => int32.encode(1.5),
      'int32',
      'int32 codec: expected an integer from -2147483648 to 2147483647, got 1.5',
    );
    expectCodecError(() => int32.encode(2 ** 31), 'int32', /got 2147483648$/);
    expectCodecError(() => int32.encode(-(2 ** 31) - 1), 'int32', /got -2147483649$/);
    expectCodecError(() => int32.encode(Number.POSITIVE_INFINITY), 'int32', /got Infinity$/);
    expectCodecError(() => int32.encode('7' as never), 'int32', /got "7"$/);
  });

  it('rejects bytes of the wrong length', () => {
    expectCodecError(() => int32.decode(hex('00 00 01')), 'int32', 'int32 codec: expected 4 bytes, got 3');
    expectCodecError(() => int32.decode(Buffer.alloc(8)), 'int32', 'int32 codec: expected 4 bytes, got 8');
  });
});

describe.each([
  ['int64', int64],
  ['counter', counter],
])('%s', (name, codec) => {
  it('round-trips every signed 64-bit bigint', () => {
    expectRoundTrip(codec, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
  });

  it('also encodes safe-integer numbers, to the same bytes as the bigint', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(codec.encode(n)).toEqual(codec.encode(BigInt(n)));
        expect(codec.decode(codec.encode(n))).toBe(BigInt(n));
      }),
    );
  });

  it('rejects bigints out of range, unsafe or fractional numbers and other types', () => {
    const expected = `${name} codec: expected a bigint from -9223372036854775808 to 9223372036854775807 or a safe-integer number, got`;
    expectCodecError(() => codec.encode(2n ** 63n), name, `${expected} a bigint of 19 characters (9223…)`);
    expectCodecError(
      () => codec.encode(-(2n ** 63n) - 1n),
      name,
      `${expected} a bigint of 20 characters (-922…)`,
    );
    expectCodecError(() => codec.encode(2 ** 53), name, `${expected} a number of 16 characters (9007…)`);
    expectCodecError(() => codec.encode(1.5), name, `${expected} 1.5`);
    expectCodecError(() => codec.encode(Number.NaN), name, `${expected} NaN`);
    expectCodecError(() => codec.encode('1' as never), name, `${expected} "1"`);
  });

  it('rejects bytes of the wrong length (HBase cannot increment those either)', () => {
    expectCodecError(() => codec.decode(hex('00 00 00 2a')), name, `${name} codec: expected 8 bytes, got 4`);
    expectCodecError(() => codec.decode(Buffer.alloc(9)), name, `${name} codec: expected 8 bytes, got 9`);
  });
});

describe('counter', () => {
  it('writes the same bytes as int64, under its own name', () => {
    expect(counter.name).toBe('counter');
    expect(counter.encode(42n)).toEqual(int64.encode(42n));
    expect(counter.decode(hex('00 00 00 00 00 00 00 2a'))).toBe(42n);
  });
});
