import type { ConnectionPool } from '../client/connection-pool';
import type { RepositoryOptions } from '../mapper/lifecycle/repository-options';

// The options of a connection that its `forFeature` repositories take, kept beside its pool: the
// repositories' factories are given the pool alone (the module's public injection tokens stay as
// they are).
const byPool = new WeakMap<ConnectionPool, RepositoryOptions>();

/** @internal Records what the repositories of a connection's pool are built with. */
export function setRepositoryDefaults(pool: ConnectionPool, options: RepositoryOptions): void {
  byPool.set(pool, options);
}

/** @internal What the repositories of a connection's pool are built with. */
export function repositoryDefaults(pool: ConnectionPool): RepositoryOptions {
  return byPool.get(pool) ?? {};
}
