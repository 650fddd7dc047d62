export { Batch, type BatchOptions } from './batch';
export type { BytesLike } from './bytes';
export type { ColumnFamilyDescriptor, ColumnFamilyOptions } from './column-family';
export type { ColumnValues } from './columns';
export { Connection } from './connection';
export type { Compat, ConnectionOptions, GatewayApi, ServerAddress, ServerSpec } from './connection-options';
export {
  type ConnectionLease,
  ConnectionPool,
  type ConnectionPoolOptions,
  type LeaseOptions,
} from './connection-pool';
export * from './errors';
export * from './filter';
export type { RegionInfo } from './gateway/region-info';
export { RETRYABLE_METHODS, type RetryOptions } from './retry-policy';
export type { Cell, RowData, RowDataWithTimestamps, RowEntry, TimestampType } from './row-data';
export type { ScanOptions } from './scan-request';
export { Scanner } from './scanner';
export {
  type AppendOptions,
  type CellsOptions,
  type MutationOptions,
  type RowOptions,
  Table,
} from './table';
export type { ProtocolKind, TlsOptions, TransportKind } from './transport/channel-options';
