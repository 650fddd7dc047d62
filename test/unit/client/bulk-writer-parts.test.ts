// The bulk writer's pure parts: index ranges (what BulkWriteError reports) and the region map.
import { BulkWriteError } from '../../../src/client/bulk/bulk-write-error';
import { complementRanges, rangesSize, toIndexRanges } from '../../../src/client/bulk/index-ranges';
import { RegionRouter, rowHash } from '../../../src/client/bulk/region-router';
import type { RegionInfo } from '../../../src/client/region-info';

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
