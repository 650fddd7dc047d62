import { Redacted } from '../../../src/client/errors/describe-value';
import { HBaseError } from '../../../src/client/errors/hbase-error';
import { CodecError } from '../../../src/codecs';
import { describeValue } from '../../../src/codecs/describe-value';

describe('CodecError', () => {
  it('is an HBaseError carrying the codec name, with the name prefixing the message', () => {
    const error = new CodecError('int32', 'expected 4 bytes, got 3');
    expect(error).toBeInstanceOf(HBaseError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CodecError');
    expect(error.codec).toBe('int32');
    expect(error.message).toBe('int32 codec: expected 4 bytes, got 3');
  });

  it('builds consistent messages for wrong lengths, invalid values and invalid options', () => {
    expect(CodecError.wrongLength('int32', 4, 3).message).toBe('int32 codec: expected 4 bytes, got 3');
    expect(CodecError.wrongLength('boolean', 1, 0).message).toBe('boolean codec: expected 1 byte, got 0');
    expect(CodecError.invalidValue('int32', 'an integer from -2147483648 to 2147483647', 1.5).message).toBe(
      'int32 codec: expected an integer from -2147483648 to 2147483647, got 1.5',
    );
    expect(CodecError.invalidOption('salted', 'options.buckets', 'an integer from 1 to 256', 0).message).toBe(
      'salted codec: invalid options.buckets: expected an integer from 1 to 256, got 0',
    );
  });

  it('keeps a cause', () => {
    const cause = new TypeError('cycle');
    expect(new CodecError('json', 'cannot serialize', { cause }).cause).toBe(cause);
  });
});

describe('describeValue', () => {
  it('describes values briefly and unambiguously', () => {
    expect(describeValue('1.5')).toBe('"1.5"');
    expect(describeValue(1.5)).toBe('1.5');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(5n)).toBe('5n');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Buffer.alloc(3))).toBe('a Buffer of 3 bytes');
    expect(describeValue(new Uint8Array(2))).toBe('a Uint8Array of 2 bytes');
    expect(describeValue(new Date(0))).toBe('a Date');
    expect(describeValue(new Date(Number.NaN))).toBe('an invalid Date');
    expect(describeValue([1, 2])).toBe('an array of 2 items');
    expect(describeValue('x'.repeat(61))).toBe('a string of 61 characters ("xxxx"…)');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(new Map())).toBe('an object (Map)');
  });

  it('never echoes a long value whole: a card number in a cell shows its first four characters', () => {
    expect(describeValue('4111111111111111')).toBe('a string of 16 characters ("4111"…)');
    expect(describeValue(4111111111111111)).toBe('a number of 16 characters (4111…)');
    expect(describeValue(4111111111111111n)).toBe('a bigint of 16 characters (4111…)');
    expect(describeValue('a'.repeat(12))).toBe(`"${'a'.repeat(12)}"`);
    expect(describeValue(-2147483649)).toBe('-2147483649');
    expect(describeValue(new Redacted('a passphrase'))).toBe('a passphrase');
  });
});
