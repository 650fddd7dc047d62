import fc from 'fast-check';
import { FrameTooLargeError } from '../../../src';
import type { RowMutations } from '../../../src/client/gateway/row-mutations';
import { OutputBuffer } from '../../../src/client/protocol/output-buffer';
import { BinaryWireWriter, CompactWireWriter } from '../../../src/client/protocol/wire-writer';
import { writeMutations } from '../../../src/client/thrift1/mutation-encoder';
import { splitByFrameSize } from '../../../src/client/thrift1/mutation-size';

const table = Buffer.from('a_table');

/** The exact size of the encoded call (the frame without its length), in either protocol. */
function encodedSize(protocol: 'binary' | 'compact', rows: RowMutations[], timestamp?: bigint): number {
  let size = -1;
  const output = new OutputBuffer(true, (message) => {
    size = message.length - 4;
  });
  const writer = protocol === 'binary' ? new BinaryWireWriter(output) : new CompactWireWriter(output);
  writeMutations(writer, 2 ** 31 - 1, table, rows, timestamp);
  output.flush();
  return size;
}

const rowArbitrary = fc.record({
  row: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b)),
  mutations: fc.array(
    fc.record({
      isDelete: fc.boolean(),
      column: fc.uint8Array({ minLength: 1, maxLength: 30 }).map((b) => Buffer.from(b)),
      value: fc.option(
        fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
        { nil: undefined },
      ),
      writeToWAL: fc.boolean(),
    }),
    { minLength: 1, maxLength: 20 },
  ),
});

describe('splitByFrameSize', () => {
  it('keeps the rows in order, whole, and every call within the limit in both protocols', () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 70_000, max: 200_000 }),
        fc.option(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), { nil: undefined }),
        (rows, limit, timestamp) => {
          const calls = splitByFrameSize(rows, table, limit);
          expect(calls.flat()).toEqual(rows);
          for (const call of calls) {
            expect(call.length).toBeGreaterThan(0);
            expect(encodedSize('binary', call, timestamp)).toBeLessThanOrEqual(limit);
            expect(encodedSize('compact', call, timestamp)).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('one call without a limit, none without rows', () => {
    const rows = [{ row: Buffer.from('r'), mutations: [] }];
    expect(splitByFrameSize(rows, table, undefined)).toEqual([rows]);
    expect(splitByFrameSize([], table, 100)).toEqual([]);
  });

  it('refuses a row that cannot fit alone', () => {
    const big = {
      row: Buffer.from('r'),
      mutations: [
        { isDelete: false, column: Buffer.from('cf:v'), value: Buffer.alloc(5000), writeToWAL: true },
      ],
    };
    expect(() => splitByFrameSize([big], table, 4096)).toThrow(FrameTooLargeError);
  });
});
