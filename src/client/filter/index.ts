export type { KeyOnlyOptions } from './cell-filters';
export type { ColumnRangeOptions } from './column-filters';
export type { DependentColumnOptions, SingleColumnValueOptions } from './column-value-filters';
export type { Comparator, ComparatorType, OperatorFor } from './comparator';
export type { CompareOperator, EqualityOperator } from './compare-operator';
export { Filter } from './filter';
