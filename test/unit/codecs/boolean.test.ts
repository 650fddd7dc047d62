import fc from 'fast-check';
import { boolean } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip, hex } from './support';

describe('boolean', () => {
  it('round-trips', () => {
    expectRoundTrip(boolean, fc.boolean());
  });

  it('writes 0xff for true and 0x00 for false, like Bytes.toBytes(boolean)', () => {
    expect(boolean.encode(true)).toEqual(hex('ff'));
    expect(boolean.encode(false)).toEqual(hex('00'));
  });

  it('decodes any non-zero byte as true, like Bytes.toBoolean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (byte) => {
        expect(boolean.decode(Buffer.from([byte]))).toBe(byte !== 0);
      }),
    );
  });

  it('rejects non-booleans', () => {
    expectCodecError(
      () => boolean.encode(1 as never),
      'boolean',
      'boolean codec: expected true or false, got 1',
    );
    expectCodecError(
      () => boolean.encode('true' as never),
      'boolean',
      'boolean codec: expected true or false, got "true"',
    );
  });

  it('rejects anything but exactly one byte, like Bytes.toBoolean', () => {
    expectCodecError(
      () => boolean.decode(Buffer.alloc(0)),
      'boolean',
      'boolean codec: expected 1 byte, got 0',
    );
    expectCodecError(() => boolean.decode(hex('00 ff')), 'boolean', 'boolean codec: expected 1 byte, got 2');
  });

  it('returns a new buffer each time (callers may mutate it)', () => {
    expect(boolean.encode(true)).not.toBe(boolean.encode(true));
  });
});
