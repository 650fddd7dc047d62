// The codec works with any service's generated structs: here Thrift2's.
import { fastProtocolClass } from '../../../src/client/protocol/fast-protocols';
import { GeneratedCodec } from '../../../src/client/protocol/generated-codec';
import { OutputBuffer } from '../../../src/client/protocol/output-buffer';
import { MessageTransport, type ProtocolClass } from '../../../src/client/protocol/thrift-lib';
import { CALLS as THRIFT2_CALLS } from '../../../src/client/thrift2/generated/THBaseService';

/** A strict binary-protocol message header. */
function header(type: number, name: string, seqid: number): Buffer {
  const bytes = Buffer.alloc(12 + name.length);
  bytes.writeUInt32BE((0x8001_0000 | type) >>> 0, 0);
  bytes.writeInt32BE(name.length, 4);
  bytes.write(name, 8, 'latin1');
  bytes.writeInt32BE(seqid, 8 + name.length);
  return bytes;
}

function codec(): { codec: GeneratedCodec; sent: Buffer[]; Protocol: ProtocolClass } {
  const sent: Buffer[] = [];
  const Protocol = fastProtocolClass('binary');
  const output = new OutputBuffer(false, (message) => sent.push(message));
  return { codec: new GeneratedCodec(THRIFT2_CALLS, output, Protocol), sent, Protocol };
}

describe('GeneratedCodec', () => {
  it('encodes a call under the sequence id it is given, and flushes it', () => {
    const { codec: c, sent } = codec();
    c.send('getThriftServerType', 41, []);
    c.send('getThriftServerType', 0x7fff_0000, []);
    // The empty argument struct is its STOP byte.
    expect(sent).toEqual([
      Buffer.concat([header(1, 'getThriftServerType', 41), Buffer.from([0])]),
      Buffer.concat([header(1, 'getThriftServerType', 0x7fff_0000), Buffer.from([0])]),
    ]);
  });

  it('decodes a reply into its result, and a TApplicationException into an error', () => {
    const { codec: c, Protocol } = codec();
    const decode = (message: Buffer) => {
      const input = new Protocol(new MessageTransport(message));
      const { fname, mtype } = input.readMessageBegin();
      return c.decode(fname, input, mtype);
    };
    // Field 0 (success), i32 2 (THRIFT2), STOP.
    const reply = Buffer.concat([header(2, 'getThriftServerType', 5), Buffer.from([8, 0, 0, 0, 0, 0, 2, 0])]);
    expect(decode(reply)).toEqual({ error: undefined, result: 2 });
    // TApplicationException: field 1 message "boom", field 2 type 1 (UNKNOWN_METHOD), STOP.
    const failure = Buffer.concat([
      header(3, 'getThriftServerType', 6),
      Buffer.from([11, 0, 1, 0, 0, 0, 4]),
      Buffer.from('boom'),
      Buffer.from([8, 0, 2, 0, 0, 0, 1, 0]),
    ]);
    const { error } = decode(failure);
    expect(error).toMatchObject({ name: 'TApplicationException', message: 'boom', type: 1 });
  });

  it('refuses a reply to a method the generated client does not know', () => {
    const { codec: c, Protocol } = codec();
    const input = new Protocol(new MessageTransport(Buffer.concat([header(2, 'nope', 1), Buffer.from([0])])));
    const { fname, mtype } = input.readMessageBegin();
    expect(() => c.decode(fname, input, mtype)).toThrow('received a reply to an unknown method "nope"');
  });
});
