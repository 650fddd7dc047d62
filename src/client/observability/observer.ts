import type { EventEmitter } from 'node:events';
import type { GatewayKind, ServerAddress } from '../connection-options';
import { type HBaseError, TimeoutError, TransportError, UnsupportedGatewayError } from '../errors';
import type { ThriftChannel } from '../transport/thrift-channel';
import type { ConnectionEvents, FailureReason, GatewayEvent } from './events';
import { creationStack, unwatchForLeak, watchForLeak } from './leak-watch';
import { type Logger, LogSink } from './logger';
import type { PoolObserver } from './pool-observer';

/**
 * @internal What the leak watch needs of a connection: its current channel, and nothing that
 * leads back to the Connection (see leak-watch.ts).
 */
export interface SocketRef {
  channel: ThriftChannel<unknown> | undefined;
}

/**
 * @internal Emits `name` on `target` if anyone listens. A listener that throws must not unwind
 * the client's code that reported the event (half-updated state), so its error is rethrown on its
 * own tick, where Node reports it as it would any uncaught exception.
 */
export function emitIfHeard(target: EventEmitter | undefined, name: string, args: unknown[]): void {
  if (target === undefined || target.listenerCount(name) === 0) return;
  try {
    target.emit(name, ...args);
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}

/** @internal A failure described without user values (see {@link FailureReason}). */
export function failureReason(error: unknown): FailureReason {
  if (!(error instanceof Error)) return { error: typeof error, message: 'a non-Error value was thrown' };
  // Transport errors' messages are the client's own; HBase's may quote row keys. The one part of
  // the client's own that quotes bytes from the wire (the start of an undecodable reply) goes.
  if (!(error instanceof TransportError)) return { error: error.name, message: error.name };
  return {
    error: error.name,
    message: error.message.replace(/; its reply starts with "[^"]*"(\.\.\.)?/, ''),
  };
}

/**
 * @internal The one place a connection's events and logs are fed from, so the hook-up points in
 * connection.ts stay one line each. Holds the connection only weakly: its channels hold this
 * object (to report failures) and an open socket must not keep an abandoned Connection alive (the
 * leak watch would never see it go). Nothing is built unless someone listens or logs.
 */
export class ConnectionObserver {
  /** The connection's current channel, for the leak watch. */
  readonly socket: SocketRef = { channel: undefined };
  readonly #connection: WeakRef<EventEmitter>;
  readonly #log: LogSink;
  readonly #pool: PoolObserver | undefined;
  /** The gateway in use and its API, kept here because the failure reports come from channels. */
  #server: ServerAddress;
  #api: GatewayKind | undefined;
  /** Where the connection was created (only under NODE_DEBUG), for its leak warning. */
  readonly #createdAt: string | undefined;
  /**
   * Whether the leak watch has the connection. Only from its first socket on: a connection never
   * opened leaks nothing, and most connections made (and dropped) without one cost no registration.
   */
  #watched = false;
  /**
   * Whether the last socket was lost (not closed by the client): the next one opened is a
   * reconnection, even if attempts to open it failed in between (a gateway down for a while).
   */
  #lost = false;
  /**
   * Whether the connection had a socket since it was last closed: only such a connection emits
   * 'close' (one never opened has nothing to close).
   */
  #hadSocket = false;

  /**
   * `channel`, opened (or being opened) to `server`, failed. Each channel reports with its own
   * server: a failure while opening comes before {@link ConnectionObserver.opened} names the
   * gateway in use, and may be that of a gateway failed over to.
   */
  channelFailed(error: HBaseError, server: ServerAddress, channel: ThriftChannel<unknown>): void {
    // Only the loss of the socket in use makes the next one a reconnection: not a channel that
    // failed while opening (never in use), nor an HTTP request (its channel stays usable).
    if (channel === this.socket.channel && !channel.usable) this.#lost = true;
    this.#failed(error, server);
  }

  constructor(
    connection: EventEmitter,
    logger: Logger | undefined,
    server: ServerAddress,
    pool?: PoolObserver,
  ) {
    this.#connection = new WeakRef(connection);
    this.#log = pool?.log ?? new LogSink(logger);
    this.#pool = pool;
    this.#server = server;
    // Frames: this constructor, then the Connection's (or its factory's, for a pooled one).
    this.#createdAt = pool === undefined ? creationStack(2) : undefined;
  }

  /** A channel was opened to `server` speaking `api`. */
  opened(channel: ThriftChannel<unknown>, server: ServerAddress, api: GatewayKind): void {
    const replaced = this.#lost;
    this.#lost = false;
    this.socket.channel = channel;
    this.#hadSocket = true;
    this.#server = server;
    this.#api = api;
    this.#pool?.gatewayOpened(server);
    // A pooled connection's socket is watched by its pool.
    if (!this.#watched && this.#pool === undefined) {
      const connection = this.#connection.deref();
      if (connection) watchForLeak(connection, 'Connection', [this.socket], this.#createdAt);
      this.#watched = true;
    }
    const name = replaced ? 'reconnect' : 'connect';
    if (!this.#heard(name)) return;
    if (this.#log.enabled) {
      const what = replaced ? 'reconnected to' : 'connected to';
      this.#log.write(replaced ? 'info' : 'debug', `${what} ${server.host}:${server.port} (${api})`);
    }
    this.#emit(name, this.#where(server));
  }

  /**
   * Connecting to `server` failed; `next` is the gateway tried next, if any (failover). A gateway
   * that serves the other API is no transport failure: it is only passed over (a 'failover').
   */
  connectFailed(error: unknown, server: ServerAddress, next: ServerAddress | undefined): void {
    if (!(error instanceof UnsupportedGatewayError)) this.#failed(error as HBaseError, server);
    if (next === undefined || !this.#heard('failover')) return;
    const reason = failureReason(error);
    if (this.#log.enabled) {
      const to = `${next.host}:${next.port}`;
      this.#log.write(
        'warn',
        `failing over from ${server.host}:${server.port} to ${to}: ${describe(reason)}`,
      );
    }
    this.#emit('failover', { ...this.#where(server), to: { host: next.host, port: next.port }, reason });
  }

  /** Attempt `attempt` of `method` failed with `error`; the next one starts in `delay` ms. */
  retrying(method: string, attempt: number, delay: number, error: unknown): void {
    if (!this.#heard('retry')) return;
    const reason = failureReason(error);
    const server = this.#server;
    if (this.#log.enabled) {
      this.#log.write(
        'warn',
        `retrying ${method} on ${server.host}:${server.port} in ${delay} ms (attempt ${attempt} failed: ${describe(reason)})`,
      );
    }
    this.#emit('retry', { ...this.#where(server), method, attempt, delay, reason });
  }

  /** `method` ran out of its `operationTimeout` (`timeout` ms): it rejects with `TimeoutError`. */
  gaveUp(method: string, timeout: number): void {
    if (!this.#log.enabled) return;
    const server = this.#server;
    this.#log.write(
      'warn',
      `${method} on ${server.host}:${server.port} gave up: operationTimeout (${timeout} ms) expired`,
    );
  }

  /** The connection was closed for good, its socket (if any) closed. */
  closed(): void {
    const hadSocket = this.#hadSocket;
    this.#hadSocket = false;
    this.socket.channel = undefined;
    this.#lost = false;
    const connection = this.#connection.deref();
    if (this.#watched && connection) unwatchForLeak(connection);
    this.#watched = false;
    // A pooled connection's end is the pool's 'destroy'.
    if (!hadSocket || this.#pool !== undefined || !this.#heard('close')) return;
    const server = this.#server;
    if (this.#log.enabled) this.#log.write('debug', `closed the connection to ${server.host}:${server.port}`);
    this.#emit('close', this.#where(server));
  }

  #failed(error: HBaseError, server: ServerAddress): void {
    this.#pool?.countFailure();
    // A call that timed out says the gateway is slow, not gone: only a failure to connect or a
    // lost socket takes it out of the pool's rotation.
    if (!timedOut(error)) this.#pool?.gatewayFailed(server);
    if (!this.#heard('error')) return;
    const reason = failureReason(error);
    if (this.#log.enabled) {
      this.#log.write('warn', `transport failure on ${server.host}:${server.port}: ${describe(reason)}`);
    }
    this.#emit('error', error, { ...this.#where(server), reason });
  }

  #where(server: ServerAddress): GatewayEvent {
    return { host: server.host, port: server.port, api: this.#api };
  }

  #heard(name: keyof ConnectionEvents): boolean {
    return (
      this.#log.enabled ||
      (this.#connection.deref()?.listenerCount(name) ?? 0) > 0 ||
      (this.#pool?.heard(name) ?? false)
    );
  }

  #emit<K extends keyof ConnectionEvents>(name: K, ...args: ConnectionEvents[K]): void {
    emitIfHeard(this.#connection.deref(), name, args);
    if (this.#pool && name !== 'close') this.#pool.emit(name as 'connect', ...(args as [GatewayEvent]));
  }
}

function describe(reason: FailureReason): string {
  return reason.message === reason.error ? reason.error : `${reason.error}: ${reason.message}`;
}

/** A call's timeout (a socket dropped after one fails its calls with it as their cause). */
function timedOut(error: HBaseError): boolean {
  return error instanceof TimeoutError || error.cause instanceof TimeoutError;
}
