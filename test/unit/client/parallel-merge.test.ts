import type { ScanSpec } from '../../../src/client/gateway/scan-spec';
import { type MergePlan, ParallelMerge } from '../../../src/client/parallel/parallel-merge';
import { splitScan } from '../../../src/client/parallel/scan-parts';
import type { RegionInfo } from '../../../src/client/region-info';

describe('splitScan', () => {
  const region = (start: number[], end: number[]) =>
    ({ startKey: Buffer.from(start), endKey: Buffer.from(end) }) as RegionInfo;
  const regions = [region([0x80], []), region([], [0x40]), region([0x40], [0x80])];
  const base: ScanSpec = { caching: 10, sortColumns: false, reversed: false };
  const show = (parts: ScanSpec[]) =>
    parts.map((p) => [p.startRow?.toString('hex') ?? '-', p.stopRow?.toString('hex') ?? '-']);

  it('splits a whole table into its regions, in key order', () => {
    expect(show(splitScan(base, regions))).toEqual([
      ['-', '40'],
      ['40', '80'],
      ['80', '-'],
    ]);
  });

  it('keeps only the parts of a range in each region, and the rest of the scan', () => {
    const filterString = Buffer.from('KeyOnlyFilter()');
    const parts = splitScan(
      { ...base, startRow: Buffer.from([0x50]), stopRow: Buffer.from([0x90]), filterString, limit: 5 },
      regions,
    );
    expect(show(parts)).toEqual([
      ['50', '80'],
      ['80', '90'],
    ]);
    expect(parts.every((p) => p.filterString === filterString && p.limit === 5)).toBe(true);
    expect(
      show(splitScan({ ...base, startRow: Buffer.from([0x10]), stopRow: Buffer.from([0x20]) }, regions)),
    ).toEqual([['10', '20']]);
  });

  it('cuts a reversed scan into (lower, upper] parts, highest first', () => {
    expect(show(splitScan({ ...base, reversed: true }, regions))).toEqual([
      ['-', '80'],
      ['80', '40'],
      ['40', '-'],
    ]);
    const parts = splitScan(
      { ...base, reversed: true, startRow: Buffer.from([0x90]), stopRow: Buffer.from([0x10]) },
      regions,
    );
    expect(show(parts)).toEqual([
      ['90', '80'],
      ['80', '40'],
      ['40', '10'],
    ]);
  });

  it('clips a reversed prefix scan (open stop row) to the regions at and above its prefix', () => {
    // rowPrefix 0x50, reversed: from just above the prefix range down, a PrefixFilter ending it.
    const parts = splitScan(
      { ...base, reversed: true, startRow: Buffer.from([0x51]) },
      regions,
      Buffer.from([0x50]),
    );
    expect(show(parts)).toEqual([['51', '-']]);
    // A region starting exactly at the prefix: the part above still reads down to it.
    const at = [...regions, region([0x50], [0x80])];
    expect(
      show(splitScan({ ...base, reversed: true, startRow: Buffer.from([0x51]) }, at, Buffer.from([0x50]))),
    ).toEqual([['51', '-']]);
    const wide = splitScan(
      { ...base, reversed: true, startRow: Buffer.from([0x90]) },
      regions,
      Buffer.from([0x41]),
    );
    expect(show(wide)).toEqual([
      ['90', '80'],
      ['80', '-'],
    ]);
  });

  it('covers every key exactly once', () => {
    const keys = Array.from({ length: 256 }, (_, i) => Buffer.from([i]));
    for (const reversed of [false, true]) {
      const parts = splitScan({ ...base, reversed }, regions);
      for (const key of keys) {
        const inPart = (p: ScanSpec) => {
          const [low, high] = reversed ? [p.stopRow, p.startRow] : [p.startRow, p.stopRow];
          // Forward: [start, stop). Reversed: (stop, start].
          const aboveLow = low === undefined || (reversed ? key.compare(low) > 0 : key.compare(low) >= 0);
          const belowHigh = high === undefined || (reversed ? key.compare(high) <= 0 : key.compare(high) < 0);
          return aboveLow && belowHigh;
        };
        expect(parts.filter(inPart)).toHaveLength(1);
      }
    }
  });
});

describe('ParallelMerge', () => {
  async function* numbers(from: number, count: number, log: string[]) {
    for (let i = 0; i < count; i++) {
      log.push(`read ${from + i}`);
      await Promise.resolve();
      yield from + i;
    }
  }
  const plan = (
    sources: Array<() => AsyncIterator<number>>,
    over: Partial<MergePlan<number, number>> = {},
  ): MergePlan<number, number> => ({
    splits: sources.length,
    lanes: 2,
    ordered: true,
    limit: Number.POSITIVE_INFINITY,
    acquire: async (lane) => lane,
    release: async () => undefined,
    open: (split) => sources[split]!(),
    ...over,
  });
  const drain = async (merge: AsyncIterator<number>) => {
    const out: number[] = [];
    for (let r = await merge.next(); !r.done; r = await merge.next()) out.push(r.value);
    return out;
  };

  it('hands sources out in order, reading ahead only within the window', async () => {
    const log: string[] = [];
    const sources = [0, 10, 20, 30].map((from) => () => numbers(from, 5, log));
    expect(await drain(new ParallelMerge(plan(sources)))).toEqual([
      0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 30, 31, 32, 33, 34,
    ]);
    // Source 2 (from 20) starts only once source 0 is handed out.
    expect(log.indexOf('read 20')).toBeGreaterThan(log.indexOf('read 4'));
  });

  it('unordered, hands every item out once, each lane one item ahead at most', async () => {
    const log: string[] = [];
    const sources = [0, 100, 200, 300, 400].map((from) => () => numbers(from, 50, log));
    const merge = new ParallelMerge(plan(sources, { ordered: false, lanes: 3 }));
    const out: number[] = [];
    for (let r = await merge.next(); !r.done; r = await merge.next()) {
      out.push(r.value);
      // Read but not handed out: the item each lane waits to hand over.
      expect(log.length - out.length).toBeLessThanOrEqual(3);
    }
    expect(out.sort((a, b) => a - b)).toEqual(
      [0, 100, 200, 300, 400].flatMap((from) => Array.from({ length: 50 }, (_, i) => from + i)),
    );
  });

  it('stops every source and releases every lane on return(), at the limit and on a failure', async () => {
    let returned = 0;
    let released = 0;
    const endless = () =>
      (async function* () {
        try {
          for (let i = 0; ; i++) {
            await Promise.resolve();
            yield i;
          }
        } finally {
          returned++;
        }
      })();
    const counting = { release: async () => void released++ };
    const merge = new ParallelMerge(plan([endless, endless, endless], { ordered: false, ...counting }));
    for (let i = 0; i < 5; i++) await merge.next();
    await merge.return();
    expect([returned, released]).toEqual([2, 2]);

    const limited = new ParallelMerge(plan([endless, endless], { limit: 7, ...counting }));
    expect(await drain(limited)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([returned, released]).toEqual([4, 4]);

    async function* failing() {
      yield 1;
      throw new Error('gateway gone');
    }
    const failed = new ParallelMerge(plan([() => failing(), endless], counting));
    await expect(drain(failed)).rejects.toThrow('gateway gone');
    expect([returned, released]).toEqual([5, 6]);
  });

  it('gives up on a lane still waiting for its resource when the merge ends', async () => {
    let late: (value: number) => void = () => undefined;
    let releasedLate = false;
    const merge = new ParallelMerge(
      plan([() => numbers(0, 3, []), () => numbers(10, 3, [])], {
        ordered: false,
        acquire: (lane) => (lane === 0 ? Promise.resolve(0) : new Promise((resolve) => (late = resolve))),
        release: async (lane) => {
          if (lane === 1) releasedLate = true;
        },
        limit: 2,
      }),
    );
    expect(await drain(merge)).toEqual([0, 1]);
    late(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(releasedLate).toBe(true);
  });

  it.each([false, true])(
    'ends without a limit when a lane never gets its resource (ordered: %s)',
    async (ordered) => {
      // A pool of one leased by the caller already: lane 1's lease never comes; lane 0 reads all.
      let late: (value: number) => void = () => undefined;
      let releasedLate = false;
      const merge = new ParallelMerge(
        plan(
          [0, 10, 20].map((from) => () => numbers(from, 3, [])),
          {
            ordered,
            acquire: (lane) => (lane === 0 ? Promise.resolve(0) : new Promise((resolve) => (late = resolve))),
            release: async (lane) => {
              if (lane === 1) releasedLate = true;
            },
          },
        ),
      );
      const out = await drain(merge);
      expect(out.sort((a, b) => a - b)).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22]);
      // A lease that comes after all is given back.
      late(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(releasedLate).toBe(true);
    },
  );

  /** A source of `batches` batches of `size` items, each fetched by `next()` and the rest of it at hand. */
  function batched(from: number, batches: number, size: number, log: string[]) {
    let fetched = 0;
    let atHand: number[] = [];
    const source = {
      async next(): Promise<IteratorResult<number>> {
        await Promise.resolve();
        if (atHand.length === 0) {
          if (fetched === batches) return { value: undefined, done: true };
          const first = from + fetched * size;
          atHand = Array.from({ length: size }, (_, i) => first + i);
          fetched++;
          log.push(`fetch ${first}`);
        }
        return { value: atHand.shift()!, done: false };
      },
      nextReady: (): number | undefined => {
        if (from < 0) throw new Error('undecodable');
        return atHand.shift();
      },
      returned: false,
      async return(): Promise<IteratorResult<number>> {
        source.returned = true;
        return { value: undefined, done: true };
      },
    };
    return source;
  }

  it("hands a source's items at hand out in one stretch, fetching nothing meanwhile", async () => {
    const log: string[] = [];
    const sources = [0, 100, 200].map((from) => () => batched(from, 3, 10, log));
    const merge = new ParallelMerge(plan(sources, { ordered: false, lanes: 3 }));
    const out = await drain(merge);
    expect([...out].sort((a, b) => a - b)).toEqual(
      [0, 100, 200].flatMap((from) => Array.from({ length: 30 }, (_, i) => from + i)),
    );
    // Each batch of 10 comes out whole, in order: no interleaving of sources within a batch.
    for (let i = 0; i < out.length; i += 10) {
      const batch = out.slice(i, i + 10);
      expect(batch).toEqual(Array.from({ length: 10 }, (_, k) => batch[0]! + k));
    }
    expect(log.filter((line) => line.startsWith('fetch'))).toHaveLength(9);
  });

  it('fails, returning every source, when an item at hand cannot be taken', async () => {
    const made: Array<ReturnType<typeof batched>> = [];
    const source = (from: number) => () => {
      const s = batched(from, 5, 10, []);
      made.push(s);
      return s;
    };
    let released = 0;
    const merge = new ParallelMerge(
      plan([source(0), source(-100), source(200)], {
        ordered: true,
        lanes: 3,
        release: async () => void released++,
      }),
    );
    await expect(drain(merge)).rejects.toThrow('undecodable');
    // The first ended on its own; the failing one and the one read ahead are closed.
    expect(made.map((s) => s.returned)).toEqual([false, true, true]);
    expect(released).toBe(3);
  });

  it('fails, returning every source and lane, when mapping an item throws', async () => {
    const made: Array<ReturnType<typeof batched>> = [];
    let released = 0;
    const merge = new ParallelMerge<number, number, number>({
      ...plan(
        [0, 100].map((from) => () => {
          const s = batched(from, 5, 10, []);
          made.push(s);
          return s;
        }),
        { ordered: false, release: async () => void released++ },
      ),
      map: (n) => {
        if (n === 3) throw new Error('cannot map 3');
        return n;
      },
    } as MergePlan<number, number, number>);
    await expect(drain(merge)).rejects.toThrow('cannot map 3');
    expect(made.map((s) => s.returned)).toEqual([true, true]);
    expect(released).toBe(2);
  });

  it('settles every next() called before the previous one settled', async () => {
    const merge = new ParallelMerge(
      plan(
        [0, 10].map((from) => () => numbers(from, 2, [])),
        { ordered: false },
      ),
    );
    const results = await Promise.all([merge.next(), merge.next(), merge.next(), merge.next(), merge.next()]);
    expect(
      results
        .filter((r) => !r.done)
        .map((r) => r.value)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 10, 11]);
    expect(results.filter((r) => r.done)).toHaveLength(1);
  });

  it('drains a merge used as a source in stretches (nextReady), not a promise per item', async () => {
    const log: string[] = [];
    const inner = () =>
      new ParallelMerge(
        plan(
          [0, 100].map((from) => () => batched(from, 2, 10, log)),
          { lanes: 2 },
        ),
      );
    let pulls = 0;
    const outer = new ParallelMerge<number, number>(
      plan([inner, inner], {
        lanes: 1,
        open: (split) => {
          const source = [inner, inner][split]!();
          const next = source.next.bind(source);
          return Object.assign(source, {
            next: () => {
              pulls++;
              return next();
            },
          });
        },
      }),
    );
    const out = await drain(outer);
    expect(out).toHaveLength(80);
    // An inner merge is pulled about once per batch of its sources (and where its window moves
    // on), not once per item: 80 pulls without nextReady.
    expect(pulls).toBeLessThanOrEqual(out.length / 4);
  });

  it('maps items as they are handed out', async () => {
    const merge = new ParallelMerge<number, number, string>({
      ...plan([() => numbers(0, 2, [])]),
      map: (n) => `#${n}`,
    } as MergePlan<number, number, string>);
    const first = await merge.next();
    expect(first.value).toBe('#0');
    await merge.return();
  });
});
