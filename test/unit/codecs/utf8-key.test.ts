import fc from 'fast-check';
import { utf8, utf8Key } from '../../../src/codecs';
import {
  anyText,
  compareCodePoints,
  expectCodecError,
  expectOrderPreserving,
  expectRoundTrip,
} from './support';

describe('utf8Key', () => {
  it('is a variable-width key codec writing the utf8 bytes', () => {
    expect(utf8Key.orderPreserving).toBe(true);
    expect(utf8Key.fixedWidth).toBeUndefined();
    fc.assert(fc.property(anyText(), (text) => expect(utf8Key.encode(text)).toEqual(utf8.encode(text))));
  });

  it('round-trips any well-formed text, U+0000 included', () => {
    expectRoundTrip(utf8Key, anyText(30));
  });

  it('preserves Unicode code point order (prefixes first)', () => {
    expectOrderPreserving(utf8Key, anyText(), compareCodePoints);
    const sorted = ['', '\0', 'a', 'a\0', 'ab', 'b', '\uffff', '\u{1F600}'];
    const keys = sorted.map((v) => utf8Key.encode(v));
    expect([...keys].sort(Buffer.compare)).toEqual(keys);
  });

  it('orders astral characters after U+FFFF, unlike JavaScript string comparison', () => {
    expect('\u{1F600}' < '\uffff').toBe(true);
    expect(Buffer.compare(utf8Key.encode('\u{1F600}'), utf8Key.encode('\uffff'))).toBe(1);
  });

  it('rejects unpaired surrogates and invalid UTF-8, naming itself', () => {
    expectCodecError(() => utf8Key.encode('\ud83d'), 'utf8Key', /unpaired surrogate/);
    expectCodecError(() => utf8Key.encode(1 as never), 'utf8Key', 'utf8Key codec: expected a string, got 1');
    expectCodecError(() => utf8Key.decode(Buffer.from([0xff])), 'utf8Key', /expected UTF-8 text/);
  });
});
