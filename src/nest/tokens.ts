import { ConnectionPool } from '../client/connection-pool';
import { InvalidArgumentError } from '../client/errors';
import type { EntityClass } from '../mapper/metadata/entity-metadata';

/** The name of the connection that `forRoot`/`forFeature` configure when no `name` is given. */
export const DEFAULT_CONNECTION_NAME = 'default';

/** @internal Checks a connection name, which becomes part of injection tokens. */
export function resolveConnectionName(name: unknown, argument: string): string {
  if (name === undefined) return DEFAULT_CONNECTION_NAME;
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidArgumentError(argument, 'a non-empty string', name);
  }
  return name;
}

/**
 * The injection token of a named connection's `ConnectionPool`: the `ConnectionPool` class
 * itself for the default connection (so `constructor(private readonly pool: ConnectionPool)` works
 * without a decorator), a string for the others.
 *
 * @example
 * ```ts
 * const pool = app.get<ConnectionPool>(getConnectionPoolToken('analytics'));
 * ```
 */
export function getConnectionPoolToken(name?: string): typeof ConnectionPool | string {
  const resolved = resolveConnectionName(name, 'name');
  return resolved === DEFAULT_CONNECTION_NAME ? ConnectionPool : `HBaseConnectionPool:${resolved}`;
}

// One symbol per (entity, connection): class names alone could collide (two `User` classes in two
// modules), and the same symbol must come back on every call for `overrideProvider` to match.
const repositoryTokens = new WeakMap<EntityClass, Map<string, symbol>>();
// Nest identifies a dynamic module by a hash of its serialised metadata, where a symbol counts by
// its description: two `forFeature([User])` of two different `User` classes would be merged into
// one module (losing a repository) if their tokens were described alike.
const descriptions = new Map<string, number>();

function uniqueDescription(description: string): string {
  const seen = descriptions.get(description) ?? 0;
  descriptions.set(description, seen + 1);
  return seen === 0 ? description : `${description}#${seen + 1}`;
}

/**
 * The injection token of the `Repository` of `entity` on a connection (default: the default
 * connection). Use it to replace a repository in tests, or to fetch one with `app.get()`.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
 *   .overrideProvider(getRepositoryToken(User))
 *   .useValue({ findOne: async () => fakeUser })
 *   .compile();
 * ```
 */
export function getRepositoryToken(entity: EntityClass, name?: string): symbol {
  if (typeof entity !== 'function') throw new InvalidArgumentError('entity', 'an entity class', entity);
  const connection = resolveConnectionName(name, 'name');
  let byConnection = repositoryTokens.get(entity);
  if (!byConnection) {
    byConnection = new Map();
    repositoryTokens.set(entity, byConnection);
  }
  let token = byConnection.get(connection);
  if (!token) {
    const suffix = connection === DEFAULT_CONNECTION_NAME ? '' : `@${connection}`;
    token = Symbol(uniqueDescription(`Repository<${entity.name}>${suffix}`));
    byConnection.set(connection, token);
  }
  return token;
}

/**
 * @internal The token under which the global core module exports a connection's pool to the
 * repositories of `forFeature`, whatever `isGlobal` says about the public token.
 */
export function corePoolToken(name: string): string {
  return `HBaseCorePool:${name}`;
}
