import type { Gateway } from '../gateway/gateway';
import { fastProtocolClass } from '../protocol/fast-protocols';
import { GeneratedCodec } from '../protocol/generated-codec';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolKind } from '../protocol/protocol-kind';
import type { ReceivingTransport } from '../protocol/thrift-lib';
import type { ApiBinding, DecodedReply, StartCall, ThriftApi } from '../transport/thrift-api';
import { CALLS } from './generated/THBaseService';
import { checkReplyShape } from './reply-shapes';
import { Thrift2Gateway } from './thrift2-gateway';
import { translateError } from './translate-error';

/** @internal HBase's Thrift2 API (service `THBaseService`), as the channels speak it. */
export const THRIFT2_API: ThriftApi<Gateway> = {
  name: 'Thrift2',
  bind(output: OutputBuffer, protocol: ProtocolKind, start: StartCall): ApiBinding<Gateway> {
    const Protocol = fastProtocolClass(protocol);
    const codec = new GeneratedCodec(CALLS, output, Protocol);
    return {
      client: new Thrift2Gateway(codec, start),
      decodeReply: (transport) => decodeReply(transport, new Protocol(transport), codec),
    };
  },
  translateError,
};

/** Decodes any Thrift2 reply with the generated code. */
function decodeReply(
  transport: ReceivingTransport,
  input: InstanceType<ReturnType<typeof fastProtocolClass>>,
  codec: GeneratedCodec,
): DecodedReply {
  const header = input.readMessageBegin();
  const { error, result } = codec.decode(header.fname, input, header.mtype);
  // The generated code reports a result struct without its result field as a string.
  if (typeof error === 'string') throw new Error(error);
  if (error === null || error === undefined) checkReplyShape(header.fname, result);
  // The message is one reply: bytes left over mean its structure was misread.
  if (transport.readPos !== transport.inBuf.length) {
    throw new Error(
      `${transport.inBuf.length - transport.readPos} bytes left after the reply to ${header.fname}`,
    );
  }
  return { seqid: header.rseqid, error, result };
}
