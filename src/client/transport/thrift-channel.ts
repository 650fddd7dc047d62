import { ConnectionClosedError, type HBaseError, ProtocolMismatchError, TimeoutError } from '../errors';
import { Client as HbaseClient } from '../thrift/Hbase';
import type { ChannelOptions } from './channel-options';
import { fastProtocolClass } from './fast-protocols';
import { OutputBuffer } from './output-buffer';
import { decodeRowsReply, ROW_LIST_METHODS } from './row-decoder';
import type { ProtocolClass, ReceivingTransport } from './thrift-lib';
import { translateError } from './translate-error';

/** The generated client's bookkeeping, which we manage ourselves (see `call`). */
type PendingCallback = (error: unknown, result?: unknown) => void;
type ClientInternals = {
  _seqid: number;
  _reqs: Record<number, PendingCallback>;
} & Record<string, unknown>;

/** Sequence ids travel as i32; we wrap well before 2^31 so a reply always matches its call. */
const MAX_SEQID = 0x7fff_0000;
/** A slot that never collides with a real sequence id, used while a reply is being decoded. */
const DECODE_SLOT = -1;

/** The generated Thrift1 client type. */
export type { HbaseClient };

/**
 * @internal One connection to a Thrift1 gateway. Wraps the generated client so that every call
 * settles: the npm `thrift` library leaves callbacks pending forever when a socket errors or
 * closes and has no per-call timeout, so this class owns the pending-call table, the timeouts,
 * the sequence ids and the decoding of replies.
 */
export abstract class ThriftChannel {
  /** The generated client; only call it through {@link ThriftChannel.call}. */
  readonly client: HbaseClient;
  protected readonly options: ChannelOptions;
  private readonly internals: ClientInternals;
  private readonly Protocol: ProtocolClass;
  private closedBy: HBaseError | undefined;
  /** Replies decoded so far: none at all makes a transport/protocol mismatch the likely culprit. */
  protected repliesReceived = 0;

  constructor(options: ChannelOptions) {
    this.options = options;
    this.Protocol = fastProtocolClass(options.protocol);
    // HTTP bodies carry bare messages, like the buffered transport.
    const output = new OutputBuffer(options.transport === 'framed', (message) =>
      this.send(message, this.internals._seqid),
    );
    this.client = new HbaseClient(output as never, this.Protocol as never);
    this.internals = this.client as unknown as ClientInternals;
  }

  /** Establishes the connection; rejects with a typed error within `timeout`. */
  abstract open(): Promise<void>;

  /** Closes the connection; pending calls reject with {@link ConnectionClosedError}. Idempotent. */
  abstract close(): Promise<void>;

  /** Puts one encoded call on the wire. */
  protected abstract send(message: Buffer, seqid: number): void;

  /** Gives up on one call after its timeout (a socket must be dropped; an HTTP request aborted). */
  protected abstract abandon(seqid: number, error: TimeoutError): void;

  /** Whether the channel can still carry calls. */
  get usable(): boolean {
    return this.closedBy === undefined;
  }

  /** Why the channel stopped carrying calls, if it did. */
  get failure(): HBaseError | undefined {
    return this.closedBy;
  }

  /** A short description for messages, e.g. `localhost:9090 (buffered/binary)`. */
  get description(): string {
    const { host, port, transport, protocol, tls } = this.options;
    const kind = transport === 'http' ? (tls ? 'https' : 'http') : transport;
    return `${host}:${port} (${kind}/${protocol})`;
  }

  /**
   * Runs one generated-client call with a timeout, translating every failure to a typed error.
   * `invoke` must start exactly one call.
   */
  call<T>(
    method: string,
    invoke: (client: HbaseClient) => Promise<T>,
    timeoutMs = this.options.timeout,
  ): Promise<T> {
    if (this.closedBy) {
      return Promise.reject(
        new ConnectionClosedError(`${method}: ${this.closedBy.message}`, { cause: this.closedBy }),
      );
    }
    if (this.internals._seqid >= MAX_SEQID) this.internals._seqid = 0;
    // The generated method registers its callback under the new sequence id and flushes the
    // encoded call synchronously, so the id is known as soon as it returns.
    const promise = invoke(this.client);
    const seqid = this.internals._seqid;
    const timer = setTimeout(() => {
      const error = new TimeoutError(
        `${method}: no reply from ${this.description} within ${timeoutMs} ms` +
          (this.repliesReceived === 0
            ? '; no reply was ever received on this connection, so the gateway may expect a different ' +
              'transport or protocol'
            : ''),
        timeoutMs,
      );
      if (this.settle(seqid, error)) this.abandon(seqid, error);
    }, timeoutMs);
    return promise.then(
      (result) => {
        clearTimeout(timer);
        return result;
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw translateError(error, method);
      },
    );
  }

  /** Rejects one pending call, if it is still pending. Returns whether it was. */
  protected settle(seqid: number, error: HBaseError): boolean {
    const callback = this.internals._reqs[seqid];
    if (!callback) return false;
    delete this.internals._reqs[seqid];
    callback(error);
    return true;
  }

  /** Marks the channel failed and rejects every pending call with `error`. */
  protected fail(error: HBaseError): void {
    this.closedBy ??= error;
    for (const key of Object.keys(this.internals._reqs)) this.settle(Number(key), error);
  }

  /** Number of calls awaiting a reply. */
  protected get pendingCount(): number {
    return Object.keys(this.internals._reqs).length;
  }

  /**
   * Decodes the one complete reply in `transport` and settles its call. Every receiver hands over
   * exactly one whole message (a frame, a message found by the buffered reader, an HTTP body), so
   * there is nothing to wait for: running out of bytes means the bytes are not what we expect.
   */
  protected receive(transport: ReceivingTransport): void {
    const protocol = new this.Protocol(transport);
    const reqs = this.internals._reqs;
    let outcome: { error: unknown; result: unknown } | undefined;
    let seqid: number;
    try {
      const header = protocol.readMessageBegin();
      seqid = header.rseqid;
      if (ROW_LIST_METHODS.has(header.fname)) {
        outcome = decodeRowsReply(protocol, header.mtype) as { error: unknown; result: unknown };
      } else {
        const decode = this.internals[`recv_${header.fname}`];
        if (typeof decode !== 'function') {
          throw new ProtocolMismatchError(`received a reply to an unknown method "${header.fname}"`);
        }
        // The generated decoder reports through a callback in the pending table; a private slot
        // keeps it from settling the call itself.
        reqs[DECODE_SLOT] = (error, result) => {
          outcome = { error, result };
        };
        try {
          decode.call(this.client, protocol, header.mtype, DECODE_SLOT);
        } finally {
          delete reqs[DECODE_SLOT];
        }
      }
    } catch (error) {
      this.fail(this.undecodable(error));
      return;
    }
    if (outcome) this.deliver(seqid, outcome);
  }

  /** Hands a decoded reply to its call. */
  private deliver(seqid: number, outcome: { error: unknown; result: unknown }): void {
    this.repliesReceived++;
    const reqs = this.internals._reqs;
    const callback = reqs[seqid];
    // A reply to a call that already timed out finds no callback: it is dropped.
    if (callback) {
      delete reqs[seqid];
      callback(outcome.error, outcome.result);
    }
  }

  /** Names the likely cause when the gateway's bytes cannot be decoded. */
  private undecodable(error: unknown): HBaseError {
    if (error instanceof ProtocolMismatchError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new ProtocolMismatchError(
      `cannot decode the reply from ${this.description}: ${detail}. The gateway probably uses a ` +
        'different transport (buffered/framed/http) or protocol (binary/compact)',
      { cause: error },
    );
  }
}
