// int8 (Java byte), char16 (Java char) and bigDecimal (Bytes.toBytes(BigDecimal)): byte vectors
// derived from the Java definitions, and properties against independent oracles.
import fc from 'fast-check';
import { bigDecimal, char16, int8 } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip, hex } from './support';

describe('int8 (Java byte)', () => {
  it('round-trips every byte value', () => {
    expectRoundTrip(int8, fc.integer({ min: -128, max: 127 }));
  });

  it('writes one byte of two complement, as Java stores a byte', () => {
    expect(int8.encode(0)).toEqual(hex('00'));
    expect(int8.encode(127)).toEqual(hex('7f'));
    expect(int8.encode(-1)).toEqual(hex('ff'));
    expect(int8.encode(-128)).toEqual(hex('80'));
    expect(int8.decode(hex('fe'))).toBe(-2);
  });

  it('rejects values a Java byte cannot hold and bytes of another length', () => {
    expectCodecError(
      () => int8.encode(128),
      'int8',
      'int8 codec: expected an integer from -128 to 127, got 128',
    );
    expectCodecError(() => int8.encode(1.5), 'int8', /got 1\.5$/);
    expectCodecError(() => int8.encode('1' as never), 'int8', /got "1"$/);
    expectCodecError(() => int8.decode(hex('0001')), 'int8', 'int8 codec: expected 1 byte, got 2');
    expectCodecError(() => int8.decode(Buffer.alloc(0)), 'int8', 'int8 codec: expected 1 byte, got 0');
  });
});

describe('char16 (Java char)', () => {
  it('round-trips every UTF-16 code unit, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (unit) => {
        const value = String.fromCharCode(unit);
        const bytes = char16.encode(value);
        expect(bytes.readUInt16BE(0)).toBe(unit);
        expect(bytes.length).toBe(2);
        expect(char16.decode(bytes)).toBe(value);
      }),
    );
  });

  it('writes 2 bytes big-endian, as ByteBuffer.putChar / DataOutput.writeChar', () => {
    expect(char16.encode('A')).toEqual(hex('0041'));
    expect(char16.encode('é')).toEqual(hex('00e9'));
    expect(char16.encode('€')).toEqual(hex('20ac'));
    expect(char16.decode(hex('ffff'))).toBe('\uffff');
  });

  it('rejects anything but one code unit, and bytes of another length', () => {
    expectCodecError(() => char16.encode('ab'), 'char16', /one UTF-16 code unit.*got "ab"$/);
    expectCodecError(() => char16.encode('😀'), 'char16', /one UTF-16 code unit/);
    expectCodecError(() => char16.encode(''), 'char16', /got ""$/);
    expectCodecError(() => char16.encode(65 as never), 'char16', /got 65$/);
    expectCodecError(() => char16.decode(hex('41')), 'char16', 'char16 codec: expected 2 bytes, got 1');
  });
});

/** Minimal big-endian two's complement of an int64-range bigint, by trimming 8 bytes (an oracle). */
function trimmedInt64(value: bigint): string {
  const full = Buffer.alloc(8);
  full.writeBigInt64BE(value);
  let start = 0;
  while (start < 7) {
    const redundant =
      (full[start] === 0x00 && (full[start + 1]! & 0x80) === 0) ||
      (full[start] === 0xff && (full[start + 1]! & 0x80) !== 0);
    if (!redundant) break;
    start++;
  }
  return full.subarray(start).toString('hex');
}

function scaleHex(scale: number): string {
  const b = Buffer.alloc(4);
  b.writeInt32BE(scale);
  return b.toString('hex');
}

describe('bigDecimal (Bytes.toBytes(BigDecimal))', () => {
  // Bytes.toBytes(BigDecimal): putInt(scale) then unscaledValue().toByteArray().
  it.each([
    ['new BigDecimal("12.50")', '12.50', '00000002' + '04e2'],
    ['BigDecimal.ZERO', '0', '00000000' + '00'],
    ['new BigDecimal("-1")', '-1', '00000000' + 'ff'],
    ['new BigDecimal("127")', '127', '00000000' + '7f'],
    ['new BigDecimal("128")', '128', '00000000' + '0080'],
    ['new BigDecimal("-128")', '-128', '00000000' + '80'],
    ['new BigDecimal("-129")', '-129', '00000000' + 'ff7f'],
    ['new BigDecimal("0.001")', '0.001', '00000003' + '01'],
    ['new BigDecimal("1.2E+3")', '1.2E+3', 'fffffffe' + '0c'],
    ['new BigDecimal("9223372036854775808")', '9223372036854775808', '00000000' + '008000000000000000'],
    ['new BigDecimal("-9223372036854775809")', '-9223372036854775809', '00000000' + 'ff7fffffffffffffff'],
  ])('%s', (_java, text, expected) => {
    expect(bigDecimal.encode(text).toString('hex')).toBe(expected);
  });

  // BigDecimal.toString()'s examples ([unscaled, scale] -> text) from its Javadoc, and its rule
  // for exponent notation (negative scale, or adjusted exponent below -6).
  it.each([
    [123n, 0, '123'],
    [-123n, 0, '-123'],
    [123n, -1, '1.23E+3'],
    [123n, 3, '0.123'],
    [123n, 10, '1.23E-8'],
    [-123n, 12, '-1.23E-10'],
    [1n, 6, '0.000001'],
    [1n, 7, '1E-7'],
    [0n, 8, '0E-8'],
    [0n, -2, '0E+2'],
    [0n, 2, '0.00'],
    [1250n, 2, '12.50'],
  ])('decodes [%s, %s] as Java toString(): %s', (unscaled, scale, text) => {
    const bytes = hex(scaleHex(scale) + trimmedInt64(unscaled));
    expect(bigDecimal.decode(bytes)).toBe(text);
    expect(bigDecimal.encode(text)).toEqual(bytes);
  });

  const int64s = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  const scales = fc.oneof(
    fc.integer({ min: -20, max: 20 }),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  );

  it('writes the minimal two complement of the unscaled value (checked against an int64 oracle)', () => {
    fc.assert(
      fc.property(int64s, scales, (unscaled, scale) => {
        const bytes = hex(scaleHex(scale) + trimmedInt64(unscaled));
        // Decoding then encoding reproduces Java's bytes exactly: scale and digits are kept.
        expect(bigDecimal.encode(bigDecimal.decode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('round-trips unscaled values far beyond 64 bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), scales, (unscaled, scale) => {
        const bytes = bigDecimal.encode(`${unscaled}E${-scale}`);
        expect(bytes.readInt32BE(0)).toBe(scale);
        expect(bigDecimal.encode(bigDecimal.decode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('keeps the value of any decimal text (checked with Number for small values)', () => {
    const text = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,8}$/), fc.stringMatching(/^\d{0,6}$/))
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction ? `.${fraction}` : ''}`);
    fc.assert(
      fc.property(text, (value) => {
        const decoded = bigDecimal.decode(bigDecimal.encode(value));
        // + 0: Java's BigDecimal has no negative zero ("-0" and "-0.00" are zero).
        expect(Number(decoded)).toBe(Number(value) + 0);
        // The scale is the number of fraction digits, as in Java.
        expect(bigDecimal.encode(value).readInt32BE(0)).toBe(value.split('.')[1]?.length ?? 0);
      }),
    );
  });

  it('reads non-minimal unscaled bytes as Java new BigInteger(byte[]) does', () => {
    expect(bigDecimal.decode(hex('00000001 0000000f'))).toBe('1.5');
    expect(bigDecimal.decode(hex('00000000 ffffff'))).toBe('-1');
  });

  it('rejects numbers, malformed text, int32-overflowing scales and short cells', () => {
    expectCodecError(
      () => bigDecimal.encode(1.5 as never),
      'bigDecimal',
      /a string, so that no digit is lost.*got 1\.5$/,
    );
    for (const bad of ['', '.', '-', '1.2.3', '1e', 'NaN', 'Infinity', ' 1', '0x10', '1_000'])
      expectCodecError(() => bigDecimal.encode(bad), 'bigDecimal', /expected decimal text/);
    expectCodecError(() => bigDecimal.encode('1E-2147483648'), 'bigDecimal', /within int32/);
    expectCodecError(() => bigDecimal.encode('1E+99999999999999999999'), 'bigDecimal', /within int32/);
    expect(bigDecimal.encode('1E+2147483648').readInt32BE(0)).toBe(-(2 ** 31));
    expectCodecError(
      () => bigDecimal.decode(hex('00000000')),
      'bigDecimal',
      'bigDecimal codec: expected at least 5 bytes (a 4-byte scale and the value), got 4',
    );
  });
});
