import { HBaseError } from '../../client/errors/hbase-error';

/** One property of one entity that failed validation. */
export interface EntityValidationFailure {
  /** The entity, as the call's argument names it: `entity`, `entities[2]` or `changes`. */
  argument: string;
  /** The property path in the entity: `email`, or `address.city` inside a value object. */
  property: string;
  /** The names of the constraints it failed (`isEmail`, `maxLength`): never the value. */
  constraints: string[];
}

/**
 * class-validator refused one or more entities of a `save` (or the changes of an `update`):
 * nothing of the call was written. The error lists each property and the constraints it failed
 * (their names, never the values nor the constraints' messages, which may quote values).
 */
export class EntityValidationError extends HBaseError {
  /** The entity class's name. */
  readonly entity: string;
  /** Every failing property of every entity of the call. */
  readonly failures: readonly EntityValidationFailure[];

  constructor(entity: string, failures: readonly EntityValidationFailure[]) {
    const shown = failures
      .slice(0, MAX_SHOWN)
      .map((f) => `${f.argument}.${f.property} (${f.constraints.join(', ')})`);
    const more = failures.length > MAX_SHOWN ? `, and ${failures.length - MAX_SHOWN} more` : '';
    super(`${entity} failed validation, nothing was written: ${shown.join('; ')}${more}`);
    this.entity = entity;
    this.failures = failures;
  }
}

const MAX_SHOWN = 10;
