import fc from 'fast-check';
import { skipBinaryValue } from '../../../src/client/protocol/binary-message-walker';
import { encodeHeader, encodeMessage, structArbitrary, t } from './thrift-values';

const STRUCT = 12;
const I32 = 8;
const header = encodeHeader('binary');

describe('skipBinaryValue', () => {
  it('skips a whole struct, and each of its fields', () => {
    fc.assert(
      fc.property(structArbitrary, (fields) => {
        const message = encodeMessage('binary', fields);
        expect(skipBinaryValue(message, header.length, STRUCT)).toBe(message.length);
        // Field by field: type byte, id, value, up to the stop byte.
        let at = header.length;
        for (let type = message[at]!; type !== 0; type = message[at]!)
          at = skipBinaryValue(message, at + 3, type);
        expect(at).toBe(message.length - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('throws a RangeError for a value cut short', () => {
    const message = encodeMessage('binary', [{ id: 1, type: t.list(t.string), value: [Buffer.from('abc')] }]);
    for (let cut = header.length; cut < message.length; cut++) {
      expect(() => skipBinaryValue(message.subarray(0, cut), header.length, STRUCT)).toThrow(RangeError);
    }
  });

  it('skips scalars in place, after a previous skip was cut short', () => {
    const bytes = Buffer.from([0, 0, 0, 7, 9]);
    expect(() => skipBinaryValue(bytes.subarray(0, 4), 1, I32)).toThrow(RangeError);
    expect(skipBinaryValue(bytes, 1, I32)).toBe(5);
  });
});
