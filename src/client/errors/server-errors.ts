import { HBaseError } from './hbase-error';

/**
 * An `IOError` raised by the Thrift gateway (an exception inside HBase).
 *
 * The gateway puts a whole Java stack trace into the message; `message` keeps its first line and
 * `serverStackTrace` keeps the rest, so logs stay readable without losing detail.
 */
export class IOError extends HBaseError {
  /** The server's Java stack trace (everything after the first line of its message). */
  readonly serverStackTrace: string;
  /** Whether the gateway flagged the operation as safe to retry. */
  readonly canRetry: boolean;

  constructor(serverMessage: string, canRetry = false) {
    const [first, rest] = splitFirstLine(serverMessage);
    super(first);
    this.serverStackTrace = rest;
    this.canRetry = canRetry;
  }
}

/** The table named in the call does not exist (an {@link IOError} the gateway raised for it). */
export class TableNotFoundError extends IOError {}

/** The gateway rejected an argument (`IllegalArgument` in the Thrift interface). */
export class IllegalArgumentError extends HBaseError {
  /** The server's Java stack trace, if it sent one. */
  readonly serverStackTrace: string;

  constructor(serverMessage: string) {
    const [first, rest] = splitFirstLine(serverMessage);
    super(first);
    this.serverStackTrace = rest;
  }
}

/** Creating something that exists already, typically a table (`AlreadyExists` in Thrift). */
export class AlreadyExistsError extends HBaseError {}

/**
 * The gateway answered with a Thrift application exception: an unknown method (often the sign of
 * a Thrift2 gateway where a Thrift1 gateway was expected), or an internal error on the gateway.
 */
export class ThriftApplicationError extends HBaseError {
  /** The Thrift `TApplicationExceptionType` code. */
  readonly type: number;

  constructor(message: string, type: number) {
    super(message);
    this.type = type;
  }
}

function splitFirstLine(text: string): [string, string] {
  const newline = text.indexOf('\n');
  if (newline < 0) return [text, ''];
  return [text.slice(0, newline).trimEnd(), text.slice(newline + 1)];
}

/**
 * A feature was requested that the connection cannot offer: its `compat` level (HBase version)
 * lacks it, or the gateway's API does (a Thrift2-only call on a Thrift1 gateway, a compaction on a
 * Thrift2 one). Raised before anything is sent.
 */
export class NotSupportedError extends HBaseError {
  /** The option or method that is not supported. */
  readonly feature: string;

  /** `feature` needs at least HBase `minimumCompat`, and the connection is set to `compat`. */
  constructor(feature: string, minimumCompat: string, compat: string);
  /** `feature` is not supported, for the reason `message` says in full. */
  constructor(feature: string, reason: { message: string });
  constructor(feature: string, minimumCompatOrReason: string | { message: string }, compat?: string) {
    super(
      typeof minimumCompatOrReason === 'string'
        ? `${feature} needs HBase >= ${minimumCompatOrReason}, but the connection has compat '${compat}'`
        : minimumCompatOrReason.message,
    );
    this.feature = feature;
  }
}

/**
 * A gateway serves another Thrift API than the connection speaks: a member of `servers` that
 * answered `getThriftServerType` with Thrift2 while the connection speaks Thrift1 with the others
 * (or the reverse). One connection speaks one API, fixed by the first gateway it reaches (or by
 * the `api` option): a batch or a scan must not change API half-way. Nothing but that question was
 * sent to the gateway. A {@link NotSupportedError}, so one `instanceof` covers every unsupported
 * feature.
 */
export class UnsupportedGatewayError extends NotSupportedError {
  /** The gateway, as `host:port`. */
  readonly gateway: string;
  /** The API the gateway serves. */
  readonly api: 'thrift1' | 'thrift2';

  /** @param expected - the API the connection speaks. */
  constructor(gateway: string, api: 'thrift1' | 'thrift2', expected: 'thrift1' | 'thrift2') {
    super(`the ${apiName(api)} API`, {
      message:
        `${gateway} is a ${apiName(api)} gateway (as it answered getThriftServerType), but this ` +
        `connection speaks ${apiName(expected)}: every server of one connection must serve the same API. ` +
        'Nothing but that question was sent to it',
    });
    this.gateway = gateway;
    this.api = api;
  }
}

function apiName(api: 'thrift1' | 'thrift2'): string {
  return api === 'thrift1' ? 'Thrift1' : 'Thrift2';
}
