import type { Gateway } from '../gateway/gateway';
import { fastProtocolClass } from '../protocol/fast-protocols';
import type { GeneratedCodec } from '../protocol/generated-codec';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolKind } from '../protocol/protocol-kind';
import type { ProtocolClass, ReceivingTransport } from '../protocol/thrift-lib';
import { decodeScalarReply } from '../thrift1/scalar-reply';
import type { ApiBinding, DecodedReply, StartCall, ThriftApi } from '../transport/thrift-api';
import { checkReplyShape } from './reply-shapes';
import { decodeResultsReply, RESULT_METHODS } from './results-reply';
import { THRIFT2_SCALAR_RESULTS } from './scalar-results';
import { Thrift2Codec } from './thrift2-codec';
import { Thrift2Gateway } from './thrift2-gateway';
import { translateError } from './translate-error';

/** @internal HBase's Thrift2 API (service `THBaseService`), as the channels speak it. */
export const THRIFT2_API: ThriftApi<Gateway> = {
  name: 'Thrift2',
  bind(output: OutputBuffer, protocol: ProtocolKind, start: StartCall): ApiBinding<Gateway> {
    const Protocol = fastProtocolClass(protocol);
    const codec = new Thrift2Codec(output, protocol, Protocol);
    return {
      client: new Thrift2Gateway(codec, start),
      decodeReply: (transport) => decodeReply(transport, protocol, Protocol, codec),
    };
  },
  translateError,
};

/** Message type of a reply (not an exception) in the message header. */
const REPLY = 2;

/**
 * Decodes any Thrift2 reply: scalar ones and rows with our own readers (a success), the rest with
 * the generated code.
 */
function decodeReply(
  transport: ReceivingTransport,
  protocol: ProtocolKind,
  Protocol: ProtocolClass,
  codec: GeneratedCodec,
): DecodedReply {
  // Puts, deletes and row mutations answer a bare success: read from the bytes.
  const scalar = decodeScalarReply(transport.inBuf, transport.readPos, protocol, THRIFT2_SCALAR_RESULTS);
  if (scalar) return scalar;
  const input = new Protocol(transport);
  const header = input.readMessageBegin();
  const rows = header.mtype === REPLY ? RESULT_METHODS.get(header.fname) : undefined;
  if (rows !== undefined) {
    const result = decodeResultsReply(transport.inBuf, transport.readPos, protocol, rows);
    if (result !== undefined) return { seqid: header.rseqid, result };
  }
  const { error, result } = codec.decodeWhole(header.fname, input, header.mtype, transport, checkReplyShape);
  return { seqid: header.rseqid, error, result };
}
