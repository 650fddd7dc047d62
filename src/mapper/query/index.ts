// The typed `where` option of repository scans: conditions, combinators and their types.
export { and, not, or, WhereGroup } from './combinators';
export {
  between,
  type ConditionOperator,
  eq,
  exists,
  FieldCondition,
  gt,
  gte,
  inList,
  lt,
  lte,
  missing,
  ne,
  type RangeOperator,
  startsWith,
} from './conditions';
export {
  type ConditionFor,
  type EmbeddedWhere,
  type IsValueObject,
  type OrderableValue,
  OrderedFields,
  type RangeAllowed,
  type Where,
  type WhereFieldName,
  type WhereFields,
  type WhereValue,
} from './where-types';
