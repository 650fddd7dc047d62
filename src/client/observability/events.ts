import type { Connection } from '../connection';
import type { GatewayKind, ServerAddress } from '../connection-options';
import type { ConnectionPool } from '../connection-pool';
import type { HBaseError } from '../errors';

/**
 * Why something failed, safe to log: the error's class and, for transport errors (whose messages
 * the client writes itself, naming only `host:port`, methods and timeouts), its message. The
 * message of an error from HBase is withheld: it may quote row keys (in region names, say).
 */
export interface FailureReason {
  /** The error's class name, e.g. `ConnectionClosedError`, `TimeoutError`, `IOError`. */
  error: string;
  /** What went wrong, without user values. */
  message: string;
}

/** Where an event happened: the gateway in use. */
export interface GatewayEvent {
  /** The gateway's host. */
  host: string;
  /** The gateway's port. */
  port: number;
  /** The gateway's API, once known (`undefined` before the first gateway answered, with `api: 'auto'`). */
  api: GatewayKind | undefined;
}

/** A connection moved from a gateway that failed to the next one of its `servers`. */
export interface FailoverEvent extends GatewayEvent {
  /** The gateway tried next. */
  to: ServerAddress;
  /** Why the gateway at `host:port` was given up. */
  reason: FailureReason;
}

/** A failed call is about to be sent again (see the `retry` option). */
export interface RetryEvent extends GatewayEvent {
  /** The gateway method, e.g. `getRow`. */
  method: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Milliseconds until the next attempt. */
  delay: number;
  /** Why the attempt failed. */
  reason: FailureReason;
}

/**
 * A transport failure: a connection attempt that failed, a socket lost (closed by the gateway,
 * broken, dropped after a call timed out or a reply could not be read), a failed or timed-out
 * HTTP request, an HTTP answer other than 200 or one that held no complete reply. The calls it hit
 * reject on their own; this is the same failure, seen once. A gateway that serves the other
 * Thrift API is no transport failure: it is only passed over (`'failover'`).
 */
export interface ConnectionErrorEvent extends GatewayEvent {
  /** What failed. */
  reason: FailureReason;
}

/**
 * The events of a {@link Connection}: `connection.on('retry', (event) => ...)`.
 *
 * Listeners run synchronously inside the client: keep them short, and do not throw (a listener
 * that throws is reported as an uncaught exception, not to the call in progress).
 */
export interface ConnectionEvents {
  /** A socket to the gateway was opened (and its API learnt): the first one, or after `close()`. */
  connect: [event: GatewayEvent];
  /**
   * A socket was opened after one was lost (the gateway closed it, it broke or timed out), however
   * many attempts to open it failed in between.
   */
  reconnect: [event: GatewayEvent];
  /**
   * A gateway could not be used — unreachable (also an `'error'`) or serving the other Thrift API
   * (`reason.error` is `UnsupportedGatewayError`; no `'error'`) — and the next one of `servers` is
   * tried.
   */
  failover: [event: FailoverEvent];
  /** A failed call will be sent again after `event.delay` ms. */
  retry: [event: RetryEvent];
  /**
   * A transport failure (see {@link ConnectionErrorEvent}). Emitted only when someone listens: unlike a
   * plain EventEmitter's, an unheard `'error'` never throws, since the failure also reaches the
   * call it hit.
   */
  error: [error: HBaseError, event: ConnectionErrorEvent];
  /**
   * The connection was closed for good by `close()`, once its socket closed (calls still in
   * flight have rejected). Only for a connection that was opened since its last close; never for
   * a pooled one, whose end is its pool's `'destroy'`.
   */
  close: [event: GatewayEvent];
}

/** A connection a pool created or destroyed. */
export interface PoolConnectionEvent {
  /** The connection. */
  connection: Connection;
}

/** A pool destroyed one of its connections. */
export interface PoolDestroyEvent extends PoolConnectionEvent {
  /**
   * `'failed'`: its lease ended with a transport failure, so it was replaced rather than handed
   * out again; `'closed'`: the pool closed.
   */
  reason: 'failed' | 'closed';
}

/** A lease waited `timeout` ms without a connection becoming free. */
export interface AcquireTimeoutEvent {
  /** The lease's `timeout` option. */
  timeout: number;
  /** Leases still waiting. */
  waiting: number;
}

/**
 * The events of a {@link ConnectionPool}: its own (`create`, `destroy`, `acquireTimeout`, `close`)
 * and those of its connections (`connect`, `reconnect`, `failover`, `retry`, `error`), with the
 * same arguments as on a {@link Connection}.
 */
export interface ConnectionPoolEvents {
  /** One of the pool's connections opened a socket. */
  connect: [event: GatewayEvent];
  /** One of the pool's connections replaced a failed socket. */
  reconnect: [event: GatewayEvent];
  /** One of the pool's connections failed over to the next gateway. */
  failover: [event: FailoverEvent];
  /** One of the pool's connections will send a failed call again. */
  retry: [event: RetryEvent];
  /** A transport failure on one of the pool's connections; emitted only when someone listens. */
  error: [error: HBaseError, event: ConnectionErrorEvent];
  /** The pool created a connection (it opens its socket on its first call). */
  create: [event: PoolConnectionEvent];
  /** The pool closed a connection for good. */
  destroy: [event: PoolDestroyEvent];
  /** A lease gave up waiting for a free connection (`NoConnectionsAvailableError`). */
  acquireTimeout: [event: AcquireTimeoutEvent];
  /** The pool closed. */
  close: [];
}
