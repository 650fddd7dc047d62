import type { Gateway } from '../gateway/gateway';
import { fastProtocolClass } from '../protocol/fast-protocols';
import { GeneratedCodec } from '../protocol/generated-codec';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolKind } from '../protocol/protocol-kind';
import type { ProtocolClass, ReceivingTransport } from '../protocol/thrift-lib';
import type { ApiBinding, DecodedReply, StartCall, ThriftApi } from '../transport/thrift-api';
import { FastHbaseClient } from './fast-client';
import { CALLS } from './generated/Hbase';
import { LazyRowBatch } from './lazy-row-batch';
import { checkReplyShape } from './reply-shapes';
import { decodeRowsReply, ROW_LIST_METHODS } from './row-decoder';
import { decodeScalarReply } from './scalar-reply';
import { Thrift1Gateway } from './thrift1-gateway';
import { translateError } from './translate-error';

/** @internal HBase's Thrift1 API (service `Hbase`), as the channels speak it. */
export const THRIFT1_API: ThriftApi<Gateway> = {
  name: 'Thrift1',
  bind(output: OutputBuffer, protocol: ProtocolKind, start: StartCall): ApiBinding<Gateway> {
    const Protocol = fastProtocolClass(protocol);
    const codec = new GeneratedCodec(CALLS, output, Protocol);
    return {
      client: new Thrift1Gateway(new FastHbaseClient(output, protocol, codec, start)),
      decodeReply: (transport, onUndecodable) =>
        decodeReply(transport, protocol, Protocol, codec, onUndecodable),
    };
  },
  translateError,
};

/** Decodes any Thrift1 reply: scalar ones and rows with our own readers, the rest with the generated code. */
function decodeReply(
  transport: ReceivingTransport,
  protocol: ProtocolKind,
  Protocol: ProtocolClass,
  codec: GeneratedCodec,
  onUndecodable: (error: unknown) => void,
): DecodedReply {
  // Most replies (puts, deletes, counters) are a bare success: read from the bytes.
  const scalar = decodeScalarReply(transport.inBuf, transport.readPos, protocol);
  if (scalar) return scalar;
  const input = new Protocol(transport);
  const header = input.readMessageBegin();
  const seqid = header.rseqid;
  if (ROW_LIST_METHODS.has(header.fname)) {
    const { error, result } = decodeRowsReply(input, header.mtype);
    // Rows are decoded as they are consumed, after this reply was delivered: a row that turns
    // out undecodable then still drops the connection.
    if (result instanceof LazyRowBatch) result.onUndecodable = onUndecodable;
    return { seqid, error, result };
  }
  const { error, result } = codec.decodeWhole(header.fname, input, header.mtype, transport, checkReplyShape);
  return { seqid, error, result };
}
