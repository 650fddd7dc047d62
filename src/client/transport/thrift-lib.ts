/**
 * @internal The pieces of the `thrift` npm package we use, typed narrowly. Its own typings
 * (@types/thrift) lag behind the 0.24 runtime, and we only need the encoders/decoders.
 */
import * as thrift from 'thrift';
import type { ProtocolKind, TransportKind } from './channel-options';

/** A decoding/encoding protocol bound to a transport (TBinaryProtocol or TCompactProtocol). */
export type ThriftProtocol = {
  readMessageBegin(): { fname: string; mtype: number; rseqid: number };
};

/** A transport that accumulates bytes to decode (the receiver side of TBuffered/TFramedTransport). */
export type ReceivingTransport = {
  commitPosition(): void;
  rollbackPosition(): void;
};

/** The write side of a transport: the generated client writes into it and calls flush(). */
export type WritingTransport = object;

type TransportClass = {
  new (buffer: undefined, onFlush: (message: Buffer) => void): WritingTransport;
  receiver(onData: (transport: ReceivingTransport) => void): (chunk: Buffer) => void;
};

export type ProtocolClass = new (transport: ReceivingTransport | WritingTransport) => ThriftProtocol;

const lib = thrift as unknown as {
  TBufferedTransport: TransportClass;
  TFramedTransport: TransportClass;
  TBinaryProtocol: ProtocolClass;
  TCompactProtocol: ProtocolClass;
  InputBufferUnderrunError: new () => Error;
  Thrift: {
    MessageType: { EXCEPTION: number };
    TApplicationException: new () => { read(p: ThriftProtocol): void };
  };
};

/** Framed sockets frame every message; buffered sockets and HTTP bodies carry bare messages. */
export function transportClass(kind: TransportKind): TransportClass {
  return kind === 'framed' ? lib.TFramedTransport : lib.TBufferedTransport;
}

export function protocolClass(kind: ProtocolKind): ProtocolClass {
  return kind === 'compact' ? lib.TCompactProtocol : lib.TBinaryProtocol;
}

/** Thrown by decoders when a message is not complete yet: wait for more bytes. */
export const InputBufferUnderrunError = lib.InputBufferUnderrunError;
