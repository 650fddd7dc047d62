import { HBaseError } from '../client/errors/hbase-error';

/** `findOneOrFail` found no row for the key. */
export class EntityNotFoundError extends HBaseError {
  /** The entity class name. */
  readonly entity: string;

  constructor(entity: string, key: Buffer) {
    super(`${entity} not found (row key ${JSON.stringify(key.toString('latin1'))})`);
    this.entity = entity;
  }
}
