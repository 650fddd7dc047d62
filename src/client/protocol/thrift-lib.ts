/**
 * @internal The one module that loads the `thrift` npm package, and only the four of its files the
 * client uses: the core definitions (`Thrift`: type codes, exceptions, the generated code's
 * helpers), the binary and compact protocols, and the framed transport. The package's main file
 * would also load its HTTP, WebSocket, XHR and server code (and `ws`, `q`): 40 modules and ~17 ms at
 * startup instead of 10 and ~3 ms, and more for bundlers to carry. The generated bindings in
 * `../thrift1/generated` require this module in place of `thrift` (scripts/gen-thrift.mjs rewrites their
 * `require`), so a process loads exactly these files.
 *
 * `thrift` is pinned to 0.22.0, the last line without `uuid`: from 0.23 the protocol files
 * themselves require the ES-module-only `uuid` (13, 14), which CommonJS loaders such as Jest's
 * cannot load. The paths below are the package's file layout (written out whole, so that bundlers
 * follow them): a thrift upgrade reviews this file. The library's typings (@types/thrift) lag
 * behind its runtime, so the pieces are typed narrowly.
 */

import type Int64 from 'node-int64';
import type { OutputBuffer } from './output-buffer';

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
export const ThriftType = {
  STOP: 0,
  BOOL: 2,
  BYTE: 3,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  LIST: 15,
} as const;
/** One of {@link ThriftType}'s codes. */
export type ThriftTypeCode = (typeof ThriftType)[keyof typeof ThriftType];

/** Message type of a reply that carries a TApplicationException instead of a result. */
export const EXCEPTION_MESSAGE = 3;

/** Creates an empty TApplicationException, to be filled by `read(protocol)`. */
export function newApplicationException(): { read(protocol: ThriftProtocol): void } {
  return new Thrift.TApplicationException();
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

/**
 * The core definitions the generated bindings use as `thrift.Thrift` (type and message codes,
 * `TException`, `TApplicationException`, copy helpers); typed only as far as this code uses them.
 */
export const Thrift: {
  TApplicationException: new () => { read(protocol: ThriftProtocol): void };
} = require('thrift/lib/nodejs/lib/thrift/thrift');

/**
 * A transport reading one whole message from a buffer: the thrift library's framed transport
 * does exactly that once a frame is split off. Values it reads are views of the buffer.
 */
export const MessageTransport: new (
  message: Buffer,
) => ReceivingTransport = require('thrift/lib/nodejs/lib/thrift/framed_transport');

/** The constructor shape of the library's protocols, which `fast-protocols` subclasses. */
export type ProtocolBase = new (
  transport: unknown,
) => {
  trans: OutputBuffer & { readByte(): number };
};

/** The library's binary protocol. */
export const TBinaryProtocol: ProtocolBase = require('thrift/lib/nodejs/lib/thrift/binary_protocol');

/** The library's compact protocol. */
export const TCompactProtocol: ProtocolBase = require('thrift/lib/nodejs/lib/thrift/compact_protocol');
