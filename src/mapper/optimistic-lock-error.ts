import { describeValue } from '../client/errors/describe-value';
import { HBaseError } from '../client/errors/hbase-error';

/**
 * `save` or `update` of an entity with a `@VersionColumn` found the row at another version than
 * the entity carried: another writer saved it since it was read (or created it, for a new entity).
 * Nothing of this entity was written. Read it again, reapply the change, and save again.
 */
export class OptimisticLockError extends HBaseError {
  /** The entity class name. */
  readonly entity: string;
  /** The version the entity carried: `undefined` for a new entity (the row was to be absent). */
  readonly expectedVersion: number | undefined;

  constructor(entity: string, key: Buffer, expectedVersion: number | undefined) {
    super(
      `${entity} ${describeValue(key.toString('latin1'))} was changed by another writer: ` +
        (expectedVersion === undefined
          ? 'it exists already, and this one was new'
          : `it is no longer at version ${expectedVersion}`) +
        '; nothing was written',
    );
    this.entity = entity;
    this.expectedVersion = expectedVersion;
  }
}
