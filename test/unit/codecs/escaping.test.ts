import fc from 'fast-check';
import { CodecError } from '../../../src/codecs';
import { escapePart, readEscapedPart } from '../../../src/codecs/escaping';
import { expectCodecError, hex } from './support';

const parts = fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b));
// Bytes where 0x00, 0x01 and 0xff (the bytes of the scheme) are common.
const trickyParts = fc
  .array(fc.constantFrom(0x00, 0x01, 0xfe, 0xff, 0x61), { maxLength: 6 })
  .map((b) => Buffer.from(b));
const anyPart = fc.oneof(parts, trickyParts);

describe('escapePart / readEscapedPart', () => {
  it('escapes 0x00 as 0x00 0xff and terminates with 0x00 0x01', () => {
    expect(escapePart(hex('61 00 62'))).toEqual(hex('61 00 ff 62 00 01'));
    expect(escapePart(hex(''))).toEqual(hex('00 01'));
    expect(escapePart(hex('00 00'), false)).toEqual(hex('00 ff 00 ff'));
  });

  it('reads back what it wrote, and where it ends, even with more bytes after it', () => {
    fc.assert(
      fc.property(anyPart, parts, (part, rest) => {
        const bytes = Buffer.concat([escapePart(part), rest]);
        const read = readEscapedPart('t', bytes, 0);
        expect(read.part).toEqual(part);
        expect(read.end).toBe(bytes.length - rest.length);
      }),
    );
  });

  it('keeps byte order and is prefix-free', () => {
    fc.assert(
      fc.property(anyPart, anyPart, (a, b) => {
        const x = escapePart(a);
        const y = escapePart(b);
        expect(Math.sign(Buffer.compare(x, y))).toBe(Math.sign(Buffer.compare(a, b)));
        if (!a.equals(b)) expect(y.subarray(0, x.length).equals(x)).toBe(false);
      }),
    );
  });

  it('an unterminated escape of a prefix is a byte prefix of the longer part', () => {
    fc.assert(
      fc.property(anyPart, anyPart, (a, b) => {
        const whole = Buffer.concat([a, b]);
        const open = escapePart(a, false);
        expect(escapePart(whole).subarray(0, open.length)).toEqual(open);
      }),
    );
  });

  it('returns a view when nothing was escaped', () => {
    const bytes = hex('61 62 00 01');
    const { part } = readEscapedPart('t', bytes, 0);
    expect(part.buffer).toBe(bytes.buffer);
  });

  it('rejects a missing terminator and invalid escapes', () => {
    expectCodecError(
      () => readEscapedPart('t', hex('61 62'), 0),
      't',
      't codec: a variable-width part starting at byte 0 has no terminator (0x00 0x01)',
    );
    expectCodecError(
      () => readEscapedPart('t', hex('ff 61 00'), 1),
      't',
      /^t codec: invalid escape at byte 2: expected 0x00 followed by 0xff or 0x01, got the end of the bytes$/,
    );
    expectCodecError(
      () => readEscapedPart('t', hex('61 00 02'), 0),
      't',
      /invalid escape at byte 1: .* got 0x02$/,
    );
    expect(() => readEscapedPart('t', hex('00 ff'), 0)).toThrow(CodecError);
  });
});
