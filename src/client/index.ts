export type { AuthOptions, KerberosAuthOptions, SaslQop } from './auth/auth-options';
export { Batch, type BatchOptions, type BatchWriteOptions } from './batch';
export * from './bulk';
export type { BytesLike } from './bytes';
export type { CellCondition, CheckAndMutateOptions, RowMutation } from './check-and-mutate';
export type {
  ColumnFamilyDescriptor,
  ColumnFamilyOptions,
  FullColumnFamilyDescriptor,
} from './column-family';
export type { ColumnValues } from './columns';
export { Connection } from './connection';
export type {
  Compat,
  ConnectionOptions,
  GatewayApi,
  GatewayKind,
  ServerAddress,
  ServerSpec,
} from './connection-options';
export {
  type ConnectionLease,
  ConnectionPool,
  type ConnectionPoolOptions,
  type LeaseOptions,
} from './connection-pool';
export type { Durability } from './durability';
export * from './errors';
export * from './filter';
export type { NamespaceDescriptor } from './namespace-descriptor';
export type {
  AcquireTimeoutEvent,
  ConnectionErrorEvent,
  ConnectionEvents,
  ConnectionPoolEvents,
  FailoverEvent,
  FailureReason,
  GatewayEvent,
  PoolConnectionEvent,
  PoolDestroyEvent,
  RetryEvent,
} from './observability/events';
export type { Logger } from './observability/logger';
export {
  MAX_PARALLEL,
  type ParallelOptions,
  type ParallelScanOptions,
  type ParallelScanVersionsOptions,
} from './parallel/parallel-scan-options';
export { ParallelScanner } from './parallel/parallel-scanner';
export type { PoolGatewayStats, PoolStats } from './pool-stats';
export type { Progress, ProgressCallback, ProgressOptions } from './progress';
export type { RegionInfo } from './region-info';
export type { Consistency } from './replica-read';
export { RETRYABLE_METHODS, type RetryOptions } from './retry-policy';
export type {
  AnyRowData,
  Cell,
  RowData,
  RowDataWithTimestamps,
  RowEntry,
  RowVersions,
  RowVersionsWithTimestamps,
  TimestampType,
} from './row-data';
export type { ScanOptions, ScanVersionsOptions } from './scan-request';
export { Scanner } from './scanner';
export { evenSplitKeys, type KeyRange, saltBucketSplitKeys } from './split-keys';
export { isStale } from './stale-rows';
export {
  type AppendOptions,
  type CellsOptions,
  type MutationOptions,
  type RowOptions,
  type RowVersionsOptions,
  Table,
} from './table';
export type { CreateTableOptions, TableChanges } from './table-admin';
export type { TableDescriptor } from './table-descriptor';
export type { TimeRange } from './time-range';
export type { CallTraceContext } from './tracing/call-trace-context';
export { CALL_CHANNEL, REPOSITORY_CHANNEL } from './tracing/channels';
export type { ProtocolKind, TlsOptions, TransportKind } from './transport/channel-options';
