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

/** A feature was requested that the connection's `compat` level (HBase version) does not offer. */
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
 * The gateway serves a Thrift API this version of the client does not speak: it is a Thrift2
 * gateway (`org.apache.hadoop.hbase.thrift2.ThriftServer`, service `THBaseService`), found by
 * asking it (`api: 'auto'`) or declared (`api: 'thrift2'`). Nothing but that question was sent to
 * it. A {@link NotSupportedError}, so one `instanceof` covers every unsupported feature; its own
 * class because it concerns every call on the gateway, not one feature: the fix is another
 * gateway (a Thrift1 one, `org.apache.hadoop.hbase.thrift.ThriftServer`), not another call.
 */
export class UnsupportedGatewayError extends NotSupportedError {
  /** The gateway, as `host:port`. */
  readonly gateway: string;
  /** The API the gateway serves. */
  readonly api: 'thrift2';

  /** @param declared - whether the API was declared (`api: 'thrift2'`) rather than detected. */
  constructor(gateway: string, declared: boolean) {
    super('the Thrift2 API', {
      message:
        `${gateway} is a Thrift2 gateway (service THBaseService, ` +
        `${declared ? "declared by the option api: 'thrift2'" : 'as it answered getThriftServerType'}), ` +
        'but this version of hbase-mapper speaks Thrift1 (service Hbase) only: connect to a Thrift1 ' +
        `gateway (org.apache.hadoop.hbase.thrift.ThriftServer). ${declared ? 'Nothing' : 'Nothing but that question'} ` +
        'was sent to it',
    });
    this.gateway = gateway;
    this.api = 'thrift2';
  }
}
