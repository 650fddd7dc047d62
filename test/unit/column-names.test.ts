import fc from 'fast-check';
import { toBytes, toColumnBytes } from '../../src/client/bytes';
import { decodeColumnName, encodeColumnName } from '../../src/client/column-names';
import { InvalidArgumentError } from '../../src/client/errors';

describe('lossless column names', () => {
  it('decodes valid UTF-8 as usual', () => {
    expect(decodeColumnName(Buffer.from('cf:naïve-名前-🌍'))).toBe('cf:naïve-名前-🌍');
  });

  it('escapes each invalid byte as a lone surrogate U+DC80–U+DCFF', () => {
    expect(decodeColumnName(Buffer.from([0x63, 0x66, 0x3a, 0xff, 0x41, 0xc3]))).toBe('cf:\uDCFFA\uDCC3');
    // An overlong encoding and a UTF-16 surrogate encoded in UTF-8 are invalid too.
    expect(decodeColumnName(Buffer.from([0xc0, 0xaf]))).toBe('\uDCC0\uDCAF');
    expect(decodeColumnName(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\uDCED\uDCA0\uDC80');
  });

  it('round-trips any bytes through decode then encode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(encodeColumnName(decodeColumnName(buffer))).toEqual(buffer);
      }),
      { numRuns: 2000 },
    );
  });

  it('distinct byte strings never decode to the same name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        const [x, y] = [Buffer.from(a), Buffer.from(b)];
        expect(decodeColumnName(x) === decodeColumnName(y)).toBe(x.equals(y));
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes well-formed strings exactly as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(encodeColumnName(text)).toEqual(Buffer.from(text, 'utf8'));
        expect(decodeColumnName(encodeColumnName(text)!)).toBe(text);
      }),
    );
  });
});

describe('unpaired surrogates', () => {
  it('a column name may hold the escape, never another unpaired surrogate', () => {
    expect(encodeColumnName('cf:\uDC80x\uDCFF')).toEqual(Buffer.from([0x63, 0x66, 0x3a, 0x80, 0x78, 0xff]));
    expect(encodeColumnName('cf:😀\uDC80')).toEqual(
      Buffer.concat([Buffer.from('cf:😀'), Buffer.from([0x80])]),
    );
    for (const bad of ['cf:\uD800', 'cf:\uDC7F', 'cf:\uDD00', 'cf:\uDFFF', 'cf:\uDBFF', 'cf:\uDC80\uD800']) {
      expect(encodeColumnName(bad)).toBeUndefined();
    }
  });

  it('keys and values refuse every unpaired surrogate, naming the argument', () => {
    for (const bad of ['\uD800', 'k\uDC80', '\uDCFFk', 'a\uDBFF']) {
      expect(() => toBytes(bad, 'row')).toThrow(InvalidArgumentError);
      expect(() => toBytes(bad, 'row')).toThrow(
        /^Invalid row: expected a string without unpaired surrogates/,
      );
    }
    expect(toBytes('😀', 'row')).toEqual(Buffer.from('😀', 'utf8'));
    expect(() => toColumnBytes('cf:\uD800', 'column')).toThrow(/Invalid column: .*U\+DC80–U\+DCFF stand for/);
  });
});
