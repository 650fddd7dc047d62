// The pure parts of repository scans: which client bounds read a key range (checked against a
// model of HBase's scan semantics over random keys), the k-way merge of sorted sources, and the
// page cursor format.
import fc from 'fast-check';
import { InvalidArgumentError } from '../../../src/client/errors';
import { type KeyRange, rangeContains, rowBoundsOf } from '../../../src/mapper/key-range';
import { MergedIterator } from '../../../src/mapper/merged-iterator';
import { decodePageCursor, encodePageCursor, pageScope } from '../../../src/mapper/page-cursor';

/** Short keys over bytes that sit on the edges of prefix arithmetic (0x00, 0xfe, 0xff). */
const edgyBytes = fc
  .uint8Array({ minLength: 0, maxLength: 4 })
  .map((bytes) => Buffer.from(bytes.map((b) => [0x00, 0x01, 0x7f, 0xfe, 0xff][b % 5]!)));
const startsWith = (key: Buffer, prefix: Buffer) => key.subarray(0, prefix.length).equals(prefix);

/** The rows a Thrift1 scan with these bounds returns from `rows`, in order (a model of HBase). */
function modelScan(rows: Buffer[], bounds: ReturnType<typeof rowBoundsOf>, reverse: boolean): Buffer[] {
  const sorted = [...rows].sort(Buffer.compare);
  const { rowStart, rowStop, mustStartWith } = bounds;
  const inBounds = reverse
    ? (k: Buffer) =>
        (rowStart === undefined || k.compare(rowStart) <= 0) &&
        (rowStop === undefined || k.compare(rowStop) > 0)
    : (k: Buffer) =>
        (rowStart === undefined || k.compare(rowStart) >= 0) &&
        (rowStop === undefined || k.compare(rowStop) < 0);
  const found = sorted.filter(
    (k) => inBounds(k) && (mustStartWith === undefined || startsWith(k, mustStartWith)),
  );
  return reverse ? found.reverse() : found;
}

const ranges = fc.record({
  start: fc.option(edgyBytes, { nil: undefined }),
  stop: fc.option(edgyBytes, { nil: undefined }),
  prefix: fc.option(
    edgyBytes.filter((b) => b.length > 0),
    { nil: undefined },
  ),
  reverse: fc.boolean(),
  usePrefix: fc.boolean(),
});

describe('rowBoundsOf', () => {
  it.each([
    ['plain keys', [Buffer.alloc(0)]],
    ['salted keys (3 buckets)', [Buffer.from([0]), Buffer.from([1]), Buffer.from([2])]],
    ['salted keys (last bucket 0xff)', [Buffer.from([0xfe]), Buffer.from([0xff])]],
  ])('%s: the runs read exactly the keys of the range after the cursor', (_, leads) => {
    fc.assert(
      fc.property(
        fc.uniqueArray(edgyBytes, { selector: (b) => b.toString('hex'), maxLength: 30 }),
        ranges,
        fc.nat(),
        fc.boolean(),
        (logicalKeys, r, afterIndex, useAfter) => {
          const range: KeyRange = r.usePrefix
            ? { prefix: r.prefix ?? Buffer.from([1]), reverse: r.reverse }
            : { start: r.start, stop: r.stop, reverse: r.reverse };
          const rows = leads.flatMap((lead) => logicalKeys.map((k) => Buffer.concat([lead, k])));
          const inRange = logicalKeys.filter((k) => rangeContains(range, k));
          // A cursor is the key of a row the range returned: any key inside the range.
          const after = useAfter && inRange.length > 0 ? inRange[afterIndex % inRange.length] : undefined;
          const afterIt = (k: Buffer) =>
            after === undefined || (range.reverse ? k.compare(after) < 0 : k.compare(after) > 0);
          for (const lead of leads) {
            let read = modelScan(rows, rowBoundsOf(lead, range, after), range.reverse);
            // Reversed scans start at the cursor's row, which the repository drops.
            if (after !== undefined && range.reverse) {
              const cursorRow = Buffer.concat([lead, after]);
              read = read.filter((k) => !k.equals(cursorRow));
            }
            const expected = inRange
              .filter(afterIt)
              .sort((a, b) => (range.reverse ? b.compare(a) : a.compare(b)))
              .map((k) => Buffer.concat([lead, k]));
            expect(read.map((k) => k.toString('hex'))).toEqual(expected.map((k) => k.toString('hex')));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A source that hands out `items`, counting return() calls, optionally failing at an index. */
function source(items: number[], failAt?: number) {
  let i = 0;
  const state = { returned: 0 };
  const iterator: AsyncIterator<number> = {
    next: async () => {
      if (i === failAt) throw new Error(`source failed at ${i}`);
      return i < items.length ? { value: items[i++]!, done: false } : { value: undefined, done: true };
    },
    return: async () => {
      state.returned++;
      return { value: undefined, done: true };
    },
  };
  return { iterator, state };
}

async function drain<T>(iterator: AsyncIterator<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) out.push(r.value);
  return out;
}

describe('MergedIterator', () => {
  it('merges sorted sources into one sorted sequence, up to the limit, closing every source', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        async (lists, reverse, limit) => {
          const order = (a: number, b: number) => (reverse ? b - a : a - b);
          const sources = lists.map((list) => source([...list].sort(order)));
          const merged = new MergedIterator(
            sources.map((s) => s.iterator),
            order,
            limit ?? Number.POSITIVE_INFINITY,
            (n) => `#${n}`,
          );
          const expected = lists
            .flat()
            .sort(order)
            .slice(0, limit)
            .map((n) => `#${n}`);
          expect(await drain(merged)).toEqual(expected);
          expect(sources.every((s) => s.state.returned === 1)).toBe(true);
          expect(await merged.next()).toEqual({ value: undefined, done: true });
        },
      ),
    );
  });

  it('answers next() calls made without waiting in order', async () => {
    const sources = [source([1, 4, 7]), source([2, 5]), source([3, 6])];
    const merged = new MergedIterator(
      sources.map((s) => s.iterator),
      (a, b) => a - b,
      Number.POSITIVE_INFINITY,
      (n) => n,
    );
    const results = await Promise.all(Array.from({ length: 9 }, () => merged.next()));
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5, 6, 7, undefined, undefined]);
  });

  it('a failing source fails the merge and closes the other sources', async () => {
    const sources = [source([1, 3, 5]), source([2, 4, 6], 2), source([0, 10])];
    const merged = new MergedIterator(
      sources.map((s) => s.iterator),
      (a, b) => a - b,
      Number.POSITIVE_INFINITY,
      (n) => n,
    );
    await expect(drain(merged)).rejects.toThrow('source failed at 2');
    expect(sources.map((s) => s.state.returned)).toEqual([1, 1, 1]);
    expect(await merged.next()).toEqual({ value: undefined, done: true });
  });

  it('return() closes every source', async () => {
    const sources = [source([1, 3]), source([2, 4])];
    const merged = new MergedIterator(
      sources.map((s) => s.iterator),
      (a, b) => a - b,
      Number.POSITIVE_INFINITY,
      (n) => n,
    );
    expect((await merged.next()).value).toBe(1);
    await merged.return();
    expect(sources.map((s) => s.state.returned)).toEqual([1, 1]);
  });
});

describe('page cursors', () => {
  const range: KeyRange = { start: Buffer.from('a'), stop: Buffer.from('m'), reverse: false };
  const scope = pageScope('docs', range);

  it('round-trip the row key within their scope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (key) => {
        const cursor = encodePageCursor(scope, Buffer.from(key));
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodePageCursor(scope, cursor, 'options.after')).toEqual(Buffer.from(key));
      }),
    );
  });

  it('belong to one table, range and direction', () => {
    const cursor = encodePageCursor(scope, Buffer.from('c'));
    for (const other of [
      pageScope('notes', range),
      pageScope('docs', { ...range, reverse: true }),
      pageScope('docs', { ...range, stop: Buffer.from('n') }),
      pageScope('docs', { start: Buffer.from('a'), reverse: false }),
      pageScope('docs', { prefix: Buffer.from('a'), reverse: false }),
      // Fields are length-prefixed: moving bytes from one bound to the next is another scope.
      pageScope('docs', { start: Buffer.from('am'), stop: Buffer.from(''), reverse: false }),
    ]) {
      expect(other.equals(scope)).toBe(false);
      expect(() => decodePageCursor(other, cursor, 'options.after')).toThrow(InvalidArgumentError);
    }
  });

  it('any change to a cursor, and any other string, is refused', () => {
    const cursor = encodePageCursor(scope, Buffer.from('key-1'));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        fc.pre(text !== cursor);
        expect(() => decodePageCursor(scope, text, 'options.after')).toThrow(InvalidArgumentError);
      }),
    );
    const bytes = Buffer.from(cursor, 'base64url');
    for (let i = 0; i < 9; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i]! ^= 1;
      expect(() => decodePageCursor(scope, flipped.toString('base64url'), 'options.after')).toThrow(
        InvalidArgumentError,
      );
    }
    // Only the row key is not protected: that is what the range check in Repository.page is for.
  });
});
