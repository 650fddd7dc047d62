import { evenSplitKeys, InvalidArgumentError, saltBucketSplitKeys, salted, utf8 } from '../../src';

const hex = (keys: Buffer[]) => keys.map((key) => key.toString('hex'));

describe('evenSplitKeys', () => {
  it('divides the whole key space into equal regions', () => {
    expect(hex(evenSplitKeys(1))).toEqual([]);
    expect(hex(evenSplitKeys(2))).toEqual(['80']);
    expect(hex(evenSplitKeys(4))).toEqual(['40', '80', 'c0']);
    expect(hex(evenSplitKeys(3))).toEqual(['55', 'aa']);
  });

  it('adds a byte of precision when one byte cannot tell the regions apart', () => {
    const keys = evenSplitKeys(512);
    expect(keys).toHaveLength(511);
    expect(keys.every((key) => key.length === 2)).toBe(true);
    expect(hex(keys.slice(0, 2))).toEqual(['0080', '0100']);
    for (let i = 1; i < keys.length; i++) expect(Buffer.compare(keys[i - 1]!, keys[i]!)).toBe(-1);
  });

  it('divides a given range, every key strictly inside it', () => {
    expect(evenSplitKeys(2, { start: 'a', end: 'c' }).map(String)).toEqual(['b']);
    const keys = evenSplitKeys(10, { start: 'user-a', end: 'user-b' });
    expect(keys).toHaveLength(9);
    for (const key of keys) {
      expect(Buffer.compare(key, Buffer.from('user-a'))).toBe(1);
      expect(Buffer.compare(key, Buffer.from('user-b'))).toBe(-1);
    }
    // Adjacent bounds: the split keys need one more byte.
    expect(hex(evenSplitKeys(2, { start: 'a', end: 'b' }))).toEqual(['6180']);
    expect(hex(evenSplitKeys(2, { start: Buffer.from([0x10]) }))).toEqual(['88']);
  });

  it('refuses bad arguments by name', () => {
    const cases: Array<[() => unknown, string]> = [
      [() => evenSplitKeys(0), 'regions'],
      [() => evenSplitKeys(2.5), 'regions'],
      [() => evenSplitKeys(2, { start: 'b', end: 'a' }), 'range.end'],
      [() => evenSplitKeys(2, { start: 'a', end: 'a' }), 'range.end'],
      [() => evenSplitKeys(2, { stop: 'a' } as never), 'range.stop'],
    ];
    for (const [call, argument] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      try {
        call();
      } catch (error) {
        expect((error as InvalidArgumentError).argument).toBe(argument);
      }
    }
  });
});

describe('saltBucketSplitKeys', () => {
  it("gives the salt byte of every bucket but the first, matching salted()'s keys", () => {
    expect(hex(saltBucketSplitKeys(1))).toEqual([]);
    expect(hex(saltBucketSplitKeys(4))).toEqual(['01', '02', '03']);
    const key = salted(utf8, { buckets: 16 });
    const splits = saltBucketSplitKeys(key);
    expect(splits).toHaveLength(15);
    for (const id of ['a', 'b', 'sensor-17', '']) {
      const row = key.encode(id);
      // The region a key falls in starts at its own bucket's byte.
      const regionStart = splits.filter((split) => Buffer.compare(split, row) <= 0).length;
      expect(regionStart).toBe(key.bucketOf(id));
    }
  });

  it('refuses bucket counts salted() refuses', () => {
    expect(() => saltBucketSplitKeys(0)).toThrow(InvalidArgumentError);
    expect(() => saltBucketSplitKeys(257)).toThrow(InvalidArgumentError);
    expect(() => saltBucketSplitKeys({ buckets: 1.5 })).toThrow(InvalidArgumentError);
  });
});
