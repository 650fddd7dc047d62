import fc from 'fast-check';
import {
  bytes,
  composite,
  descending,
  fixedString,
  int64,
  type KeyCodec,
  sortableFloat64,
  sortableInt32,
  sortableInt64,
  utf8Key,
} from '../../../src/codecs';
import {
  anyText,
  compareBytes,
  compareCodePoints,
  compareDoubles,
  compareNumbers,
  expectCodecError,
  expectOrderPreserving,
  expectRoundTrip,
  hex,
} from './support';

const reversed =
  <T>(compare: (a: T, b: T) => number) =>
  (a: T, b: T) =>
    compare(b, a);

describe('descending of a fixed-width codec', () => {
  it('inverts every byte and keeps the width', () => {
    const codec = descending(sortableInt32);
    expect(codec.name).toBe('descending(sortableInt32)');
    expect(codec.orderPreserving).toBe(true);
    expect(codec.fixedWidth).toBe(4);
    expect(codec.encode(0)).toEqual(hex('7f ff ff ff'));
    expect(codec.encode(-1)).toEqual(hex('80 00 00 00'));
  });

  it('round-trips and reverses the order', () => {
    expectRoundTrip(descending(sortableInt32), fc.integer());
    expectOrderPreserving(descending(sortableInt32), fc.integer(), reversed(compareNumbers));
    const int64s = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    expectRoundTrip(descending(sortableInt64), int64s);
    expectOrderPreserving(descending(sortableInt64), int64s, reversed(compareNumbers));
    const doubles = fc.oneof(fc.double(), fc.constantFrom(-0, 0, Number.NaN));
    expectRoundTrip(descending(sortableFloat64), doubles);
    expectOrderPreserving(descending(sortableFloat64), doubles, reversed(compareDoubles));
  });

  it('of a timestamp gives newest-first keys, and takes numbers like sortableInt64', () => {
    const newestFirst = descending(sortableInt64);
    const times = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000];
    const keys = times.map((t) => newestFirst.encode(t));
    expect([...keys].sort(Buffer.compare)).toEqual([...keys].reverse());
  });

  it('twice is the original order', () => {
    expectOrderPreserving(descending(descending(sortableInt32)), fc.integer(), compareNumbers);
  });

  it('does not modify the caller buffer nor the bytes it decodes', () => {
    const input = Buffer.from([1, 2, 3]);
    descending(bytes).encode(input);
    expect(input).toEqual(Buffer.from([1, 2, 3]));
    const codec = descending(fixedString(2));
    const key = codec.encode('ab');
    const copy = Buffer.from(key);
    codec.decode(key);
    expect(key).toEqual(copy);
  });

  it('rejects bytes of the wrong length, naming itself', () => {
    expectCodecError(
      () => descending(sortableInt32).decode(hex('00 00')),
      'descending(sortableInt32)',
      'descending(sortableInt32) codec: expected 4 bytes, got 2',
    );
  });

  it('rejects an inner codec that breaks its fixedWidth promise', () => {
    const liar: KeyCodec<number> = { ...sortableInt32, fixedWidth: 3 };
    expectCodecError(
      () => descending(liar).encode(1),
      'descending(sortableInt32)',
      'descending(sortableInt32) codec: sortableInt32 returned 4 bytes, not its fixedWidth 3',
    );
  });
});

describe('descending of a variable-width codec', () => {
  const codec = descending(utf8Key);

  it('is variable-width and self-delimiting: escaped, terminated, then inverted', () => {
    expect(codec.fixedWidth).toBeUndefined();
    // "a" = 61, terminator 00 01: inverted 9e ff fe.
    expect(codec.encode('a')).toEqual(hex('9e ff fe'));
    // "a\0" = 61 00 -> 61 00 ff 00 01 -> 9e ff 00 ff fe.
    expect(codec.encode('a\0')).toEqual(hex('9e ff 00 ff fe'));
  });

  it('round-trips', () => {
    expectRoundTrip(codec, anyText(20));
    expectRoundTrip(
      descending(bytes),
      fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
    );
  });

  it('reverses the order, a prefix sorting after the longer key ("ab" after "abc")', () => {
    expectOrderPreserving(codec, anyText(), reversed(compareCodePoints));
    const tricky = fc
      .array(fc.constantFrom(0x00, 0x01, 0xfe, 0xff), { maxLength: 5 })
      .map((b) => Buffer.from(b));
    expectOrderPreserving(
      descending(bytes),
      fc.oneof(
        tricky,
        fc.uint8Array({ maxLength: 5 }).map((b) => Buffer.from(b)),
      ),
      reversed(compareBytes),
    );
    const sorted = ['b', 'abc', 'ab', 'a\0', 'a', ''];
    const keys = sorted.map((s) => codec.encode(s));
    expect([...keys].sort(Buffer.compare)).toEqual(keys);
  });

  it('of a composite with a variable part reverses the tuple order', () => {
    const tuple = composite([utf8Key, sortableInt32]);
    const values = fc.tuple(anyText(4), fc.integer({ min: -3, max: 3 }));
    const compareTuples = (a: [string, number], b: [string, number]) =>
      compareCodePoints(a[0], b[0]) || a[1] - b[1];
    expectRoundTrip(descending(tuple), values);
    expectOrderPreserving(descending(tuple), values, reversed(compareTuples));
  });

  it('rejects malformed bytes', () => {
    expectCodecError(() => codec.decode(hex('9e 9d')), 'descending(utf8Key)', /has no terminator/);
    expectCodecError(
      () => codec.decode(hex('9e ff fe 9e')),
      'descending(utf8Key)',
      'descending(utf8Key) codec: expected the key to end after its terminator, got 1 more bytes',
    );
    expectCodecError(() => codec.decode(hex('ff fd')), 'descending(utf8Key)', /invalid escape at byte 0/);
    expectCodecError(() => codec.decode(hex('00 ff fe')), 'utf8Key', /expected UTF-8 text/);
  });
});

describe('descending arguments', () => {
  it('rejects a codec that is not order-preserving, and non-codecs', () => {
    expectCodecError(
      () => descending(int64 as never),
      'descending',
      'descending codec: invalid codec: expected an order-preserving KeyCodec (e.g. sortableInt64, not int64), got "int64"',
    );
    expectCodecError(
      () => descending(undefined as never),
      'descending',
      'descending codec: invalid codec: expected a KeyCodec, got undefined',
    );
    expectCodecError(
      () => descending({ ...sortableInt32, fixedWidth: 0 }),
      'descending',
      'descending codec: invalid codec.fixedWidth: expected a positive integer or undefined, got 0',
    );
  });
});
