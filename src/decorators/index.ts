export type { FieldDecorator } from './decorator-support';
export { Entity } from './entity';
export { Column, ColumnMap, Counter, RowKey, Versions } from './fields';
export type {
  ColumnMapOptions,
  ColumnOptions,
  CounterOptions,
  EntityOptions,
  RowKeyOptions,
  VersionsOptions,
} from './metadata-store';
