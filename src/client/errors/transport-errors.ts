import { HBaseError } from './hbase-error';

/** A failure of the connection to the gateway, rather than of HBase itself. */
export class TransportError extends HBaseError {}

/** The gateway could not be reached (refused, unreachable, DNS failure, TLS handshake failure). */
export class ConnectionFailedError extends TransportError {}

/**
 * The connection closed (or was closed) while the call was in flight or before it was sent.
 * A call that fails this way may or may not have been applied by the server.
 */
export class ConnectionClosedError extends TransportError {}

/** No reply arrived within the connection's `timeout`; the connection is closed as a result. */
export class TimeoutError extends TransportError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The bytes exchanged with the gateway do not fit the configured transport/protocol: for example
 * a buffered client talking to a framed gateway, binary against compact, or a socket client
 * talking to a gateway in HTTP mode. The message names the likely cause.
 */
export class ProtocolMismatchError extends TransportError {}

/**
 * A gateway in HTTP mode, or a proxy in front of it, answered with an HTTP status other than 200:
 * 401 or 403 from an authenticating proxy or a secured gateway, 404 for a wrong `httpPath`, 5xx
 * when the gateway failed to handle the request. `status` holds the code; the message names it and
 * the likely cause, never the path's query, credentials or header values.
 *
 * Calls are retried (with `retry` on) only for statuses that say "try again later": 429, 502,
 * 503 and 504.
 */
export class HttpStatusError extends TransportError {
  /** The HTTP status code, e.g. `401`. */
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** A connection pool had no free connection within the requested time. */
export class NoConnectionsAvailableError extends HBaseError {}
