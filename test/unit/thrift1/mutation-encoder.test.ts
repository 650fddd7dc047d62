import fc from 'fast-check';
import type { RowMutations } from '../../../src/client/gateway/row-mutations';
import { firstDifference, int64, libraryMessage, ourMessage, type Protocol } from './encoded-calls';

// Our mutateRows/mutateRow encoders must put exactly the bytes on the wire that the generated code, writing
// through the thrift library's own protocols, puts there.

function libraryBytes(protocol: Protocol, seqid: number, table: Buffer, rows: RowMutations[], ts?: bigint) {
  return libraryMessage(protocol, seqid, (client) =>
    ts === undefined
      ? client.mutateRows(table, rows as never, {})
      : client.mutateRowsTs(table, rows as never, int64(ts), {}),
  );
}

function ourBytes(
  protocol: Protocol,
  seqid: number,
  table: Buffer,
  rows: RowMutations[],
  ts?: bigint,
  framed = false,
) {
  return ourMessage(protocol, seqid, (client) => client.sendMutations(table, rows, ts), framed);
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const mutation = fc.record(
  {
    isDelete: fc.boolean(),
    column: bytes(20),
    value: bytes(40),
    writeToWAL: fc.boolean(),
  },
  { requiredKeys: ['isDelete', 'column', 'writeToWAL'] },
);
// Up to 20 rows and mutations, so that the compact protocol's long list headers (over 14) occur.
// One row is sent as mutateRow (tested on its own), so these are none or several.
const rows = fc
  .array(fc.record({ row: bytes(16), mutations: fc.array(mutation, { maxLength: 20 }) }), { maxLength: 20 })
  .filter((list) => list.length !== 1);
const seqid = fc.integer({ min: 1, max: 0x7fff_0000 });
const timestamp = fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: undefined });

describe.each(['binary', 'compact'] as const)(
  'mutateRows and mutateRow encoders, %s protocol',
  (protocol) => {
    it('writes the same bytes as the generated code through the thrift library', () => {
      fc.assert(
        fc.property(seqid, bytes(30), rows, timestamp, (id, table, batch, ts) => {
          expect(ourBytes(protocol, id, table, batch, ts)).toEqual(
            libraryBytes(protocol, id, table, batch, ts),
          );
        }),
        { numRuns: 300 },
      );
    });

    it('writes mutateRow(Ts) like the generated code', () => {
      fc.assert(
        fc.property(
          seqid,
          bytes(30),
          bytes(16),
          fc.array(mutation, { maxLength: 20 }),
          timestamp,
          (id, table, row, mutations, ts) => {
            const ours = ourMessage(protocol, id, (c) => c.sendMutations(table, [{ row, mutations }], ts));
            const library = libraryMessage(protocol, id, (c) =>
              ts === undefined
                ? c.mutateRow(table, row, mutations as never, {})
                : c.mutateRowTs(table, row, mutations as never, int64(ts), {}),
            );
            expect(ours).toEqual(library);
          },
        ),
        { numRuns: 300 },
      );
    });

    it.each([14, 15, 16, 200])('writes lists of %i rows and mutations like the library', (size) => {
      const cells = Array.from({ length: size }, (_, i) => ({
        isDelete: i % 3 === 0,
        column: Buffer.from(`cf:q${i}`),
        ...(i % 3 === 0 ? {} : { value: Buffer.alloc(i, i) }),
        writeToWAL: i % 2 === 0,
      }));
      const batch = Array.from({ length: size }, (_, i) => ({
        row: Buffer.from(`row${i}`),
        mutations: cells,
      }));
      const table = Buffer.from('table');
      expect(
        firstDifference(ourBytes(protocol, 300, table, batch), libraryBytes(protocol, 300, table, batch)),
      ).toBe(-1);
    });

    it('frames the message with its length on framed transports', () => {
      const batch: RowMutations[] = [
        {
          row: Buffer.from('r1'),
          mutations: [
            { isDelete: false, column: Buffer.from('cf:a'), value: Buffer.from('v'), writeToWAL: true },
          ],
        },
      ];
      const bare = ourBytes(protocol, 7, Buffer.from('t'), batch, 1700000000000n);
      const framed = ourBytes(protocol, 7, Buffer.from('t'), batch, 1700000000000n, true);
      expect(framed.readInt32BE(0)).toBe(bare.length);
      expect(framed.subarray(4)).toEqual(bare);
    });

    it('names the method: mutateRow(Ts) for one row, mutateRows(Ts) otherwise', () => {
      const row = { row: Buffer.from('r'), mutations: [] };
      const method = (rows: RowMutations[], ts?: bigint) => {
        const message = ourBytes(protocol, 1, Buffer.from('t'), rows, ts).toString('latin1');
        return /mutateRows?(Ts)?/.exec(message)?.[0];
      };
      expect(method([row])).toBe('mutateRow');
      expect(method([row], 5n)).toBe('mutateRowTs');
      expect(method([row, row])).toBe('mutateRows');
      expect(method([row, row], 5n)).toBe('mutateRowsTs');
    });
  },
);
