import fc from 'fast-check';
import Int64 from 'node-int64';
import { fastProtocolClass } from '../../../src/client/protocol/fast-protocols';
import { GeneratedCodec } from '../../../src/client/protocol/generated-codec';
import { OutputBuffer } from '../../../src/client/protocol/output-buffer';
import {
  TColumn,
  TColumnIncrement,
  TColumnValue,
  TDelete,
  TGet,
  TIncrement,
  TMutation,
  TPut,
  TRowMutations,
  TTimeRange,
} from '../../../src/client/thrift2/generated/hbase_types';
import { CALLS } from '../../../src/client/thrift2/generated/THBaseService';
import { canEncodeGetCall } from '../../../src/client/thrift2/get-encoder';
import { canEncodeMutationCall } from '../../../src/client/thrift2/mutation-encoder';
import { Thrift2Codec } from '../../../src/client/thrift2/thrift2-codec';
import type { Protocol } from '../../support/thrift-replies';

// Thrift2 hot calls (get, getMultiple, put, putMultiple, deleteSingle, deleteMultiple, mutateRow,
// increment) are encoded by our own writer: byte for byte what the generated send_<method> writes,
// for any structs the gateway code can build, in both protocols; anything else is left to the
// generated code.

/** The messages a codec writes for `calls`. */
function encode(make: (output: OutputBuffer) => GeneratedCodec, calls: Array<[string, unknown[]]>): Buffer[] {
  const sent: Buffer[] = [];
  const output = new OutputBuffer(false, (message) => sent.push(Buffer.from(message)));
  const codec = make(output);
  calls.forEach(([method, args], i) => {
    codec.send(method, 1000 + i, args);
  });
  return sent;
}

const generatedCodec = (protocol: Protocol) => (output: OutputBuffer) =>
  new GeneratedCodec(CALLS, output, fastProtocolClass(protocol));
const ourCodec = (protocol: Protocol) => (output: OutputBuffer) =>
  new Thrift2Codec(output, protocol, fastProtocolClass(protocol));

function int64(value: bigint): Int64 {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return new Int64(bytes);
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const stamp = fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(int64), { nil: undefined });
const durability = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });

const columnValue = fc
  .record({
    family: bytes(6),
    qualifier: bytes(8),
    value: bytes(300),
    timestamp: stamp,
    tags: fc.option(bytes(4), { nil: undefined }),
    type: fc.option(fc.integer({ min: -128, max: 127 }), { nil: undefined }),
  })
  .map((fields) => new TColumnValue(fields));
const put = fc
  .record({
    row: bytes(20),
    columnValues: fc.array(columnValue, { maxLength: 20 }),
    timestamp: stamp,
    durability,
  })
  .map((fields) => new TPut(fields));
const column = fc
  .record({ family: bytes(6), qualifier: fc.option(bytes(8), { nil: undefined }), timestamp: stamp })
  .map((fields) => new TColumn(fields));
const remove = fc
  .record({
    row: bytes(20),
    columns: fc.option(fc.array(column, { maxLength: 6 }), { nil: undefined }),
    timestamp: stamp,
    deleteType: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    durability,
  })
  .map((fields) => new TDelete(fields));
const rowMutations = fc
  .record({
    row: bytes(20),
    mutations: fc.array(
      fc.oneof(
        put.map((p) => new TMutation({ put: p })),
        remove.map((d) => new TMutation({ deleteSingle: d })),
      ),
      { maxLength: 5 },
    ),
  })
  .map((fields) => new TRowMutations(fields));

const increment = fc
  .record({
    row: bytes(20),
    columns: fc.array(
      fc
        .record({ family: bytes(6), qualifier: bytes(8), amount: stamp })
        .map((fields) => new TColumnIncrement(fields)),
      { maxLength: 5 },
    ),
    durability,
    returnResults: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((fields) => new TIncrement(fields));

const call: fc.Arbitrary<[string, unknown[]]> = fc.oneof(
  fc.tuple(bytes(12), increment).map(([t, i]) => ['increment', [t, i]] as [string, unknown[]]),
  fc.tuple(bytes(12), put).map(([table, p]) => ['put', [table, p]] as [string, unknown[]]),
  fc
    .tuple(bytes(12), fc.array(put, { maxLength: 20 }))
    .map(([t, p]) => ['putMultiple', [t, p]] as [string, unknown[]]),
  fc.tuple(bytes(12), remove).map(([t, d]) => ['deleteSingle', [t, d]] as [string, unknown[]]),
  fc
    .tuple(bytes(12), fc.array(remove, { maxLength: 8 }))
    .map(([t, d]) => ['deleteMultiple', [t, d]] as [string, unknown[]]),
  fc.tuple(bytes(12), rowMutations).map(([t, m]) => ['mutateRow', [t, m]] as [string, unknown[]]),
);

describe.each(['binary', 'compact'] as const)('Thrift2 write calls, %s protocol', (protocol) => {
  it('are encoded by our writer, byte for byte as the generated code encodes them', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 4 }), (calls) => {
        for (const [method, args] of calls) expect(canEncodeMutationCall(method, args)).toBe(true);
        expect(encode(ourCodec(protocol), calls)).toEqual(encode(generatedCodec(protocol), calls));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves structs with attributes, cell visibility or unexpected values to the generated code', () => {
    const row = Buffer.from('r');
    const cell = new TColumnValue({
      family: Buffer.from('d'),
      qualifier: Buffer.from('q'),
      value: Buffer.from('v'),
    });
    const withAttributes = new TPut({
      row,
      columnValues: [cell],
      attributes: { a: Buffer.from('b') } as never,
    });
    const textRow = new TPut({ row: 'r' as never, columnValues: [cell] });
    const both = new TMutation({
      put: new TPut({ row, columnValues: [cell] }),
      deleteSingle: new TDelete({ row }),
    });
    const calls: Array<[string, unknown[]]> = [
      ['put', [Buffer.from('t'), withAttributes]],
      ['putMultiple', [Buffer.from('t'), [textRow]]],
      ['mutateRow', [Buffer.from('t'), new TRowMutations({ row, mutations: [both] })]],
      ['put', ['t', new TPut({ row, columnValues: [cell] })]],
    ];
    for (const [method, args] of calls) expect(canEncodeMutationCall(method, args)).toBe(false);
    expect(encode(ourCodec(protocol), calls)).toEqual(encode(generatedCodec(protocol), calls));
  });

  it('encodes other calls with the generated code', () => {
    expect(canEncodeMutationCall('getThriftServerType', [])).toBe(false);
    const calls: Array<[string, unknown[]]> = [['getThriftServerType', []]];
    expect(encode(ourCodec(protocol), calls)).toEqual(encode(generatedCodec(protocol), calls));
  });
});

const timeRange = fc
  .record({ minStamp: stamp.map((s) => s ?? int64(0n)), maxStamp: stamp.map((s) => s ?? int64(1n)) })
  .map((fields) => new TTimeRange(fields));
const get = fc
  .record({
    row: bytes(20),
    columns: fc.option(fc.array(column, { maxLength: 6 }), { nil: undefined }),
    timestamp: stamp,
    timeRange: fc.option(timeRange, { nil: undefined }),
    maxVersions: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
    filterString: fc.option(bytes(30), { nil: undefined }),
    cacheBlocks: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((fields) => new TGet(fields));
const getCall: fc.Arbitrary<[string, unknown[]]> = fc.oneof(
  fc.tuple(bytes(12), get).map(([t, g]) => ['get', [t, g]] as [string, unknown[]]),
  fc
    .tuple(bytes(12), fc.array(get, { maxLength: 10 }))
    .map(([t, g]) => ['getMultiple', [t, g]] as [string, unknown[]]),
);

describe.each(['binary', 'compact'] as const)('Thrift2 get calls, %s protocol', (protocol) => {
  it('are encoded by our writer, byte for byte as the generated code encodes them', () => {
    fc.assert(
      fc.property(fc.array(getCall, { minLength: 1, maxLength: 4 }), (calls) => {
        for (const [method, args] of calls) expect(canEncodeGetCall(method, args)).toBe(true);
        expect(encode(ourCodec(protocol), calls)).toEqual(encode(generatedCodec(protocol), calls));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves gets with other fields to the generated code', () => {
    const calls: Array<[string, unknown[]]> = [
      ['get', [Buffer.from('t'), new TGet({ row: Buffer.from('r'), storeLimit: 2 })]],
      ['getMultiple', [Buffer.from('t'), [new TGet({ row: Buffer.from('r'), existence_only: true })]]],
    ];
    for (const [method, args] of calls) expect(canEncodeGetCall(method, args)).toBe(false);
    expect(encode(ourCodec(protocol), calls)).toEqual(encode(generatedCodec(protocol), calls));
  });
});
