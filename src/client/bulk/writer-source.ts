import { Connection } from '../connection';
import { type ConnectionPool, connectionInScope } from '../connection-pool';
import type { Table } from '../table';

/** Where a bulk writer gets its connections: a pool (one lease per batch) or one connection. */
export type BulkWriterSource = ConnectionPool | Connection;

/**
 * @internal Runs `fn` on the table `table` of a connection of `source`: a lease; inside a
 * `pool.connection()` block, the block's connection (it pipelines the batches): with every lease
 * held by such blocks (a pool of one, say), a lease per batch would wait forever for the block,
 * which waits for the batches.
 */
export function withSourceTable<T>(
  source: BulkWriterSource,
  table: string,
  fn: (table: Table) => Promise<T>,
): Promise<T> {
  if (source instanceof Connection) return fn(source.table(table));
  const inScope = connectionInScope(source);
  if (inScope !== undefined) return fn(inScope.table(table));
  return source.connection((c) => fn(c.table(table)));
}
