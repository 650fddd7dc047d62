import { describeValue } from '../client/errors/describe-value';
import { HBaseError } from '../client/errors/hbase-error';

/**
 * `findOneOrFail` found no row for the key. The message shows the key as every message shows a
 * value the caller gave: whole when short, cut to its first characters when long (a key may be an
 * e-mail address or an account number, and messages end up in logs).
 */
export class EntityNotFoundError extends HBaseError {
  /** The entity class name. */
  readonly entity: string;

  constructor(entity: string, key: Buffer) {
    super(`${entity} not found (row key ${describeValue(key.toString('latin1'))})`);
    this.entity = entity;
  }
}
