import fc from 'fast-check';
import Int64 from 'node-int64';
import { MessageTransport } from '../../../src/client/protocol/thrift-lib';
import { Client } from '../../../src/client/thrift1/generated/Hbase';
import { IOError } from '../../../src/client/thrift1/generated/Hbase_types';
import { decodeScalarReply, SCALAR_RESULTS } from '../../../src/client/thrift1/scalar-reply';
import { lib, type Protocol } from '../../support/thrift-replies';
import { int64 } from './encoded-calls';

// Replies of the methods whose result is nothing or one scalar are read straight from the bytes.
// They must give what the generated decoders give for every such method and value, and leave
// every other reply (exceptions, other methods, odd or damaged bytes) to the generated code.

const REPLY = 2;
const EXCEPTION = 3;
const TYPE_ID = { bool: 2, i32: 8, i64: 10 } as const;
type Writer = Record<string, (...args: unknown[]) => void>;

/** A reply written with the thrift library's own protocol classes, the way the gateway writes it. */
function reply(
  protocol: Protocol,
  method: string,
  seqid: number,
  body: (out: Writer) => void,
  messageType = REPLY,
): Buffer {
  let encoded: Buffer = Buffer.alloc(0);
  const transport = new lib.TBufferedTransport!(undefined as never, ((b: Buffer) => (encoded = b)) as never);
  const out = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(
    transport as never,
  ) as unknown as Writer;
  out.writeMessageBegin!(method, messageType, seqid);
  out.writeStructBegin!('result');
  body(out);
  out.writeFieldStop!();
  out.writeStructEnd!();
  out.writeMessageEnd!();
  transport.flush!();
  return encoded;
}

/** A successful reply: field 0 holds `value` (none for a void method). */
function success(protocol: Protocol, method: string, seqid: number, value: unknown): Buffer {
  const kind = SCALAR_RESULTS.get(method)!;
  return reply(protocol, method, seqid, (out) => {
    if (kind === 'void') return;
    out.writeFieldBegin!('success', TYPE_ID[kind], 0);
    if (kind === 'bool') out.writeBool!(value);
    else if (kind === 'i32') out.writeI32!(value);
    else out.writeI64!(int64(value as bigint));
    out.writeFieldEnd!();
  });
}

/** What the generated `recv_<method>` makes of a reply: the outcome its callback receives. */
function generated(protocol: Protocol, message: Buffer): { seqid: number; error: unknown; result: unknown } {
  const client = new Client(undefined as never, undefined as never) as unknown as Record<string, unknown> & {
    _reqs: Record<number, (error: unknown, result?: unknown) => void>;
  };
  const input = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(
    new MessageTransport(message) as never,
  ) as unknown as { readMessageBegin(): { fname: string; mtype: number; rseqid: number } };
  const header = input.readMessageBegin();
  let outcome = { seqid: header.rseqid, error: undefined as unknown, result: undefined as unknown };
  client._reqs[header.rseqid] = (error, result) => {
    outcome = { seqid: header.rseqid, error, result };
  };
  (client[`recv_${header.fname}`] as (i: unknown, t: number, s: number) => void).call(
    client,
    input,
    header.mtype,
    header.rseqid,
  );
  return outcome;
}

const seqid = fc.integer({ min: 0, max: 0x7fff_ffff });
const valuesOf = {
  void: fc.constant(undefined),
  bool: fc.boolean(),
  i32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  i64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
};
const methods = [...SCALAR_RESULTS.keys()];

describe.each(['binary', 'compact'] as const)('scalar replies, %s protocol', (protocol) => {
  it.each(methods)('%s: the same result as the generated decoder', (method) => {
    const kind = SCALAR_RESULTS.get(method)!;
    fc.assert(
      fc.property(seqid, valuesOf[kind] as fc.Arbitrary<unknown>, (id, value) => {
        const message = success(protocol, method, id, value);
        const expected = generated(protocol, message);
        expect(expected.error).toBeNull();
        const ours = decodeScalarReply(message, 0, protocol);
        expect(ours?.seqid).toBe(id);
        const generatedResult =
          expected.result instanceof Int64
            ? expected.result.buffer.readBigInt64BE(expected.result.offset)
            : expected.result;
        expect(ours?.result).toEqual(generatedResult);
      }),
      { numRuns: kind === 'void' ? 20 : 200 },
    );
  });

  it('reads from an offset (the reply in a larger buffer)', () => {
    const message = success(protocol, 'atomicIncrement', 7, -5n);
    const padded = Buffer.concat([Buffer.from([1, 2, 3]), message]);
    expect(decodeScalarReply(padded, 3, protocol)).toEqual({ seqid: 7, result: -5n });
  });

  it('leaves declared exceptions to the generated code', () => {
    for (const method of ['mutateRows', 'atomicIncrement', 'checkAndPut', 'scannerOpen']) {
      const message = reply(protocol, method, 9, (out) => {
        out.writeFieldBegin!('io', 12, 1);
        (
          new IOError({ message: 'region offline', canRetry: false }) as unknown as {
            write(p: unknown): void;
          }
        ).write(out);
        out.writeFieldEnd!();
      });
      expect(generated(protocol, message).error).toBeInstanceOf(IOError);
      expect(decodeScalarReply(message, 0, protocol)).toBeUndefined();
    }
  });

  it('leaves application exceptions, other methods and unexpected fields to the generated code', () => {
    const applicationError = reply(protocol, 'mutateRow', 3, () => undefined, EXCEPTION);
    expect(decodeScalarReply(applicationError, 0, protocol)).toBeUndefined();
    const rowsMethod = reply(protocol, 'getTableNames', 3, () => undefined);
    expect(decodeScalarReply(rowsMethod, 0, protocol)).toBeUndefined();
    const wrongType = reply(protocol, 'atomicIncrement', 3, (out) => {
      out.writeFieldBegin!('success', TYPE_ID.i32, 0);
      out.writeI32!(1);
      out.writeFieldEnd!();
    });
    expect(decodeScalarReply(wrongType, 0, protocol)).toBeUndefined();
    const unknownField = reply(protocol, 'mutateRow', 3, (out) => {
      out.writeFieldBegin!('extra', TYPE_ID.i32, 5);
      out.writeI32!(1);
      out.writeFieldEnd!();
    });
    expect(decodeScalarReply(unknownField, 0, protocol)).toBeUndefined();
  });

  it('never reads past the end: every truncation and an extra byte are left alone', () => {
    for (const method of ['mutateRows', 'atomicIncrement', 'isTableEnabled', 'scannerOpen']) {
      const kind = SCALAR_RESULTS.get(method)!;
      const value = { void: undefined, bool: true, i32: -300_000, i64: 2n ** 40n }[kind];
      const message = success(protocol, method, 300_000, value);
      for (let length = 0; length < message.length; length++) {
        expect(decodeScalarReply(message.subarray(0, length), 0, protocol)).toBeUndefined();
      }
      expect(decodeScalarReply(Buffer.concat([message, Buffer.from([0])]), 0, protocol)).toBeUndefined();
    }
  });
});

it('leaves the old non-strict binary header to the generated code', () => {
  // Name length first, then the name, the message type byte and the seqid.
  const name = Buffer.from('mutateRow', 'latin1');
  const message = Buffer.alloc(4 + name.length + 1 + 4 + 1);
  message.writeInt32BE(name.length, 0);
  name.copy(message, 4);
  message[4 + name.length] = REPLY;
  message.writeInt32BE(1, 5 + name.length);
  expect(decodeScalarReply(message, 0, 'binary')).toBeUndefined();
});
