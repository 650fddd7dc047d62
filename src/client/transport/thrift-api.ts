import type { HBaseError } from '../errors';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ReceivingTransport } from '../protocol/thrift-lib';
import type { ProtocolKind } from './channel-options';

/**
 * @internal Starts one call: registers it under a fresh sequence id, then runs `send`, which must
 * encode the call under that id and flush it. The promise settles with the decoded result, or
 * rejects with a typed error (also when `send` throws: nothing was sent then).
 */
export type StartCall = <T>(send: (seqid: number) => void) => Promise<T>;

/** @internal One decoded reply: the call it answers, and its result or the error to reject with. */
export interface DecodedReply {
  readonly seqid: number;
  /** The failure the gateway reported (untranslated), if any. */
  readonly error?: unknown;
  readonly result?: unknown;
}

/** @internal What one channel needs of a gateway API: the client it hands out, and its reply decoder. */
export interface ApiBinding<C> {
  /** The object whose methods encode the API's calls, for {@link ThriftChannel.call}'s callers. */
  readonly client: C;
  /**
   * Decodes the one complete reply in `transport`. Throws when the bytes are not a reply of this
   * API; `onUndecodable` is for results decoded later (rows as they are consumed) that turn out
   * undecodable.
   */
  decodeReply(transport: ReceivingTransport, onUndecodable: (error: unknown) => void): DecodedReply;
}

/**
 * @internal A gateway's Thrift API (Thrift1's `Hbase` service, Thrift2's `THBaseService`) as the
 * channels see it: the channels own the bytes, the sequence ids, the pending calls and their
 * timeouts; the API owns the encoding and decoding of its messages and the meaning of its errors.
 */
export interface ThriftApi<C> {
  /** The API's name in messages, e.g. `Thrift1`. */
  readonly name: string;
  /** Binds the API to one channel: its calls are written into `output` and started by `start`. */
  bind(output: OutputBuffer, protocol: ProtocolKind, start: StartCall): ApiBinding<C>;
  /** Turns a failure reported by the gateway (or an encoding failure) into a typed error. */
  translateError(error: unknown, method: string): HBaseError;
}
