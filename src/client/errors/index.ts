export { AuthenticationError, type AuthenticationFailure } from './authentication-error';
export { FrameTooLargeError } from './frame-too-large-error';
export { HBaseError } from './hbase-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { ScanExpiredError } from './scan-expired-error';
export {
  AlreadyExistsError,
  IllegalArgumentError,
  IOError,
  NotSupportedError,
  TableNotFoundError,
  ThriftApplicationError,
  UnsupportedGatewayError,
} from './server-errors';
export {
  ConnectionClosedError,
  ConnectionFailedError,
  HttpStatusError,
  NoConnectionsAvailableError,
  ProtocolMismatchError,
  TimeoutError,
  TransportError,
} from './transport-errors';
export { UnsafeTimestampError } from './unsafe-timestamp-error';
