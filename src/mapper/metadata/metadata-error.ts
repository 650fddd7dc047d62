import { HBaseError } from '../../client/errors/hbase-error';

/**
 * An entity declaration is invalid. Raised when the entity is first used (or validated), naming
 * the class and, where it applies, the property.
 */
export class MetadataError extends HBaseError {
  /** The entity class name. */
  readonly entity: string;
  /** The property at fault, if one is. */
  readonly property: string | undefined;

  constructor(entity: string, property: string | undefined, problem: string) {
    super(`${property === undefined ? entity : `${entity}.${property}`}: ${problem}`);
    this.entity = entity;
    this.property = property;
  }

  /** The class has no `@Entity` (nor a schema from `defineEntity`). */
  static notAnEntity(entity: string): MetadataError {
    return new MetadataError(
      entity,
      undefined,
      'is not an entity: decorate it with @Entity or declare it with defineEntity',
    );
  }

  /** No field is marked as the row key. */
  static noRowKey(entity: string): MetadataError {
    return new MetadataError(entity, undefined, 'has no row key: mark a field with @RowKey');
  }

  /** A field names a family the entity does not declare. */
  static undeclaredFamily(
    entity: string,
    property: string,
    family: string,
    declared: string[],
  ): MetadataError {
    return new MetadataError(
      entity,
      property,
      `uses column family "${family}", which @Entity does not declare (declared: ${declared.join(', ') || 'none'})`,
    );
  }

  /** Two fields map to the same column. */
  static duplicateColumn(entity: string, property: string, other: string, column: string): MetadataError {
    return new MetadataError(entity, property, `maps to column "${column}", which ${other} maps to already`);
  }

  /** No codec was given and the field's type does not determine one. */
  static missingCodec(entity: string, property: string, why: string): MetadataError {
    return new MetadataError(entity, property, `needs an explicit codec: ${why}`);
  }

  /** A `@Counter` field whose type (or initial value) is not a bigint. */
  static counterNotBigInt(entity: string, property: string, found: string): MetadataError {
    return new MetadataError(
      entity,
      property,
      `is a @Counter, so it must be typed bigint (counters are 64-bit); found ${found}`,
    );
  }

  /** Any other invalid declaration. */
  static invalid(entity: string, property: string | undefined, problem: string): MetadataError {
    return new MetadataError(entity, property, problem);
  }
}
