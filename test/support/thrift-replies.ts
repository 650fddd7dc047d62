import fc from 'fast-check';
import Int64 from 'node-int64';
import * as thrift from 'thrift';
import type { RawRow } from '../../src/client/gateway/raw-row';
import type { RowBatch } from '../../src/client/gateway/row-batch';
import type { RowDataWithTimestamps, RowEntry } from '../../src/client/row-data';
import { TCell, TColumn, TRowResult } from '../../src/client/thrift1/generated/Hbase_types';

/** The two Thrift protocols of the gateways. */
export type Protocol = 'binary' | 'compact';

/** The thrift library's classes, loosely typed for tests. */
export const lib = thrift as unknown as Record<
  string,
  new (
    ...args: never[]
  ) => Record<string, (...args: unknown[]) => unknown>
>;
const REPLY = 2;
const LIST = 15;
const STRUCT = 12;

/** Encodes a `list<TRowResult>` reply the way the gateway does, with the thrift library's writers. */
export function encodeRowsReply(protocol: Protocol, rows: RawRow[], sorted: boolean): Buffer {
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
      new TCell({ value: c.value, timestamp: int64Of(c.timestamp) });
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

/** A thrift i64 holding `value` exactly (node-int64 takes numbers only up to 2^53). */
function int64Of(value: number | bigint): Int64 {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return new Int64(bytes);
}

/** Random rows: binary keys and values, ASCII column names, timestamps up to 2^42. */
export const rowsArbitrary = fc.array(
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

/** Every row left in a batch, with timestamps. */
export function drain(batch: RowBatch): Array<RowEntry<RowDataWithTimestamps>> {
  const entries: Array<RowEntry<RowDataWithTimestamps>> = [];
  while (batch.remaining > 0) entries.push(batch.next(true) as RowEntry<RowDataWithTimestamps>);
  return entries;
}

/** The entries a batch should yield for `rows` (column names read as latin1). */
export function entriesOf(rows: RawRow[]): Array<RowEntry<RowDataWithTimestamps>> {
  return rows.map((row) => [
    row.row,
    Object.fromEntries(
      row.cells.map((c) => [c.column.toString('latin1'), { value: c.value, timestamp: Number(c.timestamp) }]),
    ),
  ]);
}
