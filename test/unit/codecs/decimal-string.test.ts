import fc from 'fast-check';
import { decimalString } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip } from './support';

describe('decimalString', () => {
  it('round-trips every finite number exactly, -0 included', () => {
    expectRoundTrip(decimalString, fc.double({ noNaN: true, noDefaultInfinity: true }));
    expect(Object.is(decimalString.decode(decimalString.encode(-0)), -0)).toBe(true);
  });

  it('writes the decimal text (shell-readable)', () => {
    expect(decimalString.encode(42).toString()).toBe('42');
    expect(decimalString.encode(-3.25).toString()).toBe('-3.25');
    expect(decimalString.encode(1e21).toString()).toBe('1e+21');
    expect(decimalString.encode(-0).toString()).toBe('-0');
  });

  it('reads decimal text as written by people, JavaScript or Java', () => {
    const cases: Array<[string, number]> = [
      ['42', 42],
      ['+42', 42],
      ['-0.5', -0.5],
      ['.5', 0.5],
      ['5.', 5],
      ['007', 7],
      ['1.5E+3', 1500], // BigDecimal.toString
      ['1.0E10', 1e10], // Double.toString
      ['12345678901234567890', 12345678901234567000], // rounded to the nearest double
    ];
    for (const [text, value] of cases) expect(decimalString.decode(Buffer.from(text))).toBe(value);
  });

  it('rejects NaN, infinities and non-numbers on encode', () => {
    expectCodecError(
      () => decimalString.encode(Number.NaN),
      'decimalString',
      'decimalString codec: expected a finite number, got NaN',
    );
    expectCodecError(() => decimalString.encode(Number.NEGATIVE_INFINITY), 'decimalString', /got -Infinity$/);
    expectCodecError(() => decimalString.encode('1' as never), 'decimalString', /got "1"$/);
  });

  it('rejects text that is not a finite decimal number', () => {
    for (const text of [
      '',
      ' 1',
      '1 ',
      '0x10',
      '1_000',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e',
      '.',
      '+',
      '1,5',
      '1e400',
    ]) {
      expectCodecError(
        () => decimalString.decode(Buffer.from(text)),
        'decimalString',
        `decimalString codec: expected the decimal text of a finite number, got ${JSON.stringify(text)}`,
      );
    }
    expectCodecError(
      () => decimalString.decode(Buffer.from([0x31, 0xff])),
      'decimalString',
      /expected UTF-8 text/,
    );
  });
});
