import {
  AlreadyExistsError,
  HBaseError,
  IllegalArgumentError,
  IOError,
  TableNotFoundError,
  ThriftApplicationError,
} from '../errors';
import { TIllegalArgument, TIOError } from './generated/hbase_types';

/** Thrift's TApplicationExceptionType.UNKNOWN_METHOD. */
const UNKNOWN_METHOD = 1;

/** @internal Turns what a Thrift2 reply reported (or an encoding failure) into one of our typed errors. */
export function translateError(error: unknown, method: string): HBaseError {
  if (error instanceof HBaseError) return error;
  if (error instanceof TIOError) {
    const message = String(error.message ?? '');
    // Like Thrift1, Thrift2 wraps Java's TableNotFoundException in an IOError.
    const first = message.split('\n', 1)[0] ?? '';
    if (/TableNotFoundException/.test(first)) return new TableNotFoundError(message, Boolean(error.canRetry));
    // Thrift1 has AlreadyExists for it; Thrift2 wraps Java's TableExistsException in an IOError.
    if (/TableExistsException/.test(first)) return new AlreadyExistsError(message);
    return new IOError(message, Boolean(error.canRetry));
  }
  if (error instanceof TIllegalArgument) return new IllegalArgumentError(String(error.message ?? ''));
  if (isApplicationException(error)) {
    const hint =
      error.type === UNKNOWN_METHOD
        ? ' (the gateway does not know this Thrift2 method: is it a Thrift1 gateway, ' +
          "org.apache.hadoop.hbase.thrift.ThriftServer? Leave the api option at 'auto' to detect it)"
        : '';
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
