import fc from 'fast-check';
import { ProtocolMismatchError } from '../../../src/client/errors';
import { decodeBinaryRowsResult } from '../../../src/client/transport/binary-rows-decoder';
import type { RawRow } from '../../../src/client/transport/row-decoder';
import { drain, encodeRowsReply, entriesOf, rowsArbitrary } from '../../support/thrift-replies';

/** Where the result struct starts in a binary reply: after the strict header, the name and the seqid. */
function resultStart(message: Buffer): number {
  return 8 + message.readInt32BE(4) + 4;
}

function batchOf(rows: RawRow[], sorted: boolean) {
  const message = encodeRowsReply('binary', rows, sorted);
  return { message, batch: decodeBinaryRowsResult(message, resultStart(message))! };
}

const cell = (column: string | Buffer, value: string, timestamp = 1) => ({
  column: typeof column === 'string' ? Buffer.from(column, 'latin1') : column,
  value: Buffer.from(value),
  timestamp,
});

describe('binary row batch', () => {
  it('decodes rows one at a time, exactly, from columns maps and sorted column lists', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, sorted) => {
        const { batch } = batchOf(rows, sorted);
        expect(batch.size).toBe(rows.length);
        expect(drain(batch)).toEqual(entriesOf(rows));
        expect(batch.remaining).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('does not reuse a remembered column name for different bytes of the same length', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('a'), cells: [cell('cf:x1', 'v1'), cell('cf:y1', 'v2')] },
      { row: Buffer.from('b'), cells: [cell('cf:x2', 'v3'), cell('cf:y1', 'v4')] },
      { row: Buffer.from('c'), cells: [cell('cf:y1', 'v5')] },
      { row: Buffer.from('d'), cells: [cell('cf:x2', 'v6'), cell('cf:longer', 'v7'), cell('cf:z', 'v8')] },
    ];
    for (const sorted of [true, false]) {
      expect(drain(batchOf(rows, sorted).batch)).toEqual(entriesOf(rows));
    }
  });

  it('keeps non-UTF-8 column names lossless', () => {
    const rows: RawRow[] = [
      { row: Buffer.from([0xff]), cells: [cell(Buffer.from([0x63, 0x66, 0x3a, 0xff]), 'a')] },
      { row: Buffer.from([0xfe]), cells: [cell(Buffer.from([0x63, 0x66, 0x3a, 0xfe]), 'b')] },
    ];
    const entries = drain(batchOf(rows, true).batch);
    expect(entries.map(([, data]) => Object.keys(data))).toEqual([['cf:\udcff'], ['cf:\udcfe']]);
  });

  it('gives every row its own memory: a kept value does not pin the reply', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('r1'), cells: [cell('cf:a', 'x'.repeat(3000))] },
      { row: Buffer.from('r2'), cells: [cell('cf:a', 'y'.repeat(3000))] },
    ];
    const { message, batch } = batchOf(rows, true);
    const [[key1, data1], [key2, data2]] = drain(batch);
    expect(key1!.buffer).not.toBe(message.buffer);
    expect(data1!['cf:a']!.value.buffer).not.toBe(message.buffer);
    // Writing into the reply afterwards changes nothing that was handed out.
    message.fill(0);
    expect(key2).toEqual(Buffer.from('r2'));
    expect(data2!['cf:a']!.value.toString()).toBe('y'.repeat(3000));
  });

  it('hands out plain values when timestamps are not asked for', () => {
    const { batch } = batchOf([{ row: Buffer.from('r'), cells: [cell('cf:a', 'v', 7)] }], false);
    expect(batch.next(false)).toEqual([Buffer.from('r'), { 'cf:a': Buffer.from('v') }]);
  });

  it('reports a truncated or corrupt row as a protocol mismatch, and hands out nothing more', () => {
    const rows: RawRow[] = [
      { row: Buffer.from('r1'), cells: [cell('cf:a', 'v1')] },
      { row: Buffer.from('r2'), cells: [cell('cf:a', 'v2')] },
    ];
    const message = encodeRowsReply('binary', rows, false);
    const truncated = message.subarray(0, message.length - 12);
    const batch = decodeBinaryRowsResult(truncated, resultStart(truncated))!;
    expect(batch.next(false)[0]).toEqual(Buffer.from('r1'));
    expect(() => batch.next(false)).toThrow(ProtocolMismatchError);
    expect(batch.remaining).toBe(0);

    const corrupt = Buffer.from(message);
    // The first row key's length prefix, made negative.
    corrupt.writeInt32BE(-5, resultStart(corrupt) + 8 + 3);
    expect(() => decodeBinaryRowsResult(corrupt, resultStart(corrupt))!.next(false)).toThrow(
      /negative length/,
    );
  });

  it('leaves replies that are not a plain row list to the generic decoder', () => {
    const message = encodeRowsReply('binary', [], false);
    const start = resultStart(message);
    const exception = Buffer.from(message);
    exception[start] = 12; // a struct field (an IOError) instead of the success list
    exception.writeInt16BE(1, start + 1);
    expect(decodeBinaryRowsResult(exception, start)).toBeUndefined();
    expect(decodeBinaryRowsResult(message, start)!.size).toBe(0);
  });
});
