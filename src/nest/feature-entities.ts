import type { DiscoveryService } from '@nestjs/core';
import type { EntityClass } from '../mapper/metadata/entity-metadata';

/**
 * The entity and connection behind each repository token that `forFeature` has provided. Keyed by
 * token rather than kept as one list per connection name (as @nestjs/typeorm does): an app then
 * loads the entities of its own `forFeature` modules only, however many apps (test modules, say)
 * the process has built before.
 */
const features = new Map<symbol, { entity: EntityClass; connection: string }>();

/** @internal Records what a `forFeature` repository token stands for. */
export function registerFeatureEntity(token: symbol, entity: EntityClass, connection: string): void {
  features.set(token, { entity, connection });
}

/**
 * @internal The entities that the app's `forFeature` modules register on `connection`, found among
 * the app's providers (every module is known before any provider is built).
 */
export function featureEntities(discovery: DiscoveryService, connection: string): EntityClass[] {
  const found = new Set<EntityClass>();
  for (const wrapper of discovery.getProviders()) {
    const feature = typeof wrapper.token === 'symbol' ? features.get(wrapper.token) : undefined;
    if (feature?.connection === connection) found.add(feature.entity);
  }
  return [...found];
}
