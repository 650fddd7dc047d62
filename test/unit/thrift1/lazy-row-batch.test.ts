import fc from 'fast-check';
import * as thrift from 'thrift';
import { ProtocolMismatchError, UnsafeTimestampError } from '../../../src/client/errors';
import type { RawRow } from '../../../src/client/gateway/raw-row';
import { decodeBinaryRowsResult } from '../../../src/client/thrift1/binary-rows-decoder';
import { decodeCompactRowsResult } from '../../../src/client/thrift1/compact-rows-decoder';
import {
  drain,
  encodeRowsReply,
  entriesOf,
  type Protocol,
  rowsArbitrary,
} from '../../support/thrift-replies';

/** Where the result struct starts in a reply: after the message header, the name and the seqid. */
function resultStart(protocol: Protocol, message: Buffer): number {
  if (protocol === 'binary') return 8 + message.readInt32BE(4) + 4;
  // 0x82, version and type, the seqid and the name's length as varints, then the name.
  let p = 2;
  while (message[p]! & 0x80) p++; // seqid
  p++;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = message[p++]!;
    length |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
  }
  return p + length;
}

const decoders = { binary: decodeBinaryRowsResult, compact: decodeCompactRowsResult };

function batchOf(protocol: Protocol, rows: RawRow[], sorted: boolean) {
  const message = encodeRowsReply(protocol, rows, sorted);
  return { message, batch: decoders[protocol](message, resultStart(protocol, message))! };
}

const cell = (column: string | Buffer, value: string, timestamp = 1) => ({
  column: typeof column === 'string' ? Buffer.from(column, 'latin1') : column,
  value: Buffer.from(value),
  timestamp,
});

describe.each(['binary', 'compact'] as const)('row batch read from the bytes, %s protocol', (protocol) => {
  it('decodes rows one at a time, exactly, from columns maps and sorted column lists', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, sorted) => {
        const { batch } = batchOf(protocol, rows, sorted);
        expect(batch.size).toBe(rows.length);
        expect(drain(batch)).toEqual(entriesOf(rows));
        expect(batch.remaining).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('answers nextVersions with one version per column (Thrift1 reads one)', () => {
    const rows: RawRow[] = [{ row: Buffer.from('r'), cells: [cell('cf:a', 'x', 5), cell('cf:b', 'y', 6)] }];
    const { batch } = batchOf(protocol, rows, true);
    expect(batch.nextVersions(true)).toEqual([
      Buffer.from('r'),
      {
        'cf:a': [{ value: Buffer.from('x'), timestamp: 5 }],
        'cf:b': [{ value: Buffer.from('y'), timestamp: 6 }],
      },
    ]);
    expect(batch.remaining).toBe(0);
  });

  it('reads long lists and maps (sizes in varints) and large timestamps', () => {
    const cells = Array.from({ length: 20 }, (_, i) => cell(`cf:q${i}`, `v${i}`, 2 ** 41 + i));
    const rows: RawRow[] = Array.from({ length: 40 }, (_, i) => ({ row: Buffer.from(`r${i}`), cells }));
    for (const sorted of [true, false]) {
      expect(drain(batchOf(protocol, rows, sorted).batch)).toEqual(entriesOf(rows));
    }
  });

  it('does not reuse a remembered column name for different bytes of the same length', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('a'), cells: [cell('cf:x1', 'v1'), cell('cf:y1', 'v2')] },
      { row: Buffer.from('b'), cells: [cell('cf:x2', 'v3'), cell('cf:y1', 'v4')] },
      { row: Buffer.from('c'), cells: [cell('cf:y1', 'v5')] },
      { row: Buffer.from('d'), cells: [cell('cf:x2', 'v6'), cell('cf:longer', 'v7'), cell('cf:z', 'v8')] },
    ];
    for (const sorted of [true, false]) {
      expect(drain(batchOf(protocol, rows, sorted).batch)).toEqual(entriesOf(rows));
    }
  });

  it('keeps non-UTF-8 column names lossless', () => {
    const rows: RawRow[] = [
      { row: Buffer.from([0xff]), cells: [cell(Buffer.from([0x63, 0x66, 0x3a, 0xff]), 'a')] },
      { row: Buffer.from([0xfe]), cells: [cell(Buffer.from([0x63, 0x66, 0x3a, 0xfe]), 'b')] },
    ];
    const entries = drain(batchOf(protocol, rows, true).batch);
    expect(entries.map(([, data]) => Object.keys(data))).toEqual([['cf:\udcff'], ['cf:\udcfe']]);
  });

  it('gives every row its own memory: a kept value does not pin the reply', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('r1'), cells: [cell('cf:a', 'x'.repeat(3000))] },
      { row: Buffer.from('r2'), cells: [cell('cf:a', 'y'.repeat(3000))] },
    ];
    const { message, batch } = batchOf(protocol, rows, true);
    const [[key1, data1], [key2, data2]] = drain(batch);
    expect(key1!.buffer).not.toBe(message.buffer);
    expect(data1!['cf:a']!.value.buffer).not.toBe(message.buffer);
    // Writing into the reply afterwards changes nothing that was handed out.
    message.fill(0);
    expect(key2).toEqual(Buffer.from('r2'));
    expect(data2!['cf:a']!.value.toString()).toBe('y'.repeat(3000));
  });

  it('hands out plain values when timestamps are not asked for', () => {
    const { batch } = batchOf(protocol, [{ row: Buffer.from('r'), cells: [cell('cf:a', 'v', 7)] }], false);
    expect(batch.next(false)).toEqual([Buffer.from('r'), { 'cf:a': Buffer.from('v') }]);
  });

  it('reports a truncated row as a protocol mismatch, and hands out nothing more', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('r1'), cells: [cell('cf:a', 'v1')] },
      { row: Buffer.from('r2'), cells: [cell('cf:a', 'v2')] },
    ];
    const message = encodeRowsReply(protocol, rows, false);
    // The last byte is the result struct's end; from the second on, the cut is in the last row.
    for (let cut = 2; cut <= 12; cut++) {
      const truncated = message.subarray(0, message.length - cut);
      const batch = decoders[protocol](truncated, resultStart(protocol, truncated))!;
      expect(batch.next(false)[0]).toEqual(Buffer.from('r1'));
      expect(() => batch.next(false)).toThrow(ProtocolMismatchError);
      expect(batch.remaining).toBe(0);
    }
  });
});

describe('row batch, binary protocol only', () => {
  it('reports a negative length as a protocol mismatch', () => {
    const message = encodeRowsReply(
      'binary',
      [{ row: Buffer.from('r1'), cells: [cell('cf:a', 'v')] }],
      false,
    );
    const start = resultStart('binary', message);
    // The first row key's length prefix, made negative.
    message.writeInt32BE(-5, start + 8 + 3);
    expect(() => decodeBinaryRowsResult(message, start)!.next(false)).toThrow(/negative length/);
  });

  it('leaves replies that are not a plain row list to the generic decoder', () => {
    const message = encodeRowsReply('binary', [], false);
    const start = resultStart('binary', message);
    const exception = Buffer.from(message);
    exception[start] = 12; // a struct field (an IOError) instead of the success list
    exception.writeInt16BE(1, start + 1);
    expect(decodeBinaryRowsResult(exception, start)).toBeUndefined();
    expect(decodeBinaryRowsResult(message, start)!.size).toBe(0);
  });
});

describe('row batch, compact protocol only', () => {
  const lib = thrift as unknown as Record<
    string,
    new (
      ...args: never[]
    ) => Record<string, (...args: unknown[]) => void>
  >;
  const T = {
    BOOL: 2,
    BYTE: 3,
    DOUBLE: 4,
    I16: 6,
    I32: 8,
    I64: 10,
    STRING: 11,
    STRUCT: 12,
    MAP: 13,
    SET: 14,
    LIST: 15,
  };

  /** One row whose TRowResult, TColumn and TCell carry fields of every type that we do not know. */
  function replyWithUnknownFields(): Buffer {
    let encoded: Buffer = Buffer.alloc(0);
    const transport = new lib.TBufferedTransport!(
      undefined as never,
      ((b: Buffer) => (encoded = b)) as never,
    );
    const out = new lib.TCompactProtocol!(transport as never);
    const unknown = (id: number) => {
      out.writeFieldBegin!('b', T.BOOL, id);
      out.writeBool!(true);
      out.writeFieldBegin!('d', T.DOUBLE, id + 1);
      out.writeDouble!(1.5);
      out.writeFieldBegin!('l', T.LIST, id + 20); // a long jump: the id is written in full
      out.writeListBegin!(T.BOOL, 3);
      for (const v of [true, false, true]) out.writeBool!(v);
      out.writeFieldBegin!('m', T.MAP, id + 21);
      out.writeMapBegin!(T.I32, T.STRUCT, 1);
      out.writeI32!(-7);
      out.writeStructBegin!('s');
      out.writeFieldBegin!('x', T.I64, 1);
      out.writeI64!(-3);
      out.writeFieldStop!();
      out.writeStructEnd!();
      out.writeFieldBegin!('e', T.MAP, id + 22);
      out.writeMapBegin!(T.STRING, T.STRING, 0);
      out.writeFieldBegin!('y', T.BYTE, id + 23);
      out.writeByte!(9);
      out.writeFieldBegin!('s', T.SET, id + 24);
      out.writeSetBegin!(T.I16, 2);
      out.writeI16!(1);
      out.writeI16!(-1);
    };
    out.writeMessageBegin!('scannerGetList', 2, 1);
    out.writeStructBegin!('result');
    out.writeFieldBegin!('success', T.LIST, 0);
    out.writeListBegin!(T.STRUCT, 1);
    out.writeStructBegin!('TRowResult');
    unknown(4);
    out.writeFieldBegin!('row', T.STRING, 1);
    out.writeBinary!(Buffer.from('r'));
    out.writeFieldBegin!('sortedColumns', T.LIST, 3);
    out.writeListBegin!(T.STRUCT, 1);
    out.writeStructBegin!('TColumn');
    out.writeFieldBegin!('cell', T.STRUCT, 2);
    out.writeStructBegin!('TCell');
    unknown(3);
    out.writeFieldBegin!('value', T.STRING, 1);
    out.writeBinary!(Buffer.from('v'));
    out.writeFieldBegin!('timestamp', T.I64, 2);
    out.writeI64!(5);
    out.writeFieldStop!();
    out.writeStructEnd!();
    out.writeFieldBegin!('columnName', T.STRING, 1);
    out.writeBinary!(Buffer.from('cf:a'));
    unknown(6);
    out.writeFieldStop!();
    out.writeStructEnd!();
    out.writeFieldStop!();
    out.writeStructEnd!();
    out.writeFieldStop!();
    out.writeStructEnd!();
    out.writeMessageEnd!();
    transport.flush!();
    return encoded;
  }

  it('skips fields it does not know, of every type, and a name that follows its cell', () => {
    const message = replyWithUnknownFields();
    const batch = decodeCompactRowsResult(message, resultStart('compact', message))!;
    expect(drain(batch)).toEqual([[Buffer.from('r'), { 'cf:a': { value: Buffer.from('v'), timestamp: 5 } }]]);
  });

  it('reports a corrupt row as a protocol mismatch instead of looping or reading past the end', () => {
    const message = encodeRowsReply(
      'compact',
      [{ row: Buffer.from('r1'), cells: [cell('cf:a', 'v')] }],
      false,
    );
    const start = resultStart('compact', message);
    // The row's first field header (after the 3-byte result and list headers), made an unknown type.
    const unknownType = Buffer.from(message);
    unknownType[start + 3] = 0x1f;
    expect(() => decodeCompactRowsResult(unknownType, start)!.next(false)).toThrow(/unknown compact type 15/);
    // A field header with a delta but type 0, which only the end of a struct may have.
    const typeZero = Buffer.from(message);
    typeZero[start + 3] = 0x10;
    expect(() => decodeCompactRowsResult(typeZero, start)!.next(false)).toThrow(/invalid field header 0x10/);
    // A huge map size with nothing behind it.
    const huge = Buffer.concat([
      message.subarray(0, start + 3),
      Buffer.from([0x1b, 0xff, 0xff, 0xff, 0xff, 0x07]),
    ]);
    expect(() => decodeCompactRowsResult(huge, start)!.next(false)).toThrow(ProtocolMismatchError);
  });

  it('leaves replies that are not a plain row list to the generic decoder', () => {
    const message = encodeRowsReply('compact', [], false);
    const start = resultStart('compact', message);
    const exception = Buffer.from(message);
    exception[start] = 0x1c; // field 1, a struct (an IOError), instead of the success list
    expect(decodeCompactRowsResult(exception, start)).toBeUndefined();
    expect(decodeCompactRowsResult(message, start)!.size).toBe(0);
  });
});

describe('timestamps read exactly', () => {
  // Around the limits of a number (2^53) and of the compact protocol's zigzag encoding in a
  // number (2^52), and the ends of the i64 range.
  const exact = [0n, 1n, 2n ** 52n - 1n, 2n ** 52n, 2n ** 52n + 1n, 2n ** 53n - 1n, -1n, -(2n ** 53n) + 1n];
  const unsafe = [2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 53n)];

  it.each(['binary', 'compact'] as Protocol[])(
    '%s: as numbers when exact, else refused; always as bigints',
    (protocol) => {
      for (const sorted of [false, true]) {
        const all = [...exact, ...unsafe];
        const rows: RawRow[] = [
          { row: Buffer.from('r'), cells: all.map((t, i) => ({ ...cell(`cf:${i}`, 'v'), timestamp: t })) },
        ];
        const asBigints = batchOf(protocol, rows, sorted).batch.next('bigint')[1] as unknown as Record<
          string,
          { timestamp: bigint }
        >;
        expect(
          Object.values(asBigints)
            .map((c) => c.timestamp)
            .sort(),
        ).toEqual([...all].sort());
        for (const t of exact) {
          const one: RawRow[] = [{ row: Buffer.from('r'), cells: [{ ...cell('cf:a', 'v'), timestamp: t }] }];
          const [, data] = batchOf(protocol, one, sorted).batch.next(true);
          expect(data).toEqual({ 'cf:a': { value: Buffer.from('v'), timestamp: Number(t) } });
        }
        for (const t of unsafe) {
          const one: RawRow[] = [{ row: Buffer.from('r'), cells: [{ ...cell('cf:a', 'v'), timestamp: t }] }];
          const { batch } = batchOf(protocol, one, sorted);
          expect(() => batch.next(true)).toThrow(UnsafeTimestampError);
          // Values only: the timestamp is never read.
          const again = batchOf(protocol, one, sorted).batch;
          expect(again.next(false)).toEqual([Buffer.from('r'), { 'cf:a': Buffer.from('v') }]);
        }
      }
    },
  );
});
