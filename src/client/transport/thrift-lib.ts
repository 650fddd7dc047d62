/**
 * @internal The pieces of the `thrift` npm package we use, typed narrowly. Its own typings
 * (@types/thrift) lag behind the 0.24 runtime, and we only need the encoders/decoders.
 */

import type Int64 from 'node-int64';
import * as thrift from 'thrift';

/** A decoding/encoding protocol bound to a transport (TBinaryProtocol or TCompactProtocol). */
export type ThriftProtocol = {
  readMessageBegin(): { fname: string; mtype: number; rseqid: number };
  readMessageEnd(): void;
  readStructBegin(): void;
  readStructEnd(): void;
  readFieldBegin(): { ftype: number; fid: number };
  readFieldEnd(): void;
  readListBegin(): { etype: number; size: number };
  readListEnd(): void;
  readMapBegin(): { ktype: number; vtype: number; size: number };
  readMapEnd(): void;
  readBinary(): Buffer;
  readI64(): Int64;
  skip(type: number): void;
};

/** Thrift's wire type codes (the subset our own decoders and encoders meet). */
export const ThriftType = { STOP: 0, BOOL: 2, I64: 10, STRING: 11, STRUCT: 12, MAP: 13, LIST: 15 } as const;
/** One of {@link ThriftType}'s codes. */
export type ThriftTypeCode = (typeof ThriftType)[keyof typeof ThriftType];

/** Message type of a reply that carries a TApplicationException instead of a result. */
export const EXCEPTION_MESSAGE = 3;

/** Creates an empty TApplicationException, to be filled by `read(protocol)`. */
export function newApplicationException(): { read(protocol: ThriftProtocol): void } {
  return new lib.Thrift.TApplicationException();
}

/** A transport holding one whole message to decode (see {@link MessageTransport}). */
export type ReceivingTransport = {
  /** The message's bytes. */
  readonly inBuf: Buffer;
  /** Where decoding starts in `inBuf`. */
  readonly readPos: number;
  commitPosition(): void;
  rollbackPosition(): void;
};

/** The write side of a transport: the generated client writes into it and calls flush(). */
export type WritingTransport = object;

export type ProtocolClass = new (transport: ReceivingTransport | WritingTransport) => ThriftProtocol;

const lib = thrift as unknown as {
  TFramedTransport: {
    new (message: Buffer): ReceivingTransport;
  };
  Thrift: { TApplicationException: new () => { read(p: ThriftProtocol): void } };
};

/**
 * A transport reading one whole message from a buffer: the thrift library's framed transport
 * does exactly that once a frame is split off. Values it reads are views of the buffer.
 */
export const MessageTransport = lib.TFramedTransport;
