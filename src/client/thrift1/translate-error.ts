import {
  AlreadyExistsError,
  HBaseError,
  IllegalArgumentError,
  IOError,
  TableNotFoundError,
  ThriftApplicationError,
} from '../errors';
import { AlreadyExists, IllegalArgument, IOError as ThriftIOError } from './generated/Hbase_types';

/** Thrift's TApplicationExceptionType.UNKNOWN_METHOD. */
const UNKNOWN_METHOD = 1;

/** @internal Turns whatever the generated client rejected with into one of our typed errors. */
export function translateError(error: unknown, method: string): HBaseError {
  if (error instanceof HBaseError) return error;
  if (error instanceof ThriftIOError) {
    const message = String(error.message ?? '');
    // The gateway has no dedicated exception for a missing table: it wraps Java's
    // TableNotFoundException in an IOError, so we recognise it by name.
    if (/TableNotFoundException/.test(message.split('\n', 1)[0] ?? '')) {
      return new TableNotFoundError(message, Boolean(error.canRetry));
    }
    return new IOError(message, Boolean(error.canRetry));
  }
  if (error instanceof IllegalArgument) return new IllegalArgumentError(String(error.message ?? ''));
  if (error instanceof AlreadyExists) return new AlreadyExistsError(String(error.message ?? ''));
  if (isApplicationException(error)) {
    const hint =
      error.type === UNKNOWN_METHOD
        ? ' (the gateway does not know this Thrift1 method: is it a Thrift2 gateway, ' +
          "org.apache.hadoop.hbase.thrift2.ThriftServer? Leave the api option at 'auto' to detect it)"
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
