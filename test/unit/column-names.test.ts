import fc from 'fast-check';
import { decodeColumnName, encodeText } from '../../src/client/column-names';

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
        expect(encodeText(decodeColumnName(buffer))).toEqual(buffer);
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
        expect(encodeText(text)).toEqual(Buffer.from(text, 'utf8'));
        expect(decodeColumnName(encodeText(text))).toBe(text);
      }),
    );
  });
});
