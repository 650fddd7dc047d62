import fc from 'fast-check';
import { fixedString } from '../../../src/codecs';
import { compareCodePoints, expectCodecError, expectOrderPreserving, expectRoundTrip, hex } from './support';

// Text without U+0000 that fits in `width` UTF-8 bytes.
const textFitting = (width: number) =>
  fc
    .string({ unit: 'binary', maxLength: width })
    .map((s) => s.replaceAll('\0', ''))
    .filter((s) => Buffer.byteLength(s) <= width);

describe('fixedString', () => {
  it('is a fixed-width key codec of exactly width bytes', () => {
    const codec = fixedString(8);
    expect(codec.orderPreserving).toBe(true);
    expect(codec.fixedWidth).toBe(8);
    expect(codec.name).toBe('fixedString(8)');
    fc.assert(fc.property(textFitting(8), (text) => expect(codec.encode(text)).toHaveLength(8)));
  });

  it('pads UTF-8 with 0x00', () => {
    expect(fixedString(4).encode('ab')).toEqual(hex('61 62 00 00'));
    expect(fixedString(4).encode('é')).toEqual(hex('c3 a9 00 00'));
    expect(fixedString(2).encode('')).toEqual(hex('00 00'));
    expect(fixedString(2).encode('FR')).toEqual(hex('46 52'));
  });

  it('round-trips text that fits', () => {
    for (const width of [1, 3, 16]) expectRoundTrip(fixedString(width), textFitting(width));
  });

  it('preserves code point order, a shorter text first', () => {
    expectOrderPreserving(fixedString(6), textFitting(6), compareCodePoints);
    expectOrderPreserving(
      fixedString(3),
      fc
        .string({ unit: fc.constantFrom('a', 'b', '\u{10ffff}', '\x01'), maxLength: 3 })
        .filter((s) => Buffer.byteLength(s) <= 3),
      compareCodePoints,
    );
  });

  it('rejects text longer than width bytes, U+0000, and non-strings', () => {
    expectCodecError(
      () => fixedString(2).encode('abc'),
      'fixedString(2)',
      'fixedString(2) codec: expected text of at most 2 UTF-8 bytes (this one has 3), got "abc"',
    );
    expectCodecError(() => fixedString(2).encode('éé'), 'fixedString(2)', /this one has 4/);
    expectCodecError(
      () => fixedString(4).encode('a\0b'),
      'fixedString(4)',
      'fixedString(4) codec: expected text without U+0000 (the padding byte), got "a\\u0000b"',
    );
    expectCodecError(
      () => fixedString(4).encode(5 as never),
      'fixedString(4)',
      'fixedString(4) codec: expected a string, got 5',
    );
    expectCodecError(() => fixedString(4).encode('\udfff'), 'fixedString(4)', /unpaired surrogate/);
  });

  it('rejects bytes of the wrong length or shape', () => {
    const codec = fixedString(4);
    expectCodecError(
      () => codec.decode(hex('61 62 00')),
      'fixedString(4)',
      'fixedString(4) codec: expected 4 bytes, got 3',
    );
    expectCodecError(
      () => codec.decode(hex('61 00 62 00')),
      'fixedString(4)',
      'fixedString(4) codec: expected only 0x00 padding after byte 1, got a non-zero byte at 2',
    );
    expectCodecError(() => codec.decode(hex('61 ff 00 00')), 'fixedString(4)', /expected UTF-8 text/);
  });

  it('takes a name for error messages', () => {
    const country = fixedString(2, { name: 'countryCode' });
    expect(country.name).toBe('countryCode');
    expectCodecError(
      () => country.encode('FRA'),
      'countryCode',
      /^countryCode codec: expected text of at most 2/,
    );
  });

  it('rejects invalid widths and options', () => {
    for (const width of [0, -1, 1.5, Number.NaN, '4']) {
      expectCodecError(
        () => fixedString(width as never),
        'fixedString',
        /^fixedString codec: invalid width: expected a positive integer \(bytes\), got/,
      );
    }
    expectCodecError(
      () => fixedString(2, { name: 3 } as never),
      'fixedString',
      'fixedString codec: invalid options.name: expected a string, got 3',
    );
    expectCodecError(
      () => fixedString(2, 'x' as never),
      'fixedString',
      'fixedString codec: invalid options: expected an object, got "x"',
    );
  });
});
