export type { SaveAllOptions } from './bulk/save-all';
export { SaveAllError } from './bulk/save-all-error';
export type { ConnectionSource } from './connection-source';
export {
  type CheckedEntitySchema,
  type CheckedSchemaGroup,
  defineEntity,
  type EntitySchema,
} from './define-entity';
export { defineEmbeddable, type EmbeddableSchema } from './embedded/define-embeddable';
export type {
  CounterField,
  DeclaredKeyFields,
  EntityChanges,
  KeyFieldName,
  KeyInput,
  KeyObject,
  KeyPrefix,
  KeyTuple,
  UndeclaredKey,
} from './entity-key';
export type { DecodeErrorHandler, DecodeFailure } from './entity-mapping';
export { EntityNotFoundError } from './entity-not-found-error';
export { EntityScan } from './entity-scan';
export {
  type DeclaredIndexFields,
  type DefaultIndexes,
  EntityIndex,
  type IndexFindOptions,
  type IndexLookups,
  type IndexScanOptions,
  type LeadingValues,
  type UndeclaredIndexName,
} from './indexes/entity-index';
export type { IndexValue } from './indexes/index-bounds';
export type { IndexRebuildReport, IndexVerifyReport } from './indexes/index-maintenance';
export type { ClassValidatorOptions, ValidateOption } from './lifecycle/entity-validation';
export { EntityValidationError, type EntityValidationFailure } from './lifecycle/entity-validation-error';
export type { RepositoryOptions, UpdateOptions } from './lifecycle/repository-options';
export type { EntityClass } from './metadata/entity-metadata';
export { MetadataError } from './metadata/metadata-error';
export { OptimisticLockError } from './optimistic-lock-error';
export * from './query';
export {
  type DeleteOptions,
  type EntityScanOptions,
  type FindOptions,
  type Page,
  Repository,
  type SaveOptions,
} from './repository';
export type { RepositoryOperation, RepositoryTraceContext } from './repository-trace-context';
export { type EntityRow, type FromRowOptions, fromRow, toRow } from './row-conversion';
export { describeSchemaChange, type SchemaChange } from './schema-plan';
export type { SchemaProgress, SchemaProgressCallback } from './schema-progress';
export {
  type SchemaDifference,
  type SchemaPlan,
  type SchemaReport,
  type SyncSchemaOptions,
  schemaDiff,
  syncSchema,
} from './schema-sync';
export { validateEntity } from './validate-entity';
