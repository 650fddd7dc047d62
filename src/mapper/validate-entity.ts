import { indexesOf } from './indexes/index-metadata';
import type { EntityClass } from './metadata/entity-metadata';
import { entityMetadata } from './metadata/resolve-entity';

/**
 * Validates an entity declaration now, throwing `MetadataError` (naming the class and property)
 * for the first problem. Repositories do this on construction; call it in a test to catch
 * declaration mistakes without a database.
 */
export function validateEntity(entity: EntityClass): void {
  indexesOf(entityMetadata(entity));
}
