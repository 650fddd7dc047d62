import fc from 'fast-check';
import Int64 from 'node-int64';
import { UnsafeTimestampError } from '../../../src/client/errors';
import type { RawRow } from '../../../src/client/gateway/raw-row';
import { DecodedRowBatch, type RowBatch } from '../../../src/client/gateway/row-batch';
import { OutputBuffer } from '../../../src/client/protocol/output-buffer';
import { MessageTransport } from '../../../src/client/protocol/thrift-lib';
import type { CellShape } from '../../../src/client/row-data';
import { fromColumnValue, fromResult } from '../../../src/client/thrift2/columns';
import { TColumnValue, TIOError, TResult } from '../../../src/client/thrift2/generated/hbase_types';
import { Client } from '../../../src/client/thrift2/generated/THBaseService';
import { ResultBatch } from '../../../src/client/thrift2/result-batch';
import { THRIFT2_API } from '../../../src/client/thrift2/thrift2-api';
import { lib, type Protocol } from '../../support/thrift-replies';

// Thrift2 rows (get, getMultiple, getScannerRows) are read straight from the reply's bytes. They
// must give what the generated decoders and the gateway's former conversion (fromResult) gave,
// for any results, in both protocols.

const REPLY = 2;
const STRUCT = 12;
const LIST = 15;
type Writer = Record<string, (...args: unknown[]) => void>;
type Method = 'get' | 'increment' | 'getMultiple' | 'getScannerRows';

/** A reply written with the thrift library's own protocol classes, the way the gateway writes it. */
function reply(protocol: Protocol, method: string, body: (out: Writer) => void): Buffer {
  let encoded: Buffer = Buffer.alloc(0);
  const transport = new lib.TBufferedTransport!(undefined as never, ((b: Buffer) => (encoded = b)) as never);
  const out = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(
    transport as never,
  ) as unknown as Writer;
  out.writeMessageBegin!(method, REPLY, 17);
  out.writeStructBegin!('result');
  body(out);
  out.writeFieldStop!();
  out.writeStructEnd!();
  out.writeMessageEnd!();
  transport.flush!();
  return encoded;
}

const write = (struct: unknown, out: Writer) => (struct as { write(o: Writer): void }).write(out);

/** A successful reply to `method` holding `results` (`get`, `increment`: the first one). */
function success(protocol: Protocol, method: Method, results: TResult[]): Buffer {
  return reply(protocol, method, (out) => {
    if (method === 'get' || method === 'increment') {
      out.writeFieldBegin!('success', STRUCT, 0);
      write(results[0], out);
    } else {
      out.writeFieldBegin!('success', LIST, 0);
      out.writeListBegin!(STRUCT, results.length);
      for (const result of results) write(result, out);
      out.writeListEnd!();
    }
    out.writeFieldEnd!();
  });
}

/** What the generated `recv_<method>` makes of a reply: the outcome its callback receives. */
function generated(protocol: Protocol, message: Buffer): { error: unknown; result: unknown } {
  const client = new Client(undefined as never, undefined as never) as unknown as Record<string, unknown> & {
    _reqs: Record<number, (error: unknown, result?: unknown) => void>;
  };
  const input = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(
    new MessageTransport(message) as never,
  ) as unknown as { readMessageBegin(): { fname: string; mtype: number; rseqid: number } };
  const header = input.readMessageBegin();
  let outcome = { error: undefined as unknown, result: undefined as unknown };
  client._reqs[header.rseqid] = (error, result) => {
    outcome = { error, result };
  };
  (client[`recv_${header.fname}`] as (i: unknown, t: number, s: number) => void).call(
    client,
    input,
    header.mtype,
    header.rseqid,
  );
  return outcome;
}

/** The gateway's former conversion of generated results into a row batch. */
function formerBatch(results: TResult[]): RowBatch {
  return new DecodedRowBatch(results.map(fromResult).filter((row): row is RawRow => row !== undefined));
}

/** Our decoding of a whole reply, through the Thrift2 API's reply decoder. */
function ours(protocol: Protocol, message: Buffer): { seqid: number; error?: unknown; result?: unknown } {
  const binding = THRIFT2_API.bind(new OutputBuffer(false, () => undefined), protocol, () =>
    Promise.reject(new Error('no calls here')),
  );
  return binding.decodeReply(new MessageTransport(message), () => undefined);
}

/** Every row left in a batch, or the error the first undecodable one throws. */
function drain(batch: RowBatch, shape: CellShape): unknown {
  const entries: unknown[] = [];
  try {
    while (batch.remaining > 0) entries.push(batch.next(shape));
  } catch (error) {
    return error instanceof UnsafeTimestampError ? 'UnsafeTimestampError' : error;
  }
  return entries;
}

function int64(value: bigint): Int64 {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return new Int64(bytes);
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
/** Column parts: mostly few ASCII names (repeated across rows, as in scans), some arbitrary bytes. */
const namePart = fc.oneof(
  fc.constantFrom('d', 'e', 'c0', 'c1', '').map((s) => Buffer.from(s)),
  bytes(6),
);
const timestamp = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 42n }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);
const cellArbitrary = fc.record(
  {
    family: namePart,
    qualifier: namePart,
    value: bytes(200),
    timestamp,
    tags: bytes(4),
    type: fc.integer({ min: 0, max: 127 }),
  },
  { requiredKeys: ['family', 'qualifier', 'value'] },
);
const resultArbitrary = fc.record(
  {
    row: bytes(20),
    cells: fc.array(cellArbitrary, { maxLength: 6 }),
    stale: fc.boolean(),
    partial: fc.boolean(),
  },
  { requiredKeys: ['cells'] },
);

function toResult(r: typeof resultArbitrary extends fc.Arbitrary<infer T> ? T : never): TResult {
  return new TResult({
    row: r.row,
    stale: r.stale,
    partial: r.partial,
    columnValues: r.cells.map(
      (c) =>
        new TColumnValue({
          family: c.family,
          qualifier: c.qualifier,
          value: c.value,
          timestamp: c.timestamp === undefined ? undefined : int64(c.timestamp),
          tags: c.tags,
          type: c.type,
        }),
    ),
  });
}

const resultsArbitrary = fc.array(resultArbitrary, { maxLength: 10 }).map((list) => list.map(toResult));
const shapes: CellShape[] = [false, true, 'bigint'];

describe.each(['binary', 'compact'] as const)('Thrift2 rows read from the bytes, %s protocol', (protocol) => {
  it.each(['getMultiple', 'getScannerRows'] as const)('%s: the rows the generated decoder gave', (method) => {
    fc.assert(
      fc.property(resultsArbitrary, fc.constantFrom(...shapes), (results, shape) => {
        const message = success(protocol, method, results);
        const expected = generated(protocol, message);
        expect(expected.error).toBeNull();
        const decoded = ours(protocol, message);
        expect(decoded.seqid).toBe(17);
        expect(decoded.result).toBeInstanceOf(ResultBatch);
        const batch = decoded.result as ResultBatch;
        const former = formerBatch(expected.result as TResult[]);
        expect(batch.size).toBe(former.size);
        expect(drain(batch, shape)).toEqual(drain(former, shape));
        expect(batch.remaining).toBe(former.remaining);
      }),
      { numRuns: 150 },
    );
  });

  it.each(['get', 'increment'] as const)(
    '%s: the row and the raw cells the generated decoder gave',
    (method) => {
      fc.assert(
        fc.property(resultArbitrary.map(toResult), fc.constantFrom(...shapes), (result, shape) => {
          const message = success(protocol, method, [result]);
          const expected = generated(protocol, message).result as TResult;
          const batch = ours(protocol, message).result as ResultBatch;
          const found = fromResult(expected);
          expect(batch.rawCells()).toEqual(
            found === undefined ? [] : expected.columnValues.map(fromColumnValue),
          );
          expect(drain(batch, shape)).toEqual(drain(formerBatch([expected]), shape));
        }),
        { numRuns: 150 },
      );
    },
  );

  it('reads long lists (sizes in varints) and reuses column names across rows', () => {
    const cells = Array.from(
      { length: 20 },
      (_, i) =>
        new TColumnValue({
          family: Buffer.from('d'),
          qualifier: Buffer.from(`q${i}`),
          value: Buffer.from(`${i}`),
        }),
    );
    const results = Array.from(
      { length: 40 },
      (_, i) => new TResult({ row: Buffer.from(`r${i}`), columnValues: cells }),
    );
    const message = success(protocol, 'getScannerRows', results);
    const batch = ours(protocol, message).result as ResultBatch;
    expect(batch.size).toBe(40);
    expect(drain(batch, false)).toEqual(drain(formerBatch(results), false));
  });

  it('does not reuse a remembered column name for other bytes of the same lengths', () => {
    const cell = (family: string, qualifier: string) =>
      new TColumnValue({
        family: Buffer.from(family),
        qualifier: Buffer.from(qualifier),
        value: Buffer.from('v'),
      });
    const results = [
      new TResult({ row: Buffer.from('a'), columnValues: [cell('d', 'x1'), cell('d', 'y1')] }),
      new TResult({ row: Buffer.from('b'), columnValues: [cell('e', 'x1'), cell('d', 'y2')] }),
      new TResult({ row: Buffer.from('c'), columnValues: [cell('d', 'x1')] }),
    ];
    const batch = ours(protocol, success(protocol, 'getMultiple', results)).result as ResultBatch;
    expect(drain(batch, false)).toEqual([
      [Buffer.from('a'), { 'd:x1': Buffer.from('v'), 'd:y1': Buffer.from('v') }],
      [Buffer.from('b'), { 'e:x1': Buffer.from('v'), 'd:y2': Buffer.from('v') }],
      [Buffer.from('c'), { 'd:x1': Buffer.from('v') }],
    ]);
  });

  it('gives every row its own memory: a kept value does not pin the reply', () => {
    const results = ['x', 'y'].map(
      (fill, i) =>
        new TResult({
          row: Buffer.from(`r${i}`),
          columnValues: [
            new TColumnValue({
              family: Buffer.from('d'),
              qualifier: Buffer.from('a'),
              value: Buffer.from(fill.repeat(3000)),
            }),
          ],
        }),
    );
    const message = success(protocol, 'getScannerRows', results);
    const batch = ours(protocol, message).result as ResultBatch;
    const [first, second] = drain(batch, false) as Array<[Buffer, Record<string, Buffer>]>;
    expect(first![1]['d:a']!.buffer).not.toBe(message.buffer);
    message.fill(0);
    expect(second![0]).toEqual(Buffer.from('r1'));
    expect(second![1]['d:a']!.toString()).toBe('y'.repeat(3000));
  });

  it('refuses truncated replies and bytes after the result (the connection is then dropped)', () => {
    const results = [
      new TResult({
        row: Buffer.from('r'),
        columnValues: [
          new TColumnValue({
            family: Buffer.from('d'),
            qualifier: Buffer.from('a'),
            value: Buffer.from('v'),
            timestamp: int64(5n),
          }),
        ],
      }),
    ];
    const message = success(protocol, 'getScannerRows', results);
    const header =
      message.indexOf('getScannerRows') + 'getScannerRows'.length + (protocol === 'binary' ? 4 : 0);
    for (let length = header + 3; length < message.length; length++) {
      expect(() => ours(protocol, message.subarray(0, length))).toThrow();
    }
    expect(() => ours(protocol, Buffer.concat([message, Buffer.from([0])]))).toThrow();
  });

  it('refuses a list size beyond what the reply holds, without reserving room for it', () => {
    const message = success(protocol, 'getScannerRows', []);
    const at = message.indexOf('getScannerRows') + 'getScannerRows'.length + (protocol === 'binary' ? 4 : 0);
    // The list header: after the field header, the element type and a size.
    const huge =
      protocol === 'binary'
        ? Buffer.concat([
            message.subarray(0, at + 4),
            Buffer.from([0x7f, 0xff, 0xff, 0xff]),
            Buffer.from([0, 0]),
          ])
        : Buffer.concat([
            message.subarray(0, at + 2),
            Buffer.from([0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0, 0]),
          ]);
    expect(() => ours(protocol, huge)).toThrow(/out of range|past the end/);
  });

  it('leaves declared exceptions to the generated code', () => {
    for (const method of ['get', 'increment', 'getMultiple', 'getScannerRows']) {
      const message = reply(protocol, method, (out) => {
        out.writeFieldBegin!('io', STRUCT, 1);
        write(new TIOError({ message: 'region offline', canRetry: false }), out);
        out.writeFieldEnd!();
      });
      const decoded = ours(protocol, message);
      expect(decoded.error).toBeInstanceOf(TIOError);
      expect(decoded.result).toBeUndefined();
    }
  });
});
