import { HBaseError, IllegalArgumentError } from '../errors';
import { fromGatewayIOError, fromOtherFailure } from '../errors/gateway-failures';
import { TIllegalArgument, TIOError } from './generated/hbase_types';

/** @internal Turns what a Thrift2 reply reported (or an encoding failure) into one of our typed errors. */
export function translateError(error: unknown, method: string): HBaseError {
  if (error instanceof HBaseError) return error;
  if (error instanceof TIOError)
    return fromGatewayIOError(String(error.message ?? ''), Boolean(error.canRetry));
  if (error instanceof TIllegalArgument) return new IllegalArgumentError(String(error.message ?? ''));
  return fromOtherFailure(
    error,
    method,
    'the gateway does not know this Thrift2 method: is it a Thrift1 gateway, ' +
      "org.apache.hadoop.hbase.thrift.ThriftServer? Leave the api option at 'auto' to detect it",
  );
}
