import fc from 'fast-check';
import { BufferedMessageReader } from '../../../src/client/transport/buffered-reader';
import { messageLength } from '../../../src/client/transport/message-length';
import type { RowBatch } from '../../../src/client/transport/row-batch';
import { decodeRowsReply, type RawRow } from '../../../src/client/transport/row-decoder';
import type { ThriftProtocol } from '../../../src/client/transport/thrift-lib';
import {
  drain,
  encodeRowsReply,
  entriesOf,
  lib,
  type Protocol,
  rowsArbitrary,
} from '../../support/thrift-replies';

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
          const decoded: RowBatch[] = [];
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
          for (const result of decoded) expect(drain(result)).toEqual(entriesOf(rows));
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
    const decoded: RowBatch[] = [];
    const reader = new BufferedMessageReader(protocol, (transport) => {
      const Protocol = (protocol === 'compact' ? lib.TCompactProtocol : lib.TBinaryProtocol)!;
      const input = new Protocol(transport as never) as unknown as ThriftProtocol;
      decoded.push(decodeRowsReply(input, input.readMessageBegin().mtype).result!);
    });
    for (let at = 0; at < stream.length; at += 65_536) reader.push(stream.subarray(at, at + 65_536));
    // Feeding more bytes afterwards must not change what was decoded.
    reader.push(encodeRowsReply(protocol, small, true));
    expect(decoded.map(drain)).toEqual([big, small, small].map(entriesOf));
  });
});
