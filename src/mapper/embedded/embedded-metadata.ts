import type { ColumnMapping } from '../metadata/entity-metadata';

/**
 * @internal One column of an `@Embedded` value object. `property` is its path from the entity
 * joined by dots (`address.city`), which names it in messages and, for typed queries, in `where`.
 */
export interface EmbeddedColumnMapping extends ColumnMapping {
  /** The property path from the entity: `['address', 'city']`. */
  path: readonly string[];
  /** The field's name in its value object (`city`). */
  field: string;
}

/** @internal An `@Embedded` field: a value object whose fields map to columns. */
export interface EmbeddedMapping {
  /** The field's name in its owner (the entity, or the value object holding a nested one). */
  property: string;
  /** The property path from the entity (`['order', 'address']` for a nested value object). */
  path: readonly string[];
  /** The value object's class, instantiated on reads. */
  target: Function;
  /** The value object's own columns. */
  columns: EmbeddedColumnMapping[];
  /** Its nested value objects. */
  nested: EmbeddedMapping[];
  /** Every column under it, nested value objects' included. */
  leaves: EmbeddedColumnMapping[];
}
