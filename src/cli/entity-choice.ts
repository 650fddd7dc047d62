import type { EntityClass } from '../mapper/metadata/entity-metadata';
import { entityMetadata } from '../mapper/metadata/resolve-entity';
import { CliError } from './exit-codes';

/** @internal A repeatable option's parser (`--entities a.js --entities b.js`): the values in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/**
 * @internal The entity of `--entities` that maps `table`: the only one, or the one `--entity`
 * names when several do. Anything else is a usage error saying which flag to fix.
 */
export function chooseEntity(
  entities: readonly EntityClass[],
  table: string,
  name: string | undefined,
): EntityClass<object> {
  const onTable = entities.filter((e) => entityMetadata(e).table === table);
  const chosen = name === undefined ? onTable : onTable.filter((e) => entityMetadata(e).name === name);
  if (chosen.length === 1) return chosen[0] as EntityClass<object>;
  const names = onTable.map((e) => entityMetadata(e).name).join(', ');
  if (onTable.length === 0) throw CliError.usage(`no entity of --entities maps table ${table}`);
  if (name === undefined) {
    throw CliError.usage(`several entities map table ${table} (${names}): pick one with --entity`);
  }
  throw CliError.usage(`--entity: no entity ${name} maps table ${table} (entities of it: ${names})`);
}
