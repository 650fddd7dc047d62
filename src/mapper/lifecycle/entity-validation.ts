import { InvalidArgumentError } from '../../client/errors';
import type { EmbeddedMapping } from '../embedded/embedded-metadata';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { type ClassValidatorModule, classValidator, type ValidationErrorLike } from './class-validator-peer';
import { EntityValidationError, type EntityValidationFailure } from './entity-validation-error';

/**
 * class-validator's `ValidatorOptions`, handed to its `validate()` as they are (typed loosely here:
 * class-validator is an optional peer). The common ones are listed.
 */
export interface ClassValidatorOptions {
  /** Validate only the constraints of these groups. */
  groups?: string[];
  /** Skip the constraints of properties that are `null` or `undefined`. */
  skipMissingProperties?: boolean;
  /**
   * Refused (an `InvalidArgumentError`): class-validator's whitelist deletes every property without
   * a validation decorator from the object it validates: the entity's mapped fields too.
   */
  whitelist?: false;
  /** Refused, as `whitelist` (it only applies with it). */
  forbidNonWhitelisted?: false;
  /** Stop at the first failing constraint of each property. */
  stopAtFirstError?: boolean;
  /** Any other option of class-validator's `ValidatorOptions`. */
  [option: string]: unknown;
}

/**
 * Whether entities are validated with class-validator before they are written:
 * - `true`: validate (class-validator must then be installed);
 * - `false`: never;
 * - options: validate with these class-validator options.
 * Unset, entities are validated when class-validator is installed (and left alone otherwise).
 */
export type ValidateOption = boolean | ClassValidatorOptions;

/** class-validator options that delete properties of the validated object: mapped fields too. */
const STRIPPING = ['whitelist', 'forbidNonWhitelisted'] as const;

/** @internal A repository's or a call's `validate`, checked. */
export function requireValidateOption(value: unknown, argument: string): ValidateOption | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const option of STRIPPING) {
      const given = (value as Record<string, unknown>)[option];
      if (given !== undefined && given !== false) {
        throw new InvalidArgumentError(
          `${argument}.${option}`,
          `no ${option}: class-validator would delete the entity's fields that carry no constraint`,
          given,
        );
      }
    }
    return value as ClassValidatorOptions;
  }
  throw new InvalidArgumentError(argument, 'true, false or class-validator options', value);
}

/** @internal What a call validates with: nothing (`undefined`), or class-validator's options. */
export interface Validation {
  options: ClassValidatorOptions;
  /** Whether the caller asked for it (then class-validator must be installed). */
  required: boolean;
}

/**
 * @internal The call's setting over the repository's (options of both merge, the call's win);
 * one that asks for validation without class-validator installed is an `InvalidArgumentError`.
 */
export function validationOf(
  repository: ValidateOption | undefined,
  call: ValidateOption | undefined,
  argument: string,
): Validation | undefined {
  const chosen = call ?? repository;
  if (chosen === false) return undefined;
  const options = {
    ...(typeof repository === 'object' ? repository : {}),
    ...(typeof call === 'object' ? call : {}),
  };
  if (chosen === undefined) return { options, required: false };
  if (!classValidator()) {
    throw new InvalidArgumentError(
      argument,
      'false, or class-validator installed (an optional peer dependency, needed to validate)',
      chosen,
    );
  }
  return { options, required: true };
}

/**
 * @internal Validates entities before anything is written: with class-validator when a setting or
 * its presence says so, only entities whose class declares constraints (a class without any would
 * otherwise fail as an "unknown value"). Every entity is validated; one that fails rejects the
 * call with {@link EntityValidationError} listing all failures.
 */
export async function validateEntities(
  meta: EntityMetadata,
  entities: ReadonlyArray<{ entity: object; argument: string }>,
  validation: Validation | undefined,
  extra: ClassValidatorOptions = {},
): Promise<void> {
  const module = validation && classValidator();
  if (!validation || !module) return;
  // Errors keep neither the entity nor the value: the mapper reports names only.
  const options: ClassValidatorOptions = {
    ...extra,
    ...validation.options,
    validationError: { target: false, value: false },
  };
  const failures: EntityValidationFailure[] = [];
  const key = JSON.stringify([
    options.groups ?? null,
    options.always === true,
    options.strictGroups === true,
  ]);
  for (const { entity, argument: at } of entities) {
    const target = Object.getPrototypeOf(entity)?.constructor;
    if (typeof target !== 'function' || !hasConstraints(module, target, options, key)) continue;
    for (const error of await module.validate(entity, options)) collect(error, '', at, failures);
  }
  if (failures.length > 0) throw new EntityValidationError(meta.name, failures);
}

/** Per class and options: whether class-validator has constraints to check (its lookup is a scan). */
const constrained = new WeakMap<Function, Map<string, boolean>>();

function hasConstraints(
  module: ClassValidatorModule,
  target: Function,
  options: ClassValidatorOptions,
  key: string,
): boolean {
  let byOptions = constrained.get(target);
  if (!byOptions) {
    byOptions = new Map();
    constrained.set(target, byOptions);
  }
  let found = byOptions.get(key);
  if (found === undefined) {
    const declared = module
      .getMetadataStorage()
      .getTargetValidationMetadatas(
        target,
        '',
        options.always === true,
        options.strictGroups === true,
        options.groups as string[] | undefined,
      );
    found = declared.length > 0;
    byOptions.set(key, found);
  }
  return found;
}

function collect(
  error: ValidationErrorLike,
  parent: string,
  argument: string,
  into: EntityValidationFailure[],
): void {
  const property = parent === '' ? String(error.property) : `${parent}.${String(error.property)}`;
  const constraints = Object.keys(error.constraints ?? {});
  if (constraints.length > 0) into.push({ argument, property, constraints });
  for (const child of error.children ?? []) collect(child, property, argument, into);
}

/**
 * @internal The object an update's changes are validated as: an entity instance holding the
 * changes (see {@link asEntityInstance}), validated with `skipMissingProperties` unless the
 * options say otherwise: what the update leaves out is not checked.
 */
export function changesAsEntity(meta: EntityMetadata, changes: Record<string, unknown>): object {
  return asEntityInstance(meta, changes);
}

/**
 * @internal The object an entity given to `save` is validated as: itself when it is an instance of
 * the entity's class whose value objects are instances too; otherwise (a plain object, or value
 * objects given as plain objects) a copy that is: class-validator finds constraints through the
 * object's class, so a plain object would pass unchecked. Instances are created with
 * `Object.create`, not the constructor: its defaults are not what the caller gave, and would be
 * validated in place of what is missing.
 */
export function asEntityInstance(meta: EntityMetadata, value: object): object {
  if (value instanceof meta.target && !hasPlainValues(value as Record<string, unknown>, meta.embedded)) {
    return value;
  }
  const entity = Object.assign(Object.create(meta.target.prototype) as object, value);
  lift(entity as Record<string, unknown>, meta.embedded);
  return entity;
}

/** Replaces value objects given as plain objects by instances of their class (copies). */
function lift(owner: Record<string, unknown>, mappings: readonly EmbeddedMapping[]): void {
  for (const mapping of mappings) {
    const value = owner[mapping.property];
    if (typeof value !== 'object' || value === null) continue;
    if (
      value instanceof mapping.target &&
      !hasPlainValues(value as Record<string, unknown>, mapping.nested)
    ) {
      continue;
    }
    const instance = Object.assign(Object.create(mapping.target.prototype) as object, value);
    owner[mapping.property] = instance;
    lift(instance as Record<string, unknown>, mapping.nested);
  }
}

function hasPlainValues(owner: Record<string, unknown>, mappings: readonly EmbeddedMapping[]): boolean {
  return mappings.some((mapping) => {
    const value = owner[mapping.property];
    if (typeof value !== 'object' || value === null) return false;
    return (
      !(value instanceof mapping.target) || hasPlainValues(value as Record<string, unknown>, mapping.nested)
    );
  });
}
