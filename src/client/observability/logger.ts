import { debuglog } from 'node:util';
import { InvalidArgumentError } from '../errors';

/**
 * Where the client writes what it does (connects, reconnects, failovers, retries, timeouts, pool
 * replacements): an object with any of these methods, each called with one message string. pino
 * and winston loggers, `console` and NestJS's `Logger` all fit as they are.
 *
 * Messages name gateways by `host:port` and calls by their method; they never hold values, row
 * keys, URLs (which may carry `user:password@`) or HTTP headers (which may carry tokens).
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * const connection = new Connection({ host: 'gateway', logger: pino({ level: 'debug' }) });
 * ```
 */
export interface Logger {
  /** Sockets opened and closed, pooled connections created and closed. */
  debug?(message: string): unknown;
  /** Reconnections after a lost socket. */
  info?(message: string): unknown;
  /**
   * Used for `info` messages when there is no `info` method (NestJS's `Logger`). Typed loosely
   * (`...rest: never[]`) so that loggers whose `log` takes a level first (winston's) still fit:
   * those have an `info`, which is used instead.
   */
  log?(message: string, ...rest: never[]): unknown;
  /** Failovers, retries, transport failures and timeouts, pool replacements, acquire timeouts. */
  warn?(message: string): unknown;
  /**
   * Not called: every failure also rejects the call it hit, so the code that made the call decides
   * how bad it is; the client reports failures at `warn`.
   */
  error?(message: string): unknown;
}

/** @internal A log level of the client. */
export type LogLevel = 'debug' | 'info' | 'warn';

const LOGGER_METHODS = ['debug', 'info', 'log', 'warn', 'error'] as const;

/**
 * Node's own debug switch for this library: `NODE_DEBUG=hbase-mapper` (with Node's `net`, `tls`,
 * `http` beside it when the sockets themselves are in question) writes every message to stderr.
 * `util.debuglog` rather than the `debug` package: no dependency, and Node reads the variable
 * once at start-up, so the check made before each message is a property read.
 */
const nodeDebug = debuglog('hbase-mapper');

/** @internal Whether `NODE_DEBUG` names this library. */
export function debugEnabled(): boolean {
  return nodeDebug.enabled;
}

/** @internal Validates the `logger` option. */
export function optionalLogger(value: unknown, argument: string): Logger | undefined {
  if (value === undefined) return undefined;
  const expected = `an object with debug/info/log/warn/error methods (pino, winston, console, NestJS's Logger)`;
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null)
    throw new InvalidArgumentError(argument, expected, value);
  const methods = value as Record<string, unknown>;
  let any = false;
  for (const name of LOGGER_METHODS) {
    const method = methods[name];
    if (method === undefined) continue;
    if (typeof method !== 'function')
      throw new InvalidArgumentError(`${argument}.${name}`, 'a function', method);
    any = true;
  }
  if (!any) throw new InvalidArgumentError(argument, expected, value);
  return value as Logger;
}

/**
 * @internal Where one connection's or pool's messages go: its logger, and stderr under
 * `NODE_DEBUG=hbase-mapper`. Callers test {@link LogSink.enabled} before building a message.
 */
export class LogSink {
  readonly #logger: Logger | undefined;

  constructor(logger: Logger | undefined) {
    this.#logger = logger;
  }

  /** Whether anything would be written (else no message need be built). */
  get enabled(): boolean {
    return this.#logger !== undefined || nodeDebug.enabled;
  }

  write(level: LogLevel, message: string): void {
    if (nodeDebug.enabled) nodeDebug('%s %s', level, message);
    const logger = this.#logger;
    if (logger === undefined) return;
    try {
      // Called as methods: pino's and Nest's need their `this`.
      if (level === 'info') {
        if (logger.info) logger.info(message);
        else logger.log?.(message);
      } else {
        logger[level]?.(message);
      }
    } catch {
      // A logger that throws must not break the connection it reports on.
    }
  }
}
