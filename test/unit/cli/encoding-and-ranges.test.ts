// The CLI's pure helpers: the byte encoding of its output (a property: every byte string
// round-trips through JSON), key ranges split by regions, and the ordered merge of parallel scans.
import fc from 'fast-check';
import {
  bytesFromJson,
  bytesToDisplay,
  bytesToJson,
  isUtf8,
  keyFromArgument,
} from '../../../src/cli/byte-encoding';
import { prefixEnd, splitByRegions } from '../../../src/cli/key-ranges';
import { orderedMerge } from '../../../src/cli/ordered-merge';
import type { RegionInfo } from '../../../src/client/region-info';

describe('byte encoding', () => {
  it('round-trips any bytes through JSON text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (array) => {
        const bytes = Buffer.from(array);
        const json = JSON.parse(JSON.stringify(bytesToJson(bytes)));
        expect(bytesFromJson(json)).toEqual(bytes);
      }),
    );
  });

  it('keeps valid UTF-8 as a string, U+FFFD included, and marks the rest', () => {
    expect(bytesToJson(Buffer.from('Zürich \uFFFD 🌍'))).toBe('Zürich \uFFFD 🌍');
    expect(bytesToJson(Buffer.from([0xff]))).toEqual({ base64: '/w==' });
    expect(isUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false); // an encoded lone surrogate
  });

  it('shows printable text as is and anything else as base64:', () => {
    expect(bytesToDisplay(Buffer.from('plain'))).toBe('plain');
    expect(bytesToDisplay(Buffer.from('a\nb'))).toBe('base64:YQpi');
    expect(bytesToDisplay(Buffer.from('base64:x'))).toBe(
      `base64:${Buffer.from('base64:x').toString('base64')}`,
    );
    expect(bytesToDisplay(Buffer.from([0x80]))).toBe('base64:gA==');
  });

  it('refuses JSON that is not bytes', () => {
    for (const value of [1, null, [], { base64: '%%' }, { base64: 'AA==', extra: 1 }, { hex: '00' }]) {
      expect(bytesFromJson(value)).toBeUndefined();
    }
  });

  it('reads keys from the command line in each encoding, naming the flag when they are not', () => {
    expect(keyFromArgument('/wA=', 'base64', '--start')).toEqual(Buffer.from([0xff, 0]));
    expect(keyFromArgument('ff00', 'hex', '--start')).toEqual(Buffer.from([0xff, 0]));
    expect(() => keyFromArgument('f', 'hex', '--stop')).toThrow('--stop: not valid hex');
  });
});

describe('key ranges', () => {
  const region = (start: number[], end: number[]) =>
    ({ startKey: Buffer.from(start), endKey: Buffer.from(end) }) as RegionInfo;
  const regions = [region([0x80], []), region([], [0x40]), region([0x40], [0x80])];
  const show = (ranges: Array<{ start: Buffer; stop: Buffer }>) =>
    ranges.map((r) => [r.start.toString('hex'), r.stop.toString('hex')]);

  it('splits a whole table into its regions, in key order', () => {
    expect(show(splitByRegions({ start: Buffer.alloc(0), stop: Buffer.alloc(0) }, regions))).toEqual([
      ['', '40'],
      ['40', '80'],
      ['80', ''],
    ]);
  });

  it('keeps only the parts of a range in each region', () => {
    expect(show(splitByRegions({ start: Buffer.from([0x50]), stop: Buffer.from([0x90]) }, regions))).toEqual([
      ['50', '80'],
      ['80', '90'],
    ]);
    expect(show(splitByRegions({ start: Buffer.from([0x10]), stop: Buffer.from([0x20]) }, regions))).toEqual([
      ['10', '20'],
    ]);
  });

  it('computes the end of a prefix', () => {
    expect(prefixEnd(Buffer.from([0x61, 0x62])).toString('hex')).toBe('6163');
    expect(prefixEnd(Buffer.from([0x61, 0xff])).toString('hex')).toBe('62');
    expect(prefixEnd(Buffer.from([0xff, 0xff])).length).toBe(0);
  });
});

describe('orderedMerge', () => {
  async function* numbers(from: number, count: number, log: string[]) {
    for (let i = 0; i < count; i++) {
      log.push(`read ${from + i}`);
      await Promise.resolve();
      yield from + i;
    }
  }

  it('yields every source in order, reading ahead within the window', async () => {
    const log: string[] = [];
    const sources = [0, 10, 20, 30].map((from) => () => numbers(from, 5, log));
    const out: number[] = [];
    for await (const n of orderedMerge(sources, 2, 3)) out.push(n);
    expect(out).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 30, 31, 32, 33, 34]);
    // Source 2 (from 20) starts only once source 0 is consumed.
    expect(log.indexOf('read 20')).toBeGreaterThan(log.indexOf('read 4'));
  });

  it('stops the sources when the consumer leaves, and passes a failure on', async () => {
    let returned = 0;
    const endless = () => ({
      async *[Symbol.asyncIterator]() {
        try {
          for (let i = 0; ; i++) yield i;
        } finally {
          returned++;
        }
      },
    });
    for await (const n of orderedMerge([endless, endless], 2, 2)) if (n === 3) break;
    expect(returned).toBe(2);
    async function* failing() {
      yield 1;
      throw new Error('gateway gone');
    }
    const drained: number[] = [];
    await expect(
      (async () => {
        for await (const n of orderedMerge([() => failing()], 1, 4)) drained.push(n);
      })(),
    ).rejects.toThrow('gateway gone');
    expect(drained).toEqual([1]);
  });
});
