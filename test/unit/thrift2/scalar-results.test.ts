import fc from 'fast-check';
import { MessageTransport } from '../../../src/client/protocol/thrift-lib';
import { decodeScalarReply } from '../../../src/client/thrift1/scalar-reply';
import { TIOError } from '../../../src/client/thrift2/generated/hbase_types';
import { Client } from '../../../src/client/thrift2/generated/THBaseService';
import { THRIFT2_SCALAR_RESULTS } from '../../../src/client/thrift2/scalar-results';
import { lib, type Protocol } from '../../support/thrift-replies';

// Thrift2 replies whose result is nothing or one scalar (puts, deletes, row mutations, scanner
// ids) are read straight from the bytes: the same outcome as the generated decoders for every
// listed method, and exceptions left to the generated code.

const REPLY = 2;
const TYPE_ID = { bool: 2, i32: 8 } as const;
type Writer = Record<string, (...args: unknown[]) => void>;

function reply(protocol: Protocol, method: string, seqid: number, body: (out: Writer) => void): Buffer {
  let encoded: Buffer = Buffer.alloc(0);
  const transport = new lib.TBufferedTransport!(undefined as never, ((b: Buffer) => (encoded = b)) as never);
  const out = new (protocol === 'compact' ? lib.TCompactProtocol! : lib.TBinaryProtocol!)(
    transport as never,
  ) as unknown as Writer;
  out.writeMessageBegin!(method, REPLY, seqid);
  out.writeStructBegin!('result');
  body(out);
  out.writeFieldStop!();
  out.writeStructEnd!();
  out.writeMessageEnd!();
  transport.flush!();
  return encoded;
}

function success(protocol: Protocol, method: string, seqid: number, value: unknown): Buffer {
  const kind = THRIFT2_SCALAR_RESULTS.get(method)!;
  return reply(protocol, method, seqid, (out) => {
    if (kind === 'void') return;
    if (kind !== 'bool' && kind !== 'i32') throw new Error(`no Thrift2 method answers a ${kind}`);
    out.writeFieldBegin!('success', TYPE_ID[kind], 0);
    if (kind === 'bool') out.writeBool!(value);
    else out.writeI32!(value);
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

const valuesOf = {
  void: fc.constant(undefined),
  bool: fc.boolean(),
  i32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  i64: fc.constant(undefined),
};

describe.each(['binary', 'compact'] as const)('Thrift2 scalar replies, %s protocol', (protocol) => {
  it.each([...THRIFT2_SCALAR_RESULTS.keys()])('%s: the same result as the generated decoder', (method) => {
    const kind = THRIFT2_SCALAR_RESULTS.get(method)!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fff_ffff }),
        valuesOf[kind] as fc.Arbitrary<unknown>,
        (id, value) => {
          const message = success(protocol, method, id, value);
          const expected = generated(protocol, message);
          expect(expected.error).toBeNull();
          const ours = decodeScalarReply(message, 0, protocol, THRIFT2_SCALAR_RESULTS);
          expect(ours).toEqual({ seqid: id, result: expected.result ?? undefined });
        },
      ),
      { numRuns: kind === 'void' ? 10 : 100 },
    );
  });

  it('leaves declared exceptions to the generated code', () => {
    for (const method of ['put', 'putMultiple', 'mutateRow', 'checkAndPut', 'openScanner']) {
      const message = reply(protocol, method, 9, (out) => {
        out.writeFieldBegin!('io', 12, 1);
        (new TIOError({ message: 'region offline' }) as unknown as { write(p: unknown): void }).write(out);
        out.writeFieldEnd!();
      });
      expect(generated(protocol, message).error).toBeInstanceOf(TIOError);
      expect(decodeScalarReply(message, 0, protocol, THRIFT2_SCALAR_RESULTS)).toBeUndefined();
    }
  });
});
