import { HBaseError } from './hbase-error';
import { AlreadyExistsError, IOError, TableNotFoundError, ThriftApplicationError } from './server-errors';

/** Thrift's TApplicationExceptionType.UNKNOWN_METHOD. */
const UNKNOWN_METHOD = 1;

/**
 * @internal The typed error for a gateway's IOError (both APIs have one): neither gateway has an
 * exception of its own for a missing table, and Thrift2 none for an existing one, so Java's
 * exceptions are recognised by name on the message's first line.
 */
export function fromGatewayIOError(message: string, canRetry: boolean): HBaseError {
  const first = message.split('\n', 1)[0] ?? '';
  if (/TableNotFoundException/.test(first)) return new TableNotFoundError(message, canRetry);
  if (/TableExistsException/.test(first)) return new AlreadyExistsError(message);
  return new IOError(message, canRetry);
}

/**
 * @internal The typed error for what is neither an HBaseError nor one of the API's declared
 * exceptions: a TApplicationException (an unknown method gets `unknownMethodHint`, which says what
 * the gateway may be instead), a message the generated code reported as a string, anything else.
 */
export function fromOtherFailure(error: unknown, method: string, unknownMethodHint: string): HBaseError {
  if (isApplicationException(error)) {
    const hint = error.type === UNKNOWN_METHOD ? ` (${unknownMethodHint})` : '';
    return new ThriftApplicationError(`${method}: ${error.message}${hint}`, error.type);
  }
  if (typeof error === 'string') return new HBaseError(`${method}: ${error}`);
  return new HBaseError(`${method} failed: ${String((error as Error)?.message ?? error)}`, { cause: error });
}

function isApplicationException(error: unknown): error is { type: number; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: string }).name === 'TApplicationException' &&
    typeof (error as { type?: unknown }).type === 'number'
  );
}
