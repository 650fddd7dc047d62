import type { Logger } from '@nestjs/common';
import { Connection } from '../client/connection';
import { ConnectionPool, type ConnectionPoolOptions } from '../client/connection-pool';
import { InvalidArgumentError } from '../client/errors';
import { optionalBoolean, requirePlainObject } from '../client/validate';
import { requireValidateOption } from '../mapper/lifecycle/entity-validation';
import type { EntityClass } from '../mapper/metadata/entity-metadata';
import { syncSchema } from '../mapper/schema-sync';
import { setRepositoryDefaults } from './repository-defaults';
import { resolveStartUpRetries, withStartUpRetries } from './start-up-retries';

/**
 * @internal Builds a connection's pool from its options and, with `synchronize`, creates the
 * entities' tables before the pool is handed to anyone. `forFeature` gives the entities its
 * modules register on this connection (added with `autoLoadEntities`).
 *
 * Synchronisation is the only start-up work that reaches HBase (connections otherwise open
 * lazily), so it is what `retryAttempts`/`retryDelay` retry. It uses a connection of its own,
 * closed right after (after a failed attempt too): the pool then holds no socket until the app
 * uses it, so a start-up that fails later (Nest runs no shutdown hook then) leaves nothing open
 * that would keep the process alive.
 */
export async function openPool(
  options: unknown,
  name: string,
  logger: Logger,
  forFeature: () => readonly EntityClass[],
): Promise<ConnectionPool> {
  const { entities, synchronize, autoLoadEntities, retryAttempts, retryDelay, validate, ...poolOptions } =
    requirePlainObject(options, `options of HBase connection "${name}"`);
  const repositoryOptions = { validate: requireValidateOption(validate, 'options.validate') };
  const declared = optionalEntities(entities);
  const sync = optionalBoolean(synchronize, 'options.synchronize') ?? false;
  const autoLoad = optionalBoolean(autoLoadEntities, 'options.autoLoadEntities') ?? false;
  const retries = resolveStartUpRetries(retryAttempts, retryDelay);
  // The pool validates its own options, naming any that is wrong.
  const pool = new ConnectionPool(poolOptions as unknown as ConnectionPoolOptions);
  setRepositoryDefaults(pool, repositoryOptions);
  const syncEntities = autoLoad ? [...new Set([...declared, ...forFeature()])] : declared;
  if (!sync || syncEntities.length === 0) return pool;
  const { size: _size, ...connectionOptions } = poolOptions;
  const report = await withStartUpRetries(
    () => Connection.using(connectionOptions, (connection) => syncSchema(connection, syncEntities)),
    retries,
    name,
    logger,
  );
  if (report.created.length > 0) {
    logger.log(`connection "${name}": created tables ${report.created.join(', ')}`);
  }
  for (const d of report.differences) {
    // Without alter, syncSchema never changes an existing table: say what the app should fix.
    const detail =
      d.problem === 'missing family'
        ? 'family is missing'
        : `${d.setting} is ${String(d.actual)} in HBase, declared ${String(d.expected)}`;
    logger.warn(`connection "${name}": table ${d.table}, family ${d.family}: ${detail}`);
  }
  return pool;
}

function optionalEntities(entities: unknown): readonly EntityClass[] {
  if (entities === undefined) return [];
  if (!Array.isArray(entities) || entities.some((entity) => typeof entity !== 'function')) {
    throw new InvalidArgumentError('options.entities', 'an array of entity classes', entities);
  }
  return entities;
}
