// The bulk writer's pure parts: index ranges (what BulkWriteError reports), the region map, the
// byte budget (back-pressure), the rows-in-flight rule, and the retry rule it shares with Connection.
import { type BulkOp, MUTATION_OVERHEAD } from '../../../src/client/bulk/bulk-mutation';
import { BulkWriteError } from '../../../src/client/bulk/bulk-write-error';
import { ByteBudget } from '../../../src/client/bulk/byte-budget';
import { complementRanges, rangesSize, toIndexRanges } from '../../../src/client/bulk/index-ranges';
import type { Lane } from '../../../src/client/bulk/region-lanes';
import { RegionRouter, rowHash } from '../../../src/client/bulk/region-router';
import { RowsInFlight } from '../../../src/client/bulk/rows-in-flight';
import { ConnectionFailedError, InvalidArgumentError, IOError } from '../../../src/client/errors';
import type { RegionInfo } from '../../../src/client/region-info';
import { retryDelay } from '../../../src/client/retry-delay';

describe('index ranges', () => {
  it('merges indices in any order, duplicates once', () => {
    expect(toIndexRanges([5, 1, 2, 3, 9, 2, 10, 0])).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 6 },
      { start: 9, end: 11 },
    ]);
    expect(toIndexRanges([])).toEqual([]);
  });

  it('complements ranges within a total, and sizes them', () => {
    const ranges = toIndexRanges([2, 3, 7]);
    expect(complementRanges(ranges, 10)).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 7 },
      { start: 8, end: 10 },
    ]);
    expect(complementRanges([], 3)).toEqual([{ start: 0, end: 3 }]);
    expect(complementRanges(toIndexRanges([0, 1, 2]), 3)).toEqual([]);
    expect(rangesSize(ranges) + rangesSize(complementRanges(ranges, 10))).toBe(10);
  });
});

describe('region router', () => {
  const region = (start: string): RegionInfo => ({
    startKey: Buffer.from(start),
    endKey: Buffer.alloc(0),
    id: 0n,
    name: Buffer.alloc(0),
    version: 0,
    serverName: Buffer.alloc(0),
    port: 0,
  });

  it('finds the last region starting at or before the row, whatever the order given', () => {
    const router = new RegionRouter([region('m'), region(''), region('c')]);
    expect(router.size).toBe(3);
    expect(['a', 'c', 'cz', 'l', 'm', 'zz'].map((r) => router.regionOf(Buffer.from(r)))).toEqual([
      0, 1, 1, 1, 2, 2,
    ]);
  });

  it('is one region without a map', () => {
    expect(new RegionRouter([]).regionOf(Buffer.from('x'))).toBe(0);
  });

  it('hashes a row key to the same unsigned number every time', () => {
    expect(rowHash(Buffer.from('row-1'))).toBe(rowHash(Buffer.from('row-1')));
    expect(rowHash(Buffer.from('row-1'))).toBeGreaterThanOrEqual(0);
  });
});

describe('BulkWriteError.fromState', () => {
  it('splits the accepted mutations into written, unknown and unsent ranges', () => {
    const cause = new Error('boom');
    const error = BulkWriteError.fromState(
      { accepted: 10, unknown: [4, 3], unsent: [8, 9], failedBatches: 1 },
      cause,
    );
    expect(error).toMatchObject({
      accepted: 10,
      written: 6,
      unknown: 2,
      unsent: 2,
      knownWritten: [
        { start: 0, end: 3 },
        { start: 5, end: 8 },
      ],
      notKnownWritten: [
        { start: 3, end: 5 },
        { start: 8, end: 10 },
      ],
      unknownRanges: [{ start: 3, end: 5 }],
      failedBatches: 1,
      cause,
    });
  });
});

describe('byte budget', () => {
  it('buffers while the bytes fit, then makes callers wait in order until batches settle', async () => {
    const budget = new ByteBudget<string>(100);
    expect(budget.fits(200)).toBe(true); // one mutation always fits an empty buffer
    budget.buffer(60);
    expect(budget.fits(40)).toBe(true);
    expect(budget.fits(41)).toBe(false);
    const order: string[] = [];
    const a = budget.wait('a', 50).then(() => order.push('a'));
    const b = budget.wait('b', 10).then(() => order.push('b'));
    // b would fit, but waits behind a: mutations are buffered in the order given.
    expect(budget.fits(10)).toBe(false);
    const buffered: string[] = [];
    const admit = () =>
      budget.admit((item, size) => {
        buffered.push(item);
        budget.buffer(size);
      });
    budget.send(60);
    admit();
    expect(buffered).toEqual([]); // 60 in flight + 50 > 100
    budget.settle(60);
    admit();
    await Promise.all([a, b]);
    expect(buffered).toEqual(['a', 'b']);
    expect(order).toEqual(['a', 'b']);
    expect({ buffered: budget.buffered, inFlight: budget.inFlight, peak: budget.peak }).toEqual({
      buffered: 60,
      inFlight: 0,
      peak: 60,
    });
  });

  it('refuses the waiters a check rejects, and rejects all on failure', async () => {
    const budget = new ByteBudget<number>(10);
    budget.buffer(10);
    const bad = new Error('too long');
    const waits = [1, 2, 3].map((n) => budget.wait(n, 5));
    budget.refuse((n) => (n === 2 ? bad : undefined));
    await expect(waits[1]).rejects.toBe(bad);
    expect(budget.waiting).toBe(2);
    const stop = new Error('stopped');
    budget.rejectAll(stop);
    await expect(waits[0]).rejects.toBe(stop);
    await expect(waits[2]).rejects.toBe(stop);
    budget.dropBuffered();
    expect(budget.buffered).toBe(0);
  });
});

describe('rows in flight', () => {
  const op = (row: string, index: number): BulkOp => ({
    index,
    row: Buffer.from(row),
    data: new Map(),
    columns: undefined,
    isDelete: false,
    timestamp: undefined,
    payload: 10,
    cells: 1,
  });
  const lane = (...rows: string[]): Lane => ({
    ops: rows.map(op),
    bytes: rows.length * (10 + MUTATION_OVERHEAD),
    blocked: false,
  });

  it('takes the front of a lane up to the batch limits', () => {
    const rows = new RowsInFlight();
    const l = lane('a', 'b', 'c', 'd');
    const batch = rows.take(l, 3, 1e9)!;
    expect(batch.ops.map((o) => o.row.toString())).toEqual(['a', 'b', 'c']);
    expect(batch).toMatchObject({ bytes: 3 * (10 + MUTATION_OVERHEAD), repeats: false });
    expect(l.ops).toHaveLength(1);
    expect(l.bytes).toBe(10 + MUTATION_OVERHEAD);
  });

  it('stops before a row in another batch in flight, and blocks a lane that starts with one', () => {
    const rows = new RowsInFlight();
    const first = rows.take(lane('a', 'b'), 10, 1e9)!;
    const l = lane('c', 'c', 'b', 'd');
    const second = rows.take(l, 10, 1e9)!;
    // 'c' twice in one batch is fine (the batch orders them); 'b' is in flight in the first.
    expect(second.ops.map((o) => o.row.toString())).toEqual(['c', 'c']);
    expect(second.repeats).toBe(true);
    expect(rows.take(l, 10, 1e9)).toBeUndefined();
    expect(l.blocked).toBe(true);
    rows.release(first.rows);
    l.blocked = false;
    expect(rows.take(l, 10, 1e9)!.ops.map((o) => o.row.toString())).toEqual(['b', 'd']);
  });
});

describe('retryDelay (the rule of Connection and the bulk writer)', () => {
  const policy = { attempts: 3, backoff: 100, maxBackoff: 2000 };
  const lost = new ConnectionFailedError('lost');

  it('waits a jittered, doubling backoff while attempts are left and the error may pass', () => {
    const first = retryDelay(policy, 1, lost)!;
    expect(first).toBeGreaterThanOrEqual(50);
    expect(first).toBeLessThanOrEqual(100);
    const second = retryDelay(policy, 2, lost)!;
    expect(second).toBeGreaterThanOrEqual(100);
    expect(second).toBeLessThanOrEqual(200);
    expect(retryDelay(policy, 1, new IOError('busy', true))).toBeDefined();
  });

  it('gives up without a policy, with the attempts used up, or on an error that would come again', () => {
    expect(retryDelay(undefined, 1, lost)).toBeUndefined();
    expect(retryDelay(policy, 3, lost)).toBeUndefined();
    expect(retryDelay(policy, 1, lost, 1)).toBeUndefined();
    expect(retryDelay(policy, 1, new IOError('no such column'))).toBeUndefined();
    expect(retryDelay(policy, 1, new InvalidArgumentError('x', 'y', 1))).toBeUndefined();
  });
});
