import { Connection } from '../client/connection';
import { ConnectionPool } from '../client/connection-pool';
import { InvalidArgumentError } from '../client/errors';
import type { Table } from '../client/table';

/** Where a repository gets its connections: a pool (recommended for services) or one connection. */
export type ConnectionSource = ConnectionPool | Connection;

/** @internal Runs `fn` with the named table on a connection from `source`. */
export function withTable<T>(
  source: ConnectionSource,
  table: string,
  fn: (table: Table) => Promise<T>,
): Promise<T> {
  if (source instanceof ConnectionPool) return source.connection((connection) => fn(connection.table(table)));
  return fn(source.table(table));
}

/** @internal Checks that `source` is a pool or a connection. */
export function requireConnectionSource(source: unknown): ConnectionSource {
  if (source instanceof ConnectionPool || source instanceof Connection) return source;
  throw new InvalidArgumentError('source', 'a ConnectionPool or a Connection', source);
}
