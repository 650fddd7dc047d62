import fc from 'fast-check';
import {
  composite,
  fnv1a32,
  int64,
  type KeyCodec,
  salted,
  sortableInt32,
  sortableInt64,
  utf8Key,
} from '../../../src/codecs';
import { anyText, compareNumbers, expectCodecError, expectRoundTrip, hex } from './support';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32(Buffer.alloc(0))).toBe(0x811c9dc5);
    expect(fnv1a32(Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv1a32(Buffer.from('foobar'))).toBe(0xbf9cf968);
  });

  it('returns an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const hash = fnv1a32(bytes);
        expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
      }),
    );
  });
});

describe('salted', () => {
  const key = salted(sortableInt64, { buckets: 16 });

  it('prepends hash(inner key) % buckets, and exposes its shape', () => {
    expect(key.name).toBe('salted(sortableInt64)');
    expect(key.buckets).toBe(16);
    expect(key.inner).toBe(sortableInt64);
    expect(key.fixedWidth).toBe(9);
    expect(salted(utf8Key, { buckets: 2 }).fixedWidth).toBeUndefined();
    const inner = sortableInt64.encode(42n);
    expect(key.encode(42n)).toEqual(Buffer.concat([Buffer.from([fnv1a32(inner) % 16]), inner]));
    expect(key.bucketOf(42n)).toBe(fnv1a32(inner) % 16);
  });

  it('round-trips', () => {
    expectRoundTrip(key, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    expectRoundTrip(
      salted(composite([utf8Key, sortableInt32]), { buckets: 7 }),
      fc.tuple(anyText(4), fc.integer()),
    );
    expectRoundTrip(salted(int64, { buckets: 256 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
  });

  it('spreads sequential keys over every bucket', () => {
    const used = new Set<number>();
    for (let t = 1_700_000_000_000; t < 1_700_000_000_200; t++) used.add(key.bucketOf(t));
    expect(used.size).toBe(16);
  });

  it('keeps inner order within a bucket, but not across buckets', () => {
    const values = Array.from({ length: 200 }, (_, i) => BigInt(i - 100));
    const byBucket = new Map<number, bigint[]>();
    for (const v of values) byBucket.set(key.bucketOf(v), [...(byBucket.get(key.bucketOf(v)) ?? []), v]);
    for (const members of byBucket.values()) {
      const sortedByKey = [...members].sort((a, b) => Buffer.compare(key.encode(a), key.encode(b)));
      expect(sortedByKey).toEqual([...members].sort(compareNumbers));
    }
    const sortedKeys = values.map((v) => key.encode(v)).sort(Buffer.compare);
    expect(sortedKeys.map((k) => key.decode(k))).not.toEqual(values);
  });

  it('bucketPrefixes: every possible first byte, optionally followed by an inner prefix', () => {
    expect(key.bucketPrefixes()).toEqual(Array.from({ length: 16 }, (_, b) => Buffer.from([b])));
    const events = salted(composite([utf8Key, sortableInt64]), { buckets: 3 });
    const prefix = events.inner.encodePrefix(['sensor-1']);
    expect(events.bucketPrefixes(prefix)).toEqual(
      [0, 1, 2].map((b) => Buffer.concat([Buffer.from([b]), prefix])),
    );
    // Every key of sensor-1 starts with one of them.
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (t) => {
        const encoded = events.encode(['sensor-1', t]);
        expect(events.bucketPrefixes(prefix).some((p) => encoded.subarray(0, p.length).equals(p))).toBe(true);
      }),
    );
  });

  it('takes a custom hash', () => {
    const byFirstByte = salted(utf8Key, { buckets: 4, hash: (bytes) => bytes[0] ?? 0 });
    expect(byFirstByte.encode('a')).toEqual(hex('01 61')); // 0x61 % 4
    expect(byFirstByte.decode(hex('01 61'))).toBe('a');
    const broken = salted(utf8Key, { buckets: 4, hash: () => -1 });
    expectCodecError(
      () => broken.encode('a'),
      'salted(utf8Key)',
      'salted(utf8Key) codec: expected options.hash to return a non-negative integer, got -1',
    );
  });

  it('decode checks the salt byte against the rest of the key', () => {
    const encoded = key.encode(7n);
    const wrong = Buffer.from(encoded);
    wrong[0] = (wrong[0]! + 1) % 16;
    expectCodecError(
      () => key.decode(wrong),
      'salted(sortableInt64)',
      `salted(sortableInt64) codec: expected salt byte ${encoded[0]} for this key (16 buckets), got ${wrong[0]}: written with another bucket count or hash?`,
    );
    expectCodecError(
      () => key.decode(Buffer.alloc(0)),
      'salted(sortableInt64)',
      'salted(sortableInt64) codec: expected at least 1 byte (the salt), got 0',
    );
    expectCodecError(() => key.decode(encoded.subarray(0, 5)), 'sortableInt64', /expected 8 bytes, got 4$/);
  });

  it('rejects invalid options and codecs', () => {
    for (const buckets of [0, 257, 1.5, Number.NaN, '4', undefined]) {
      expectCodecError(
        () => salted(sortableInt64, { buckets } as never),
        'salted',
        /^salted codec: invalid options.buckets: expected an integer from 1 to 256, got /,
      );
    }
    expectCodecError(
      () => salted(sortableInt64, undefined as never),
      'salted',
      'salted codec: invalid options: expected an object with buckets, got undefined',
    );
    expectCodecError(
      () => salted(sortableInt64, { buckets: 2, hash: 'fnv' as never }),
      'salted',
      'salted codec: invalid options.hash: expected a function, got "fnv"',
    );
    expectCodecError(
      () => salted({} as never, { buckets: 2 }),
      'salted',
      'salted codec: invalid codec: expected a Codec, got an object (Object)',
    );
  });

  it('accepts 1 and 256 buckets', () => {
    expect(salted(sortableInt32, { buckets: 1 }).encode(5)[0]).toBe(0);
    expect(salted(sortableInt32, { buckets: 256 }).bucketPrefixes()).toHaveLength(256);
  });
});

// Compile-time checks (run by tsc, not jest).
export function typeChecks(buffer: Buffer): void {
  const key = salted(composite([utf8Key, sortableInt64]), { buckets: 8 });
  const decoded: [string, bigint] = key.decode(buffer);
  key.encode(['a', 1]);
  key.inner.encodePrefix(['a']);
  // @ts-expect-error a salted key is not order-preserving, so not a KeyCodec
  const notAKey: KeyCodec<[string, bigint]> = key;
  void [decoded, notAKey];
}
