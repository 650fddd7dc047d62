import { ConnectionClosedError, HBaseError, ProtocolMismatchError, TimeoutError } from '../errors';
import { OutputBuffer } from '../protocol/output-buffer';
import type { ReceivingTransport } from '../protocol/thrift-lib';
import { CallRegistry, type PendingCall } from './call-registry';
import type { ChannelOptions } from './channel-options';
import type { ApiBinding, DecodedReply, ThriftApi } from './thrift-api';

/**
 * @internal One connection to a gateway, speaking the Thrift API `api` (whose client it hands to
 * {@link ThriftChannel.call}). Every call settles: the npm `thrift` library leaves callbacks
 * pending forever when a socket errors or closes and has no per-call timeout, so this class owns
 * the pending calls ({@link CallRegistry}), their timeouts and sequence ids, and hands each reply
 * to the API's decoder.
 */
export abstract class ThriftChannel<C = unknown> {
  /** The API's client; only call it through {@link ThriftChannel.call}. */
  client: C;
  protected readonly options: ChannelOptions;
  private api: ThriftApi<C>;
  private binding: ApiBinding<C>;
  private readonly output: OutputBuffer;
  /** The calls awaiting a reply, by sequence id. */
  private readonly calls = new CallRegistry((seqid, call) => this.timedOut(seqid, call));
  /** The method and timeout of the call {@link ThriftChannel.call} is starting. */
  private startingMethod = '';
  private startingTimeout = 0;
  private closedBy: HBaseError | undefined;
  /** Replies decoded so far: none at all makes a transport/protocol mismatch the likely culprit. */
  protected repliesReceived = 0;
  /**
   * Told of each transport failure — once per lost socket, of each failed or timed-out HTTP
   * request — never of a close the client asked for (`close()` clears it first): the
   * connection's observer (events, logs, pool statistics). It must not hold the Connection.
   */
  onFailure: ((error: HBaseError) => void) | undefined;

  constructor(options: ChannelOptions, api: ThriftApi<C>) {
    this.options = options;
    this.api = api;
    // HTTP bodies carry bare messages, like the buffered transport.
    this.output = new OutputBuffer(
      options.transport === 'framed',
      (message) => this.send(message, this.calls.lastId),
      options.maxFrameSize,
    );
    this.binding = api.bind(this.output, options.protocol, this.start);
    this.client = this.binding.client;
  }

  /**
   * Speaks `api` from now on: the gateway turned out to serve another API than the one the channel
   * was opened with (see `detectGatewayApi`). Only while no call awaits a reply: the replies to
   * earlier calls are in the old API's terms.
   */
  useApi(api: ThriftApi<C>): void {
    if (this.calls.size > 0) {
      throw new HBaseError(`cannot switch to ${api.name} with calls awaiting replies (a bug of the client)`);
    }
    this.api = api;
    this.binding = api.bind(this.output, this.options.protocol, this.start);
    this.client = this.binding.client;
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
   * Runs one call of the API's client with a timeout, translating every failure to a typed error.
   * `invoke` must start exactly one call.
   */
  call<T>(method: string, invoke: (client: C) => Promise<T>, timeoutMs = this.options.timeout): Promise<T> {
    if (this.closedBy) {
      return Promise.reject(
        new ConnectionClosedError(`${method}: ${this.closedBy.message}`, { cause: this.closedBy }),
      );
    }
    // The client's method starts its call through `start`, synchronously: it takes these.
    this.startingMethod = method;
    this.startingTimeout = timeoutMs;
    // Replies settle this promise with errors already translated (see `deliver`), so it is
    // returned as it is: no extra promise per call.
    return invoke(this.client);
  }

  /** {@link StartCall} for the API's client: registers the call, then sends it. */
  private readonly start = <T>(send: (seqid: number) => void): Promise<T> => {
    const method = this.startingMethod;
    const timeoutMs = this.startingTimeout;
    const seqid = this.calls.nextId();
    return new Promise<T>((resolve, reject) => {
      this.calls.add(seqid, method, timeoutMs, resolve as (result: unknown) => void, reject);
      try {
        send(seqid);
      } catch (error) {
        // Encoding threw (or the message is above the frame limit): nothing was sent.
        this.calls.take(seqid);
        this.output.discard();
        reject(this.api.translateError(error, method));
      }
    });
  };

  /** Rejects one pending call, if it is still pending. Returns whether it was. */
  protected settle(seqid: number, error: HBaseError): boolean {
    const call = this.calls.take(seqid);
    if (call === undefined) return false;
    call.reject(error);
    return true;
  }

  /** Times out one call, taken out of the registry past its deadline, and gives up on it. */
  private timedOut(seqid: number, call: PendingCall): void {
    const error = new TimeoutError(
      `${call.method}: no reply from ${this.description} within ${call.timeoutMs} ms` +
        (this.repliesReceived === 0
          ? '; no reply was ever received on this connection, so the gateway may expect a different ' +
            'transport or protocol'
          : ''),
      call.timeoutMs,
    );
    call.reject(error);
    this.abandon(seqid, error);
  }

  /** Marks the channel failed and rejects every pending call with `error`. */
  protected fail(error: HBaseError): void {
    const first = this.closedBy === undefined;
    this.closedBy ??= error;
    this.calls.rejectAll(error);
    if (first) this.onFailure?.(error);
  }

  /** Whether the call with this sequence id still awaits its reply. */
  protected awaits(seqid: number): boolean {
    return this.calls.has(seqid);
  }

  /** Whether any call awaits a reply (cheaper than {@link ThriftChannel.pendingCount}). */
  protected get awaitingReplies(): boolean {
    return this.calls.size > 0;
  }

  /** Number of calls awaiting a reply. */
  protected get pendingCount(): number {
    return this.calls.size;
  }

  /**
   * Decodes the one complete reply in `transport` and settles its call. Every receiver hands over
   * exactly one whole message (a frame, a message found by the buffered reader, an HTTP body), so
   * there is nothing to wait for: running out of bytes means the bytes are not what we expect.
   * A reply that cannot be decoded, or that answers no pending call, drops the connection (see
   * {@link ThriftChannel.undecodable}).
   */
  protected receive(transport: ReceivingTransport): void {
    let reply: DecodedReply;
    try {
      reply = this.binding.decodeReply(transport, this.dropUndecodable);
      // Calls are answered once each (in order on a socket; one per request over HTTP) and the
      // socket is dropped when one times out: a reply to no pending call is a corrupted one.
      if (!this.calls.has(reply.seqid)) {
        throw new Error(`a reply to no pending call (sequence id ${reply.seqid})`);
      }
    } catch (error) {
      this.undecodable(error);
      return;
    }
    this.deliver(reply);
  }

  /** Hands a decoded reply to its call, its error translated to a typed one. */
  private deliver(reply: DecodedReply): void {
    this.repliesReceived++;
    const call = this.calls.take(reply.seqid);
    if (call === undefined) return;
    const { error } = reply;
    if (error === null || error === undefined) call.resolve(reply.result);
    else call.reject(this.api.translateError(error, call.method));
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
        `${this.description} does not answer in Thrift (${kind}): ${detail}${start}. Is it a ${this.api.name} ` +
          'gateway, and does it use this transport (buffered/framed/http) and protocol (binary/compact)?',
        { cause: error },
      );
    }
    return new ProtocolMismatchError(
      `a reply from ${this.description} is not valid Thrift (${kind}), so it was corrupted on the way ` +
        `or the peer is not a ${this.api.name} gateway: ${detail}. The connection was dropped`,
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
