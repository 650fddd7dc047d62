import { requireOptions } from '../../client/validate';
import { requireValidateOption, type ValidateOption } from './entity-validation';

/** Options of a `Repository`, given to its constructor. */
export interface RepositoryOptions {
  /**
   * Whether `save` and `update` validate with class-validator before writing (see
   * {@link ValidateOption}); a call's own `validate` overrides it. Unset: when class-validator
   * is installed.
   */
  validate?: ValidateOption;
}

/** Options of `Repository.update()`. */
export interface UpdateOptions {
  /**
   * Whether the changes are validated with class-validator before they are written (by default
   * the repository's setting). Only the changed properties are checked (`skipMissingProperties`,
   * unless the options set it).
   */
  validate?: ValidateOption;
}

/** @internal A repository's options, checked. */
export function requireRepositoryOptions(options: unknown): RepositoryOptions {
  const o = requireOptions(options as RepositoryOptions | undefined, 'options', ['validate']);
  return { validate: requireValidateOption(o.validate, 'options.validate') };
}
