import { ConnectionClosedError, type HBaseError, ProtocolMismatchError, TimeoutError } from '../errors';
import type { ChannelOptions } from './channel-options';
import { type ClientInternals, FastHbaseClient as HbaseClient } from './fast-client';
import { fastProtocolClass } from './fast-protocols';
import { LazyRowBatch } from './lazy-row-batch';
import { OutputBuffer } from './output-buffer';
import { checkReplyShape } from './reply-shapes';
import { decodeRowsReply, ROW_LIST_METHODS } from './row-decoder';
import { decodeScalarReply } from './scalar-reply';
import type { ProtocolClass, ReceivingTransport } from './thrift-lib';
import { translateError } from './translate-error';

type PendingCallback = (error: unknown, result?: unknown) => void;

/** Sequence ids travel as i32; we wrap well before 2^31 so a reply always matches its call. */
const MAX_SEQID = 0x7fff_0000;
/** A slot that never collides with a real sequence id, used while a reply is being decoded. */
const DECODE_SLOT = -1;

/** A call awaiting its reply: what to name in errors, and when it times out. */
interface PendingCall {
  method: string;
  /** `performance.now()` value after which the call has timed out. */
  deadline: number;
  timeoutMs: number;
}

/** The longest delay `setTimeout` takes (longer ones fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

type ReplyDecoder = (this: HbaseClient, input: unknown, messageType: number, seqid: number) => void;
const replyDecoders = new Map<string, ReplyDecoder>();

/** The generated decoder of a method's reply (`recv_<method>`), looked up once per method. */
function replyDecoder(method: string): ReplyDecoder {
  let decode = replyDecoders.get(method);
  if (decode === undefined) {
    const found = (HbaseClient.prototype as unknown as Record<string, unknown>)[`recv_${method}`];
    if (typeof found !== 'function') {
      throw new ProtocolMismatchError(`received a reply to an unknown method "${method}"`);
    }
    decode = found as ReplyDecoder;
    replyDecoders.set(method, decode);
  }
  return decode;
}

/** The Thrift1 client type (generated, plus our own encoders). */
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
  private readonly output: OutputBuffer;
  /** The calls awaiting a reply, by sequence id (the generated client keeps their callbacks). */
  private readonly calls = new Map<number, PendingCall>();
  /**
   * One timer per channel finds the calls that timed out, instead of a timer per call: arming
   * and clearing a timer for every call was a tenth of a small call's CPU time.
   */
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweepAt = Number.POSITIVE_INFINITY;

  /** What the generated decoder reported for the reply being decoded. */
  private decoded: { error: unknown; result: unknown } | undefined;
  private readonly captureOutcome: PendingCallback = (error, result) => {
    this.decoded = { error, result };
  };
  private closedBy: HBaseError | undefined;
  /** Replies decoded so far: none at all makes a transport/protocol mismatch the likely culprit. */
  protected repliesReceived = 0;

  constructor(options: ChannelOptions) {
    this.options = options;
    this.Protocol = fastProtocolClass(options.protocol);
    // HTTP bodies carry bare messages, like the buffered transport.
    this.output = new OutputBuffer(
      options.transport === 'framed',
      (message) => this.send(message, this.internals._seqid),
      options.maxFrameSize,
    );
    this.client = new HbaseClient(this.output, this.Protocol, options.protocol);
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
    if (this.output.unflushed) {
      // Encoding threw inside the generated method, which rejected its promise with that error;
      // nothing was sent.
      this.output.discard();
      delete this.internals._reqs[seqid];
      return promise.catch((error: unknown) => {
        throw translateError(error, method);
      });
    }
    // Replies settle the generated promise with errors already translated (see `deliver`), so it
    // is returned as it is: no extra promise per call.
    const deadline = performance.now() + timeoutMs;
    this.calls.set(seqid, { method, deadline, timeoutMs });
    if (deadline < this.sweepAt) this.scheduleSweep(deadline);
    return promise;
  }

  /** Rejects one pending call, if it is still pending. Returns whether it was. */
  protected settle(seqid: number, error: HBaseError): boolean {
    this.calls.delete(seqid);
    const callback = this.internals._reqs[seqid];
    if (!callback) return false;
    delete this.internals._reqs[seqid];
    callback(error);
    return true;
  }

  private scheduleSweep(deadline: number): void {
    if (this.sweepTimer !== undefined) clearTimeout(this.sweepTimer);
    this.sweepAt = deadline;
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(deadline - performance.now())));
    this.sweepTimer = setTimeout(() => this.sweep(), delay);
    // Pending calls keep the process alive through their socket or request, not through this.
    this.sweepTimer.unref();
  }

  /** Times out the calls past their deadline and waits for the next deadline. */
  private sweep(): void {
    this.sweepTimer = undefined;
    this.sweepAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [seqid, call] of this.calls) {
      if (call.deadline > now) {
        next = Math.min(next, call.deadline);
        continue;
      }
      const error = new TimeoutError(
        `${call.method}: no reply from ${this.description} within ${call.timeoutMs} ms` +
          (this.repliesReceived === 0
            ? '; no reply was ever received on this connection, so the gateway may expect a different ' +
              'transport or protocol'
            : ''),
        call.timeoutMs,
      );
      if (this.settle(seqid, error)) this.abandon(seqid, error);
    }
    if (next < Number.POSITIVE_INFINITY && this.calls.size > 0) this.scheduleSweep(next);
  }

  /** Marks the channel failed and rejects every pending call with `error`. */
  protected fail(error: HBaseError): void {
    this.closedBy ??= error;
    for (const key of Object.keys(this.internals._reqs)) this.settle(Number(key), error);
  }

  /** Whether any call awaits a reply (cheaper than {@link ThriftChannel.pendingCount}). */
  protected get awaitingReplies(): boolean {
    return this.calls.size > 0;
  }

  /** Number of calls awaiting a reply. */
  protected get pendingCount(): number {
    return Object.keys(this.internals._reqs).length;
  }

  /**
   * Decodes the one complete reply in `transport` and settles its call. Every receiver hands over
   * exactly one whole message (a frame, a message found by the buffered reader, an HTTP body), so
   * there is nothing to wait for: running out of bytes means the bytes are not what we expect.
   * A reply that cannot be decoded, or that answers no pending call, drops the connection (see
   * {@link ThriftChannel.undecodable}).
   */
  protected receive(transport: ReceivingTransport): void {
    let outcome: { error: unknown; result: unknown } | undefined;
    let seqid: number;
    try {
      // Most replies (puts, deletes, counters) are a bare success: read from the bytes.
      const scalar = decodeScalarReply(transport.inBuf, transport.readPos, this.options.protocol);
      if (scalar) {
        seqid = scalar.seqid;
        outcome = { error: undefined, result: scalar.result };
      } else {
        ({ seqid, outcome } = this.decodeReply(transport));
      }
      // Calls are answered once each (in order on a socket; one per request over HTTP) and the
      // socket is dropped when one times out: a reply to no pending call is a corrupted one.
      if (!this.calls.has(seqid)) throw new Error(`a reply to no pending call (sequence id ${seqid})`);
    } catch (error) {
      this.undecodable(error);
      return;
    }
    this.deliver(seqid, outcome);
  }

  /** Decodes any reply with the row decoders or the generated code. */
  private decodeReply(transport: ReceivingTransport): {
    seqid: number;
    outcome: { error: unknown; result: unknown };
  } {
    const protocol = new this.Protocol(transport);
    const header = protocol.readMessageBegin();
    const seqid = header.rseqid;
    if (ROW_LIST_METHODS.has(header.fname)) {
      const outcome = decodeRowsReply(protocol, header.mtype) as { error: unknown; result: unknown };
      // Rows are decoded as they are consumed, after this reply was delivered: a row that turns
      // out undecodable then still drops the connection.
      if (outcome.result instanceof LazyRowBatch) outcome.result.onUndecodable = this.dropUndecodable;
      return { seqid, outcome };
    }
    const decode = replyDecoder(header.fname);
    // The generated decoder reports through a callback in the pending table; a private slot
    // keeps it from settling the call itself.
    const reqs = this.internals._reqs;
    reqs[DECODE_SLOT] = this.captureOutcome;
    try {
      decode.call(this.client, protocol, header.mtype, DECODE_SLOT);
    } finally {
      delete reqs[DECODE_SLOT];
    }
    const outcome = this.decoded;
    this.decoded = undefined;
    if (outcome === undefined) throw new Error(`the reply to ${header.fname} settled nothing`);
    // The generated code reports a result struct without its result field as a string.
    if (typeof outcome.error === 'string') throw new Error(outcome.error);
    if (outcome.error === null || outcome.error === undefined) checkReplyShape(header.fname, outcome.result);
    // The message is one reply: bytes left over mean its structure was misread.
    if (transport.readPos !== transport.inBuf.length) {
      throw new Error(
        `${transport.inBuf.length - transport.readPos} bytes left after the reply to ${header.fname}`,
      );
    }
    return { seqid, outcome };
  }

  /** Hands a decoded reply to its call, its error translated to a typed one. */
  private deliver(seqid: number, outcome: { error: unknown; result: unknown }): void {
    this.repliesReceived++;
    const call = this.calls.get(seqid);
    this.calls.delete(seqid);
    const reqs = this.internals._reqs;
    const callback = reqs[seqid];
    if (callback) {
      delete reqs[seqid];
      const { error, result } = outcome;
      if (error === null || error === undefined) callback(null, result);
      else callback(translateError(error, call?.method ?? 'call'));
    }
  }

  /**
   * Fails the channel for bytes that cannot be decoded and drops its connection: every pending
   * call rejects with a {@link ProtocolMismatchError} that names the likely cause, and the next
   * call opens a fresh connection. Nothing read after such bytes can be trusted, nor matched to
   * its call. `firstBytes` are the first bytes of the undecodable message, when known.
   */
  protected undecodable(error: unknown, firstBytes?: Buffer): void {
    this.fail(this.undecodableError(error, firstBytes));
    this.drop();
  }

  /** {@link ThriftChannel.undecodable}, bound, for row batches that fail after delivery. */
  private readonly dropUndecodable = (error: unknown): void => this.undecodable(error);

  /** Closes the connection at once, without waiting for anything in flight. */
  protected drop(): void {
    void this.close();
  }

  private undecodableError(error: unknown, firstBytes: Buffer | undefined): ProtocolMismatchError {
    const detail = error instanceof Error ? error.message : String(error);
    const { transport, protocol } = this.options;
    const kind =
      transport === 'http'
        ? `${protocol} protocol over HTTP`
        : `${transport} transport, ${protocol} protocol`;
    if (this.repliesReceived === 0) {
      const start = firstBytes === undefined ? '' : `; its reply starts with ${preview(firstBytes)}`;
      return new ProtocolMismatchError(
        `${this.description} does not answer in Thrift (${kind}): ${detail}${start}. Is it a Thrift1 ` +
          'gateway, and does it use this transport (buffered/framed/http) and protocol (binary/compact)?',
        { cause: error },
      );
    }
    return new ProtocolMismatchError(
      `a reply from ${this.description} is not valid Thrift (${kind}), so it was corrupted on the way ` +
        `or the peer is not a Thrift1 gateway: ${detail}. The connection was dropped`,
      { cause: error },
    );
  }
}

/** How many bytes of an undecodable reply an error shows. */
const PREVIEW_BYTES = 16;

/** The first bytes of a reply, quoted, for an error: printable ASCII as is, the rest as \xNN. */
function preview(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes.subarray(0, PREVIEW_BYTES)) {
    text +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `"${text}"${bytes.length > PREVIEW_BYTES ? '...' : ''}`;
}
