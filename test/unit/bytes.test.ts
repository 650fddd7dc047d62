import fc from 'fast-check';
import { InvalidArgumentError } from '../../src';
import { prefixUpperBound, toBytes } from '../../src/client/bytes';

describe('toBytes', () => {
  it('encodes strings as UTF-8, never latin1', () => {
    expect(toBytes('zß€', 'row')).toEqual(Buffer.from([0x7a, 0xc3, 0x9f, 0xe2, 0x82, 0xac]));
  });

  it('passes Buffers through and views Uint8Arrays without copying bytes wrongly', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    expect(toBytes(backing.subarray(1, 4), 'row')).toEqual(Buffer.from([1, 2, 3]));
  });

  it('rejects other types, naming the argument', () => {
    expect(() => toBytes(42, 'row')).toThrow(InvalidArgumentError);
    expect(() => toBytes(42, 'row')).toThrow(/Invalid row: expected a string, Buffer or Uint8Array, got 42/);
  });
});

describe('prefixUpperBound', () => {
  it('increments the last byte below 0xff and drops trailing 0xff bytes', () => {
    expect(prefixUpperBound(Buffer.from('abc'))).toEqual(Buffer.from('abd'));
    expect(prefixUpperBound(Buffer.from([0x61, 0xff, 0xff]))).toEqual(Buffer.from([0x62]));
    expect(prefixUpperBound(Buffer.from([0xff, 0xff]))).toBeUndefined();
  });

  it('bounds exactly the keys that start with the prefix', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 6 }),
        (p, key) => {
          const prefix = Buffer.from(p);
          const bound = prefixUpperBound(prefix);
          const k = Buffer.from(key);
          const inRange =
            Buffer.compare(k, prefix) >= 0 && (bound === undefined || Buffer.compare(k, bound) < 0);
          expect(inRange).toBe(k.subarray(0, prefix.length).equals(prefix));
        },
      ),
    );
  });
});
