// The CLI's pure helpers: the byte encoding of its output (a property: every byte string
// round-trips through JSON), key ranges split by regions, and the ordered merge of parallel scans.
import fc from 'fast-check';
import {
  bytesFromJson,
  bytesToDisplay,
  bytesToJson,
  isUtf8,
  keyFromArgument,
} from '../../../src/cli/byte-encoding';

describe('byte encoding', () => {
  it('round-trips any bytes through JSON text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (array) => {
        const bytes = Buffer.from(array);
        const json = JSON.parse(JSON.stringify(bytesToJson(bytes)));
        expect(bytesFromJson(json)).toEqual(bytes);
      }),
    );
  });

  it('keeps valid UTF-8 as a string, U+FFFD included, and marks the rest', () => {
    expect(bytesToJson(Buffer.from('Zürich \uFFFD 🌍'))).toBe('Zürich \uFFFD 🌍');
    expect(bytesToJson(Buffer.from([0xff]))).toEqual({ base64: '/w==' });
    expect(isUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false); // an encoded lone surrogate
  });

  it('shows printable text as is and anything else as base64:', () => {
    expect(bytesToDisplay(Buffer.from('plain'))).toBe('plain');
    expect(bytesToDisplay(Buffer.from('a\nb'))).toBe('base64:YQpi');
    expect(bytesToDisplay(Buffer.from('base64:x'))).toBe(
      `base64:${Buffer.from('base64:x').toString('base64')}`,
    );
    expect(bytesToDisplay(Buffer.from([0x80]))).toBe('base64:gA==');
  });

  it('refuses JSON that is not bytes', () => {
    for (const value of [1, null, [], { base64: '%%' }, { base64: 'AA==', extra: 1 }, { hex: '00' }]) {
      expect(bytesFromJson(value)).toBeUndefined();
    }
  });

  it('reads keys from the command line in each encoding, naming the flag when they are not', () => {
    expect(keyFromArgument('/wA=', 'base64', '--start')).toEqual(Buffer.from([0xff, 0]));
    expect(keyFromArgument('ff00', 'hex', '--start')).toEqual(Buffer.from([0xff, 0]));
    expect(() => keyFromArgument('f', 'hex', '--stop')).toThrow('--stop: not valid hex');
  });
});
