import fc from 'fast-check';
import { int64, libraryMessage, ourMessage } from './encoded-calls';

// The small hot calls we encode ourselves must put exactly the generated code's bytes on the wire.

const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const seqid = fc.integer({ min: 1, max: 0x7fff_0000 });
const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

describe.each(['binary', 'compact'] as const)('small call encoders, %s protocol', (protocol) => {
  it('getRowWithColumns(Ts): same bytes as the generated code', () => {
    fc.assert(
      fc.property(
        seqid,
        bytes(20),
        bytes(20),
        fc.array(bytes(12), { maxLength: 20 }),
        fc.option(i64, { nil: undefined }),
        (id, table, row, columns, ts) => {
          const ours = ourMessage(protocol, id, (c) => c.readRow(table, row, columns, ts));
          const library = libraryMessage(protocol, id, (c) =>
            ts === undefined
              ? c.getRowWithColumns(table, row, columns, {})
              : c.getRowWithColumnsTs(table, row, columns, int64(ts), {}),
          );
          expect(ours).toEqual(library);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('atomicIncrement: same bytes as the generated code', () => {
    fc.assert(
      fc.property(seqid, bytes(20), bytes(20), bytes(20), i64, (id, table, row, column, amount) => {
        const ours = ourMessage(protocol, id, (c) => c.incrementCounter(table, row, column, amount));
        const library = libraryMessage(protocol, id, (c) =>
          c.atomicIncrement(table, row, column, int64(amount)),
        );
        expect(ours).toEqual(library);
      }),
      { numRuns: 300 },
    );
  });
});
