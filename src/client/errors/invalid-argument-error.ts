import { describeValue } from './describe-value';
import { HBaseError } from './hbase-error';

/**
 * An argument was rejected on the client, before anything was sent to the server.
 *
 * `argument` names the parameter (or option path, e.g. `options.batchSize`, or an entity field,
 * e.g. `entity.name`) and the message says what was expected and what was received. The received
 * value is described briefly: secrets never, long values cut to their first characters.
 */
export class InvalidArgumentError extends HBaseError {
  /** The rejected parameter or option, e.g. `row` or `options.limit`. */
  readonly argument: string;

  /**
   * @param argument - the parameter, option path or field, which the message names.
   * @param expected - what would have been accepted, e.g. `an integer >= 1`.
   * @param received - the rejected value (described, never printed whole).
   * @param options - `cause`: the error behind the rejection (e.g. a codec's `CodecError`).
   */
  constructor(argument: string, expected: string, received: unknown, options?: { cause?: unknown }) {
    super(`Invalid ${argument}: expected ${expected}, got ${describeValue(received)}`, options);
    this.argument = argument;
  }
}
