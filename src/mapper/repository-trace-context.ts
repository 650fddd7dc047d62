/**
 * The operations of a `Repository` that publish on the `hbase-mapper:repository` TracingChannel:
 * its methods of the same names (`toRow` and `fromRow` make no call and are not traced).
 */
export type RepositoryOperation =
  | 'findOne'
  | 'findOneOrFail'
  | 'findMany'
  | 'findFirst'
  | 'exists'
  | 'save'
  | 'saveAll'
  | 'update'
  | 'delete'
  | 'increment'
  | 'scan'
  | 'page'
  | 'count'
  | 'raw';

/**
 * What one repository operation publishes on the `hbase-mapper:repository` TracingChannel
 * (`REPOSITORY_CHANNEL`): the same object at `start`, `end`, `asyncStart`, `asyncEnd` and `error`.
 *
 * The gateway calls the operation makes (`hbase-mapper:call`) run inside it: a store bound to
 * this channel's `start` (`tracingChannel(REPOSITORY_CHANNEL).start.bindStore(storage, ...)`) is
 * the store of those calls too, which is how a subscriber nests them under the operation.
 *
 * - Promise operations (`findOne`, `save`, `count`, `page`...) are traced as `tracePromise` traces
 *   a promise: from the call to the settled promise. `findOneOrFail` wraps a `findOne`, which is
 *   traced inside it.
 * - `scan` is traced per iteration: the operation starts at the first `next()` (a `for await`
 *   starting), ends (`end`) when that first `next()` returns its promise, and completes
 *   (`asyncStart`, `asyncEnd`, after `error` on a failure) when the iteration does: the last row
 *   handed out, `return()` (a `break` out of `for await`), or the failure. Every pull of the
 *   iteration runs in the context of its first, so the calls of later batches nest under the
 *   operation too. An iterator dropped without `return()` never completes its operation.
 *
 * Nothing is built or published when nobody subscribes. The fields are stable API, as
 * `CallTraceContext`'s are.
 */
export interface RepositoryTraceContext {
  /** The entity class's name (e.g. `User`). */
  readonly entity: string;
  /** The entity's table, as declared (without the connection's table prefix). */
  readonly table: string;
  /** The repository method. */
  readonly operation: RepositoryOperation;
  /** The error the operation failed with, set before `error` is published. */
  error?: unknown;
  /**
   * What a promise operation resolved with, set before `asyncStart` (entities: user data, which a
   * subscriber should not record); unset for `scan`.
   */
  result?: unknown;
}
