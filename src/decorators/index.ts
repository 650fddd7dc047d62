export {
  type EmbeddableClass,
  Embedded,
  type EmbeddedFieldOptions,
  type EmbeddedOptions,
} from './embedded';
export { Entity } from './entity';
export type {
  CodecFitsField,
  FieldCheck,
  FieldDecorator,
  FieldFits,
  FieldShape,
  FieldTypeMismatch,
} from './field-decorator';
export { Column, ColumnMap, Counter, RowKey, VersionColumn, Versions } from './fields';
export { type CompositeIndexOptions, Index, type IndexOptions } from './index-decorator';
export { IndexFields } from './index-fields';
export { AfterLoad, BeforeSave, type HookDecorator } from './lifecycle-hooks';
export type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  EntityOptions,
  RowKeyOptions,
  VersionColumnOptions,
  VersionsOptions,
} from './metadata-store';
export { RowKeyFields } from './row-key-fields';
