import { InvalidArgumentError } from '../../client/errors';
import { requireOptions } from '../../client/validate';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { beforeSave } from './entity-hooks';
import {
  asEntityInstance,
  changesAsEntity,
  requireValidateOption,
  type ValidateOption,
  validateEntities,
  validationOf,
} from './entity-validation';

/**
 * @internal What `save` does with its entities before encoding any: checks that each is an
 * object, runs every entity's `@BeforeSave` hooks (in list order), then validates them all with
 * class-validator (see `RepositoryOptions.validate`): a plain object as an instance of the class
 * holding its properties (see `asEntityInstance`). Hooks run first so that what they set is
 * validated. Whatever throws here rejects the save before anything is sent.
 */
export async function prepareSave(
  meta: EntityMetadata,
  entities: unknown,
  repository: ValidateOption | undefined,
  call: unknown,
): Promise<void> {
  const validation = validationOf(
    repository,
    requireValidateOption(call, 'options.validate'),
    'options.validate',
  );
  const many = Array.isArray(entities);
  const list: unknown[] = many ? entities : [entities];
  const named = list.map((entity, i) => {
    const argument = many ? `entities[${i}]` : 'entity';
    if (typeof entity !== 'object' || entity === null) {
      throw new InvalidArgumentError(argument, `a ${meta.name}`, entity);
    }
    return { entity, argument };
  });
  for (const { entity } of named) {
    const pending = beforeSave(meta, entity);
    if (pending !== undefined) await pending;
  }
  await validateEntities(
    meta,
    named.map(({ entity, argument }) => ({ entity: asEntityInstance(meta, entity), argument })),
    validation,
  );
}

/**
 * @internal What `update` does with its changes before encoding them: validates them as an
 * entity holding only the changes (see `changesAsEntity`). `changes` already holds the key fields.
 */
export async function prepareUpdate(
  meta: EntityMetadata,
  changes: Record<string, unknown>,
  repository: ValidateOption | undefined,
  options: unknown,
): Promise<void> {
  const o = requireOptions(options as { validate?: unknown } | undefined, 'options', ['validate']);
  const validation = validationOf(
    repository,
    requireValidateOption(o.validate, 'options.validate'),
    'options.validate',
  );
  if (!validation) return;
  await validateEntities(
    meta,
    [{ entity: changesAsEntity(meta, changes), argument: 'changes' }],
    validation,
    {
      skipMissingProperties: true,
    },
  );
}
