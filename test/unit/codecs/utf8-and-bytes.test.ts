import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { bytes, CodecError, utf8 } from '../../../src/codecs';
import { anyText, expectCodecError, expectOrderPreserving, expectRoundTrip, hex } from './support';

describe('utf8', () => {
  it('round-trips any well-formed text, U+0000 and astral characters included', () => {
    expectRoundTrip(utf8, anyText(40));
    expect(utf8.decode(utf8.encode('\0a\u{1F600}'))).toBe('\0a\u{1F600}');
  });

  it('encodes UTF-8 (never latin1)', () => {
    expect(utf8.encode('zß€')).toEqual(hex('7a c3 9f e2 82 ac'));
    expect(utf8.encode('')).toEqual(Buffer.alloc(0));
  });

  it('keeps a leading BOM (Bytes.toString does too)', () => {
    expect(utf8.decode(hex('ef bb bf 61'))).toBe('\ufeffa');
  });

  it('rejects non-strings and unpaired surrogates on encode', () => {
    expectCodecError(() => utf8.encode(42 as never), 'utf8', 'utf8 codec: expected a string, got 42');
    expectCodecError(() => utf8.encode(null as never), 'utf8', 'utf8 codec: expected a string, got null');
    expectCodecError(
      () => utf8.encode('a\ud800'),
      'utf8',
      /^utf8 codec: expected well-formed text \(no unpaired surrogate\), got "a\\ud800"$/,
    );
    expectCodecError(() => utf8.encode('\udc00b'), 'utf8', /unpaired surrogate/);
  });

  it('rejects invalid UTF-8 on decode instead of replacing it with U+FFFD', () => {
    expectCodecError(
      () => utf8.decode(hex('61 ff')),
      'utf8',
      'utf8 codec: expected UTF-8 text, got 2 bytes that are not',
    );
    expectCodecError(() => utf8.decode(hex('c3')), 'utf8', /expected UTF-8 text/); // truncated sequence
    expectCodecError(() => utf8.decode(hex('ed a0 80')), 'utf8', /expected UTF-8 text/); // encoded surrogate
    expectCodecError(() => utf8.decode(hex('c0 80')), 'utf8', /expected UTF-8 text/); // overlong NUL
  });

  it('accepts a real U+FFFD, and rejects exactly the byte strings that are not UTF-8', () => {
    expect(utf8.decode(Buffer.from('a\uFFFDb', 'utf8'))).toBe('a\uFFFDb');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (array) => {
        const bytes = Buffer.from(array);
        if (isUtf8(bytes)) expect(utf8.decode(bytes)).toBe(bytes.toString('utf8'));
        else expect(() => utf8.decode(bytes)).toThrow(CodecError);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects a non-buffer on decode', () => {
    expectCodecError(
      () => utf8.decode('abc' as never),
      'utf8',
      'utf8 codec: expected a Buffer to decode, got "abc"',
    );
  });
});

describe('bytes', () => {
  it('round-trips any bytes', () => {
    expectRoundTrip(
      bytes,
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    );
  });

  it('is copy-free both ways', () => {
    const buffer = Buffer.from([1, 2, 3]);
    expect(bytes.encode(buffer)).toBe(buffer);
    expect(bytes.decode(buffer)).toBe(buffer);
  });

  it('encodes a Uint8Array as a view of the same memory', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    const encoded = bytes.encode(backing.subarray(1, 4));
    expect(Buffer.isBuffer(encoded)).toBe(true);
    expect(encoded).toEqual(Buffer.from([1, 2, 3]));
    backing[2] = 7;
    expect(encoded[1]).toBe(7);
  });

  it('decodes a Uint8Array as a Buffer view', () => {
    const decoded = bytes.decode(new Uint8Array([1, 2]) as Buffer);
    expect(Buffer.isBuffer(decoded)).toBe(true);
    expect(decoded).toEqual(Buffer.from([1, 2]));
  });

  it('is an order-preserving, variable-width key codec (raw bytes are their own order)', () => {
    expect(bytes.orderPreserving).toBe(true);
    expect(bytes.fixedWidth).toBeUndefined();
    expectOrderPreserving(
      bytes,
      fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
      Buffer.compare,
    );
  });

  it('rejects anything else', () => {
    expectCodecError(
      () => bytes.encode('ab' as never),
      'bytes',
      'bytes codec: expected a Buffer or Uint8Array, got "ab"',
    );
    expectCodecError(() => bytes.encode([1, 2] as never), 'bytes', /got an array of 2 items/);
    expectCodecError(
      () => bytes.decode(undefined as never),
      'bytes',
      /expected a Buffer to decode, got undefined/,
    );
  });
});
