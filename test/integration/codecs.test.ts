// The codecs against a real HBase: every codec's bytes survive a round trip through a table,
// HBase's own counter format decodes, and order-preserving keys come back from a scan in
// logical order (HBase compares row keys as unsigned bytes; these tests check our codecs agree).
import { Connection, type Table } from '../../src';
import {
  boolean,
  bytes,
  type Codec,
  type CodecInput,
  composite,
  counter,
  date,
  decimalString,
  descending,
  fixedString,
  float32,
  float64,
  int16,
  int32,
  int64,
  json,
  salted,
  sortableFloat64,
  sortableInt32,
  sortableInt64,
  utf8,
  utf8Key,
} from '../../src/codecs';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('codecs');
let connection: Connection;
let table: Table;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('codecs', { cf: { maxVersions: 1 } });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

/** A reproducible shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(values: readonly T[], seed = 42): T[] {
  const out = [...values];
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Writes one row per value under `namespace`, keyed by the codec's encoding, in shuffled order. */
async function writeKeys<C extends Codec<unknown>>(
  namespace: string,
  codec: C,
  values: ReadonlyArray<CodecInput<C>>,
): Promise<void> {
  await table.batch({}, async (batch) => {
    for (const value of shuffled(values)) {
      await batch.put(Buffer.concat([Buffer.from(namespace), codec.encode(value)]), { 'cf:v': 'x' });
    }
  });
}

/**
 * The keys of one prefix scan, in the order HBase returned them, decoded after dropping their
 * first `skip` bytes (by default the whole prefix).
 */
async function scanKeys<T>(codec: Codec<T>, rowPrefix: Buffer, skip = rowPrefix.length): Promise<T[]> {
  const keys: T[] = [];
  for await (const [key] of table.scan({ rowPrefix })) keys.push(codec.decode(key.subarray(skip)));
  return keys;
}

/** The decoded keys under `namespace`. */
function scanNamespace<T>(namespace: string, codec: Codec<T>): Promise<T[]> {
  return scanKeys(codec, Buffer.from(namespace));
}

type RoundTripCase = [name: string, codec: Codec<unknown>, values: unknown[]];

const roundTrips: RoundTripCase[] = [
  ['utf8', utf8, ['', 'hello', 'héllo wörld €', '\0nul inside', '\u{1F600} astral']],
  [
    'bytes',
    bytes,
    [
      Buffer.alloc(0),
      Buffer.from([0x00, 0xff, 0x01]),
      Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)),
    ],
  ],
  ['boolean', boolean, [true, false]],
  ['int16', int16, [0, 1, -1, 32767, -32768]],
  ['int32', int32, [0, 1, -1, 2147483647, -2147483648]],
  ['int64', int64, [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1_700_000_000_000n]],
  ['counter', counter, [0n, 42n, -7n, 2n ** 62n]],
  [
    'float32',
    float32,
    [1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Math.fround(0.1), -3.4028234663852886e38],
  ],
  [
    'float64',
    float64,
    [1.5, -0, Number.NaN, Number.NEGATIVE_INFINITY, 0.1, Number.MIN_VALUE, -Number.MAX_VALUE],
  ],
  ['date', date, [new Date(0), new Date(-1), new Date('2024-05-06T07:08:09.010Z'), new Date(8.64e15)]],
  [
    'json',
    json<unknown>(),
    [{ name: 'Ada', tags: ['x', 'é'], nested: { n: 1.5, none: null } }, 'text', 0, [], true],
  ],
  ['decimalString', decimalString, [42, -3.25, 1e21, -0, 5e-324, 0.1]],
  ['sortableInt32', sortableInt32, [0, -1, 2147483647, -2147483648]],
  ['sortableInt64', sortableInt64, [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n)]],
  ['sortableFloat64', sortableFloat64, [-0, 0, Number.NaN, -1.5, Number.POSITIVE_INFINITY]],
  ['fixedString(6)', fixedString(6), ['', 'ab', 'héllo', 'abcdef']],
  ['utf8Key', utf8Key, ['', 'a\0b', '\u{10ffff}']],
  ['descending(sortableInt64)', descending(sortableInt64), [0n, -5n, 1_700_000_000_000n]],
  ['descending(utf8Key)', descending(utf8Key), ['', 'a', 'a\0', '\u{1F600}']],
  [
    'composite',
    composite([utf8Key, sortableInt32, bytes]),
    [
      ['a\0', -1, Buffer.from([0xff, 0x00])],
      ['', 0, Buffer.alloc(0)],
    ],
  ],
  [
    'salted',
    salted(composite([utf8Key, sortableInt64]), { buckets: 8 }),
    [
      ['sensor-1', 5n],
      ['', -1n],
    ],
  ],
];

describe('round trip through a table', () => {
  it.each(roundTrips)(
    '%s: cell values read back and decode to what was written',
    async (name, codec, values) => {
      const row = `rt/${name}`;
      const cells: Record<string, Buffer> = {};
      values.forEach((value, i) => {
        cells[`cf:${i}`] = codec.encode(value);
      });
      await table.put(row, cells);
      const data = await table.row(row);
      expect(Object.keys(data)).toHaveLength(values.length);
      values.forEach((value, i) => {
        expect(codec.decode(data[`cf:${i}`]!)).toEqual(value);
      });
    },
  );

  it('key codecs: row keys read back by a scan decode to what was written', async () => {
    const keyCodecNames = [
      'bytes',
      'sortableInt32',
      'sortableInt64',
      'sortableFloat64',
      'fixedString(6)',
      'utf8Key',
    ];
    keyCodecNames.push('descending(sortableInt64)', 'descending(utf8Key)', 'composite', 'salted');
    for (const [name, codec, values] of roundTrips.filter(([n]) => keyCodecNames.includes(n))) {
      const namespace = `key/${name}/`;
      await writeKeys(namespace, codec, values);
      const read = await scanNamespace(namespace, codec);
      expect(read).toHaveLength(values.length);
      for (const value of values) expect(read).toContainEqual(value);
    }
  });
});

describe('HBase-written bytes', () => {
  it('a counter incremented by the gateway decodes with `counter`', async () => {
    await table.counterInc('counter/1', 'cf:c', 42);
    const data = await table.row('counter/1');
    expect(data['cf:c']).toHaveLength(8);
    expect(counter.decode(data['cf:c']!)).toBe(42n);
  });

  it('a counter written with `counter` is incremented by HBase', async () => {
    await table.put('counter/2', { 'cf:c': counter.encode(2n ** 40n) });
    expect(await table.counterInc('counter/2', 'cf:c', 1)).toBe(2n ** 40n + 1n);
    expect(counter.decode((await table.row('counter/2'))['cf:c']!)).toBe(2n ** 40n + 1n);
  });

  it('text as the shell writes it decodes with utf8 and decimalString', async () => {
    await table.put('shell/1', { 'cf:name': 'héllo', 'cf:price': '3.25', 'cf:qty': '42' });
    const data = await table.row('shell/1');
    expect(utf8.decode(data['cf:name']!)).toBe('héllo');
    expect(decimalString.decode(data['cf:price']!)).toBe(3.25);
    expect(decimalString.decode(data['cf:qty']!)).toBe(42);
  });
});

describe('scans return order-preserving keys in logical order', () => {
  it('sortableInt64: numeric order, negatives first', async () => {
    const values = [
      -(2n ** 63n),
      -1_000_000n,
      -256n,
      -1n,
      0n,
      1n,
      255n,
      256n,
      1_700_000_000_000n,
      2n ** 63n - 1n,
    ];
    await writeKeys('o/i64/', sortableInt64, values);
    expect(await scanNamespace('o/i64/', sortableInt64)).toEqual(values);
  });

  it('sortableInt32: numeric order', async () => {
    const values = [-2147483648, -65536, -1, 0, 1, 65536, 2147483647];
    await writeKeys('o/i32/', sortableInt32, values);
    expect(await scanNamespace('o/i32/', sortableInt32)).toEqual(values);
  });

  it('sortableFloat64: -Infinity … -0, 0 … Infinity, NaN', async () => {
    const values = [
      Number.NEGATIVE_INFINITY,
      -1e300,
      -1.5,
      -Number.MIN_VALUE,
      -0,
      0,
      Number.MIN_VALUE,
      0.1,
      1.5,
      1e300,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ];
    await writeKeys('o/f64/', sortableFloat64, values);
    expect(await scanNamespace('o/f64/', sortableFloat64)).toEqual(values);
  });

  it('descending(sortableInt64): newest first', async () => {
    const times = [1_600_000_000_000, 1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000, 0, -1];
    await writeKeys('o/desc/', descending(sortableInt64), times);
    const expected = [...times].sort((a, b) => b - a).map(BigInt);
    expect(await scanNamespace('o/desc/', descending(sortableInt64))).toEqual(expected);
  });

  it('descending(utf8Key): reverse code point order, a longer key before its prefix', async () => {
    const values = ['b', 'abc', 'ab', 'a\0', 'a', ''];
    await writeKeys('o/dstr/', descending(utf8Key), values);
    expect(await scanNamespace('o/dstr/', descending(utf8Key))).toEqual(values);
  });

  it('fixedString: code point order, shorter first', async () => {
    const values = ['', 'A', 'AB', 'AZ', 'B', 'é', '\u{1F600}'];
    await writeKeys('o/fixed/', fixedString(4), values);
    expect(await scanNamespace('o/fixed/', fixedString(4))).toEqual(values);
  });

  describe('composite([utf8Key, descending(sortableInt64)])', () => {
    const key = composite([utf8Key, descending(sortableInt64)]);
    const users = ['', 'a', 'a\0', 'a\0\0', 'ab', 'b', '\u{1F600}'];
    const times = [1n, 1_700_000_000_000n, 1_800_000_000_000n];
    // Users in code point order, each user's events newest first.
    const expected = users.flatMap((user) => [...times].reverse().map((t) => [user, t]));

    beforeAll(async () => {
      await writeKeys('o/comp/', key, expected as Array<[string, bigint]>);
    });

    it('a scan returns users in order and each user newest first', async () => {
      expect(await scanNamespace('o/comp/', key)).toEqual(expected);
    });

    it('a prefix scan on the first part returns exactly that user, newest first', async () => {
      const rowPrefix = Buffer.concat([Buffer.from('o/comp/'), key.encodePrefix(['a'])]);
      const read = await scanKeys(key, rowPrefix, 'o/comp/'.length);
      expect(read).toEqual([...times].reverse().map((t) => ['a', t]));
    });

    it('a partialLast prefix scan returns every user starting with it', async () => {
      const rowPrefix = Buffer.concat([
        Buffer.from('o/comp/'),
        key.encodePrefix(['a'], { partialLast: true }),
      ]);
      const read = await scanKeys(key, rowPrefix, 'o/comp/'.length);
      expect(read).toEqual(expected.filter(([user]) => (user as string).startsWith('a')));
    });
  });

  it('salted: one scan per bucket, merged, gives the logical order', async () => {
    const key = salted(sortableInt64, { buckets: 4 });
    const values = Array.from({ length: 40 }, (_, i) => BigInt((i - 20) * 1000));
    await writeKeys('o/salt/', key, values);
    const perBucket: bigint[][] = [];
    for (const bucket of key.bucketPrefixes()) {
      const read = await scanKeys(sortableInt64, Buffer.concat([Buffer.from('o/salt/'), bucket]));
      expect(read).toEqual([...read].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))); // ordered within a bucket
      perBucket.push(read);
    }
    expect(perBucket.filter((b) => b.length > 0).length).toBeGreaterThan(1);
    const merged = perBucket.flat().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(merged).toEqual(values);
    // A single scan over all buckets is not in logical order.
    expect(await scanNamespace('o/salt/', key)).not.toEqual(values);
  });
});
