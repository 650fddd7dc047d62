import { encodeCounter } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import type { Table } from '../client/table';
import type { EntityWrites } from './entity-mapping';
import type { CounterMapping, EntityMetadata } from './metadata/entity-metadata';
import { OptimisticLockError } from './optimistic-lock-error';

/** @internal One entity's writes with the version it carried (undefined: a new entity). */
export interface VersionedWrites extends EntityWrites {
  expectedVersion: number | undefined;
}

/**
 * @internal The version an entity (or `update`'s changes) carries in its `@VersionColumn` field:
 * undefined (or null) for a new entity, else a non-negative safe integer.
 */
export function carriedVersion(
  version: CounterMapping,
  entity: Record<string, unknown>,
  argument: string,
): number | undefined {
  const value = entity[version.property];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `${argument}.${version.property}`,
      'the version read with the entity (a non-negative integer), or nothing for a new entity',
      value,
    );
  }
  return value;
}

/**
 * @internal Writes one versioned entity in one atomic `checkAndMutate`: its cells, its deletes and
 * the next version, if the row is still at the version it carried (absent, for a new entity).
 * Rejects with {@link OptimisticLockError} otherwise, having written nothing. Returns the version
 * now stored.
 */
export async function writeVersioned(
  meta: EntityMetadata,
  version: CounterMapping,
  table: Table,
  writes: VersionedWrites,
): Promise<number> {
  const { expectedVersion } = writes;
  const next = (expectedVersion ?? 0) + 1;
  const put = new Map(writes.puts);
  put.set(version.column, encodeCounter(BigInt(next)));
  const applied = await table.checkAndMutate(
    writes.key,
    {
      column: version.column,
      value: expectedVersion === undefined ? null : encodeCounter(BigInt(expectedVersion)),
    },
    writes.deletes.length > 0 ? { put, delete: writes.deletes } : { put },
  );
  if (!applied) throw new OptimisticLockError(meta.name, writes.key, expectedVersion);
  return next;
}
