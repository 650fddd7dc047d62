import fc from 'fast-check';
import Int64 from 'node-int64';
import * as thrift from 'thrift';
import { TCell, TColumn, TRowResult } from '../../../src/client/thrift/Hbase_types';
import { BufferedMessageReader } from '../../../src/client/transport/buffered-reader';
import { messageLength } from '../../../src/client/transport/message-length';
import { decodeRowsReply, type RawRow } from '../../../src/client/transport/row-decoder';
import type { ThriftProtocol } from '../../../src/client/transport/thrift-lib';

type Protocol = 'binary' | 'compact';
const lib = thrift as unknown as Record<
  string,
  new (
    ...args: never[]
  ) => Record<string, (...args: unknown[]) => unknown>
>;
const REPLY = 2;
const LIST = 15;
const STRUCT = 12;

/** Encodes a `list<TRowResult>` reply the way the gateway does, with the thrift library's writers. */
function encodeRowsReply(protocol: Protocol, rows: RawRow[], sorted: boolean): Buffer {
  let encoded: Buffer = Buffer.alloc(0);
  const transport = new lib.TBufferedTransport!(
    undefined as never,
    ((buf: Buffer) => (encoded = buf)) as never,
  );
  const out = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(transport as never);
  out.writeMessageBegin!('getRowsWithColumns', REPLY, 42);
  out.writeStructBegin!('result');
  out.writeFieldBegin!('success', LIST, 0);
  out.writeListBegin!(STRUCT, rows.length);
  for (const row of rows) {
    const cell = (c: RawRow['cells'][number]) =>
      new TCell({ value: c.value, timestamp: new Int64(c.timestamp) });
    const result = new TRowResult({ row: row.row });
    if (sorted)
      result.sortedColumns = row.cells.map((c) => new TColumn({ columnName: c.column, cell: cell(c) }));
    else result.columns = Object.fromEntries(row.cells.map((c) => [c.column.toString('latin1'), cell(c)]));
    (result as unknown as { write(p: unknown): void }).write(out);
  }
  out.writeListEnd!();
  out.writeFieldEnd!();
  out.writeFieldStop!();
  out.writeStructEnd!();
  out.writeMessageEnd!();
  transport.flush!();
  return encoded;
}

const rowsArbitrary = fc.array(
  fc.record({
    row: fc.uint8Array({ minLength: 1, maxLength: 20 }).map((b) => Buffer.from(b)),
    cells: fc.uniqueArray(
      fc.record({
        column: fc.string({ minLength: 1, maxLength: 8 }).map((q) => Buffer.from(`cf:${q}`, 'latin1')),
        value: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
      }),
      { selector: (c) => c.column.toString('latin1'), maxLength: 6 },
    ),
  }),
  { maxLength: 12 },
);

describe.each(['binary', 'compact'] as Protocol[])('%s protocol', (protocol) => {
  it('finds the exact end of a message, and reports every prefix as incomplete', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, sorted) => {
        const message = encodeRowsReply(protocol, rows, sorted);
        expect(messageLength(message, message.length, protocol)).toBe(message.length);
        const twice = Buffer.concat([message, message]);
        expect(messageLength(twice, twice.length, protocol)).toBe(message.length);
        for (let cut = 0; cut < message.length; cut += Math.max(1, Math.floor(message.length / 40))) {
          expect(messageLength(message, cut, protocol)).toBe(-1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('delivers each message once, whatever the chunking, and the rows decode exactly', () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1 }),
        (rows, cuts) => {
          const one = encodeRowsReply(protocol, rows, true);
          const stream = Buffer.concat([one, one, one]);
          const decoded: RawRow[][] = [];
          const reader = new BufferedMessageReader(protocol, (transport) => {
            const Protocol = (protocol === 'compact' ? lib.TCompactProtocol : lib.TBinaryProtocol)!;
            const input = new Protocol(transport as never) as unknown as ThriftProtocol;
            const header = input.readMessageBegin();
            expect(header.fname).toBe('getRowsWithColumns');
            decoded.push(decodeRowsReply(input, header.mtype).result!);
          });
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            reader.push(stream.subarray(at, at + size));
            at += size;
          }
          expect(decoded).toHaveLength(3);
          for (const result of decoded) expect(result).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hands over large replies without mixing them up with the bytes that follow', () => {
    const big: RawRow[] = [
      {
        row: Buffer.from('big'),
        cells: [{ column: Buffer.from('cf:v'), value: Buffer.alloc(150_000, 7), timestamp: 1 }],
      },
    ];
    const small: RawRow[] = [{ row: Buffer.from('small'), cells: [] }];
    const stream = Buffer.concat([
      encodeRowsReply(protocol, big, true),
      encodeRowsReply(protocol, small, true),
    ]);
    const decoded: RawRow[][] = [];
    const reader = new BufferedMessageReader(protocol, (transport) => {
      const Protocol = (protocol === 'compact' ? lib.TCompactProtocol : lib.TBinaryProtocol)!;
      const input = new Protocol(transport as never) as unknown as ThriftProtocol;
      decoded.push(decodeRowsReply(input, input.readMessageBegin().mtype).result!);
    });
    for (let at = 0; at < stream.length; at += 65_536) reader.push(stream.subarray(at, at + 65_536));
    // Feeding more bytes afterwards must not change what was decoded.
    reader.push(encodeRowsReply(protocol, small, true));
    expect(decoded).toEqual([big, small, small]);
  });
});
