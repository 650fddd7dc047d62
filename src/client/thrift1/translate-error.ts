import { AlreadyExistsError, HBaseError, IllegalArgumentError } from '../errors';
import { fromGatewayIOError, fromOtherFailure } from '../errors/gateway-failures';
import { AlreadyExists, IllegalArgument, IOError as ThriftIOError } from './generated/Hbase_types';

/** @internal Turns whatever the generated client rejected with into one of our typed errors. */
export function translateError(error: unknown, method: string): HBaseError {
  if (error instanceof HBaseError) return error;
  if (error instanceof ThriftIOError) {
    return fromGatewayIOError(String(error.message ?? ''), Boolean(error.canRetry));
  }
  if (error instanceof IllegalArgument) return new IllegalArgumentError(String(error.message ?? ''));
  if (error instanceof AlreadyExists) return new AlreadyExistsError(String(error.message ?? ''));
  return fromOtherFailure(
    error,
    method,
    'the gateway does not know this Thrift1 method: is it a Thrift2 gateway, ' +
      "org.apache.hadoop.hbase.thrift2.ThriftServer? Leave the api option at 'auto' to detect it",
  );
}
