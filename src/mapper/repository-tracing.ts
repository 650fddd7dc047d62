import { type TracingChannel, tracingChannel } from 'node:diagnostics_channel';
import { REPOSITORY_CHANNEL, tracingHasSubscribers } from '../client/tracing/channels';
import { EntityScan } from './entity-scan';
import type { RepositoryOperation, RepositoryTraceContext } from './repository-trace-context';
import { TracedIteration } from './traced-iteration';

const repositoryChannel: TracingChannel<unknown, object> = tracingChannel(REPOSITORY_CHANNEL);
const repositoryTraced = tracingHasSubscribers(repositoryChannel);

/** What the tracing needs of a repository. */
interface TracedRepository {
  readonly entityName: string;
  readonly tableName: string;
}

/** The operations that return a promise; `scan` returns an `EntityScan` and is traced apart. */
const PROMISE_OPERATIONS = [
  'findOne',
  'findOneOrFail',
  'findMany',
  'findFirst',
  'exists',
  'save',
  'saveAll',
  'update',
  'delete',
  'increment',
  'page',
  'count',
  'raw',
] as const satisfies readonly RepositoryOperation[];

/**
 * @internal Makes each operation of the `Repository` class publish on the
 * `hbase-mapper:repository` TracingChannel (see `RepositoryTraceContext`). The methods are wrapped
 * once, when the class is defined, so that the class body stays about what each operation does;
 * a wrapped method only asks whether anyone subscribes before running the original.
 */
export function traceRepositoryOperations(prototype: object): void {
  const methods = prototype as Record<string, (...args: unknown[]) => unknown>;
  for (const operation of PROMISE_OPERATIONS) {
    const original = methods[operation] as (this: TracedRepository, ...args: unknown[]) => Promise<unknown>;
    define(prototype, operation, function (this: TracedRepository, ...args: unknown[]) {
      if (!repositoryTraced()) return original.apply(this, args);
      return repositoryChannel.tracePromise(original, contextOf(this, operation), this, ...args);
    });
  }
  const scan = methods.scan as (this: TracedRepository, ...args: unknown[]) => EntityScan<unknown>;
  define(prototype, 'scan', function (this: TracedRepository, ...args: unknown[]) {
    // Options are validated now, outside any operation, as the scan itself does.
    const entities = scan.apply(this, args);
    return new EntityScan(() => {
      const open = () => entities[Symbol.asyncIterator]() as AsyncIterator<unknown, undefined>;
      if (!repositoryTraced()) return open();
      return new TracedIteration(repositoryChannel, contextOf(this, 'scan'), open);
    });
  });
}

function contextOf(repository: TracedRepository, operation: RepositoryOperation): RepositoryTraceContext {
  return { entity: repository.entityName, table: repository.tableName, operation };
}

/** Replaces a method as a class defines one: not enumerable. */
function define(prototype: object, name: string, method: (...args: unknown[]) => unknown): void {
  Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
}
