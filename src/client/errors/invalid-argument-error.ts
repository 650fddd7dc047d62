import { HBaseError } from './hbase-error';

/**
 * An argument was rejected on the client, before anything was sent to the server.
 *
 * `argument` names the parameter (or option path, e.g. `options.batchSize`) and the message says
 * what was expected and what was received.
 */
export class InvalidArgumentError extends HBaseError {
  /** The rejected parameter or option, e.g. `row` or `options.limit`. */
  readonly argument: string;

  constructor(argument: string, expected: string, received: unknown) {
    super(`Invalid ${argument}: expected ${expected}, got ${describe(received)}`);
    this.argument = argument;
  }
}

/**
 * @internal A rejected value that must not appear in a message (a URL that may carry credentials,
 * a passphrase, a header value): the message shows this description instead.
 */
export class Redacted {
  constructor(readonly description: string) {}
}

/** Describes a rejected value briefly and without dumping large buffers into messages. */
function describe(value: unknown): string {
  if (value instanceof Redacted) return value.description;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    default:
      return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
}
