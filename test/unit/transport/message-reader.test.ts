import fc from 'fast-check';
import type { RawRow } from '../../../src/client/gateway/raw-row';
import type { RowBatch } from '../../../src/client/gateway/row-batch';
import { messageLength } from '../../../src/client/protocol/message-length';
import type { ThriftProtocol } from '../../../src/client/protocol/thrift-lib';
import { decodeRowsReply } from '../../../src/client/thrift1/row-decoder';
import { MessageReader } from '../../../src/client/transport/message-reader';
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
          const reader = new MessageReader('buffered', protocol, (transport) => {
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
    const reader = new MessageReader('buffered', protocol, (transport) => {
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

/** A framed transport's frame: the 4-byte length, then the message. */
function frame(message: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(message.length);
  return Buffer.concat([length, message]);
}

/** Feeds `stream` the way `onread` does: each read writes into the reader's free space. */
function readInPlace(reader: MessageReader, stream: Buffer, sizes: number[]): void {
  let at = 0;
  for (let i = 0; at < stream.length; i++) {
    const space = reader.freeSpace();
    expect(space.length).toBeGreaterThanOrEqual(64 * 1024);
    const size = Math.min(sizes[i % sizes.length]!, space.length, stream.length - at);
    stream.copy(space, 0, at, at + size);
    // Whatever the socket leaves in the rest of the space is not data.
    space.fill(0xee, size, Math.min(space.length, size + 16));
    reader.received(size);
    at += size;
  }
}

describe.each(['binary', 'compact'] as Protocol[])('framed transport, %s protocol', (protocol) => {
  const decodeInto = (decoded: RowBatch[]) => (transport: unknown) => {
    const Protocol = (protocol === 'compact' ? lib.TCompactProtocol : lib.TBinaryProtocol)!;
    const input = new Protocol(transport as never) as unknown as ThriftProtocol;
    decoded.push(decodeRowsReply(input, input.readMessageBegin().mtype).result!);
  };

  it('delivers each frame once, without its length, whatever the chunking', () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1 }),
        fc.boolean(),
        (rows, cuts, inPlace) => {
          const one = frame(encodeRowsReply(protocol, rows, true));
          const stream = Buffer.concat([one, one, one]);
          const decoded: RowBatch[] = [];
          const reader = new MessageReader('framed', protocol, decodeInto(decoded));
          if (inPlace) readInPlace(reader, stream, cuts);
          else {
            for (let at = 0, i = 0; at < stream.length; i++) {
              const size = cuts[i % cuts.length]!;
              reader.push(stream.subarray(at, at + size));
              at += size;
            }
          }
          expect(decoded.map(drain)).toEqual([rows, rows, rows].map(entriesOf));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a frame length that cannot be one', () => {
    const reader = new MessageReader('framed', protocol, () => {});
    expect(() => reader.push(Buffer.from('HTTP/1.1 400'))).toThrow(/invalid frame size/);
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-1);
    expect(() => new MessageReader('framed', protocol, () => {}).push(negative)).toThrow(
      /invalid frame size/,
    );
  });

  it('checks the message header as soon as it arrives, before the frame is complete', () => {
    // "-ERR" is a frame of 759 million bytes; what follows it is no Thrift header.
    const redis = Buffer.from('-ERR unknown command');
    expect(() => new MessageReader('framed', protocol, () => {}).push(redis)).toThrow(
      protocol === 'binary' ? /method name of \d+ bytes/ : /bad protocol id 0x20/,
    );
    // A valid header in a frame shorter than it claims.
    const header = encodeRowsReply(protocol, [], true).subarray(0, 8);
    const short = Buffer.alloc(4);
    short.writeInt32BE(3);
    expect(() =>
      new MessageReader('framed', protocol, () => {}).push(Buffer.concat([short, header.subarray(0, 3)])),
    ).toThrow(/too short for its header/);
  });
});

describe('reading in place (onread)', () => {
  it('keeps delivered large messages intact while later reads reuse the reader memory', () => {
    const big: RawRow[] = [
      {
        row: Buffer.from('big'),
        cells: [{ column: Buffer.from('cf:v'), value: Buffer.alloc(150_000, 7), timestamp: 1 }],
      },
    ];
    const small: RawRow[] = [{ row: Buffer.from('small'), cells: [] }];
    const batches: RowBatch[] = [];
    const reader = new MessageReader('buffered', 'binary', (transport) => {
      const input = new lib.TBinaryProtocol!(transport as never) as unknown as ThriftProtocol;
      batches.push(decodeRowsReply(input, input.readMessageBegin().mtype).result!);
    });
    const stream = Buffer.concat([
      encodeRowsReply('binary', big, false),
      encodeRowsReply('binary', small, false),
      encodeRowsReply('binary', big, false),
    ]);
    readInPlace(reader, stream, [65_536, 1000, 30_000]);
    // The rows are decoded only now, after every read: the first batch's bytes must be untouched.
    expect(batches.map(drain)).toEqual([big, small, big].map(entriesOf));
  });
});
