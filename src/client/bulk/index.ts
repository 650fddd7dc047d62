export type { BulkDeleteOptions, BulkMutation, BulkPutOptions } from './bulk-mutation';
export { BulkWriteError } from './bulk-write-error';
export { BulkWriter, type BulkWriterSource, bulkWriter } from './bulk-writer';
export { BulkWriterClosedError } from './bulk-writer-closed-error';
export type { BulkWriterOptions } from './bulk-writer-options';
export type { BulkWriterStats } from './bulk-writer-stats';
export type { IndexRange } from './index-ranges';
