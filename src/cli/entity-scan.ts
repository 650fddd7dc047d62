import type { Command } from 'commander';
import { InvalidArgumentError } from '../client/errors';
import { entityMetadata } from '../mapper/metadata/resolve-entity';
import { Repository } from '../mapper/repository';
import { keyFromArgument } from './byte-encoding';
import type { CommandContext } from './context';
import { chooseEntity, collect } from './entity-choice';
import { loadEntities } from './entity-loader';
import { CliError } from './exit-codes';
import type { ScanFlags } from './scan-flags';
import { whereFromJson } from './where-json';

/** @internal The flags of `scan` that read entities instead of rows. */
export interface EntityScanFlags {
  entities?: string[];
  entity?: string;
  where?: string;
}

/** @internal Adds `--entities`, `--entity` and `--where`. */
export function addEntityScanFlags(command: Command): Command {
  return command
    .option(
      '--entities <module>',
      'read entities of a compiled module exporting entity classes (repeatable)',
      collect,
    )
    .option('--entity <name>', 'with --entities: the entity class of the table (when several map to it)')
    .option(
      '--where <json>',
      'with --entities: conditions on fields, e.g. \'{"plan":"pro","age":{"gte":18}}\'',
    );
}

/** @internal Whether the flags ask for an entity scan. */
export function isEntityScan(flags: EntityScanFlags): boolean {
  return flags.entities !== undefined || flags.entity !== undefined || flags.where !== undefined;
}

/**
 * @internal `scan <table> --entities <module> [--entity <Name>] [--where <json>]`: the entities of
 * the table (the one entity of the modules mapped to it, or the one named), filtered on the
 * server by the `where`, written to stdout as JSON lines (bigints as strings, bytes as base64).
 */
export async function prepareEntityScan(
  table: string,
  flags: EntityScanFlags & ScanFlags & { limit?: number; reverse?: boolean; columns?: string[] },
): Promise<(context: CommandContext) => Promise<void>> {
  if (flags.entities === undefined) throw CliError.usage('--entity and --where need --entities <module>');
  if (flags.columns !== undefined) {
    throw CliError.usage('--columns: not with --entities (entities are read whole; filter with --where)');
  }
  const entity = chooseEntity(await loadEntities(flags.entities), table, flags.entity);
  const where = flags.where === undefined ? undefined : whereFromJson(entityMetadata(entity), flags.where);
  return async ({ connection, out }) => {
    const repository = new Repository(entity, connection);
    const options: Record<string, unknown> = { batchSize: flags.batchSize };
    if (where !== undefined) options.where = where;
    if (flags.limit !== undefined) options.limit = flags.limit;
    if (flags.reverse) options.reverse = true;
    if (flags.filter !== undefined) options.filter = flags.filter;
    if (flags.prefix !== undefined)
      options.prefix = keyFromArgument(flags.prefix, flags.keyEncoding, '--prefix');
    if (flags.start !== undefined) options.start = flags.start;
    if (flags.stop !== undefined) options.stop = flags.stop;
    let scan: AsyncIterable<object>;
    try {
      scan = repository.scan(options as never);
    } catch (error) {
      // Bad conditions are usage errors, named as the flag (`--where.age`).
      if (error instanceof InvalidArgumentError) {
        throw CliError.usage(error.message.replace(/options\.where/g, '--where').replace(/options\./g, '--'));
      }
      throw error;
    }
    for await (const item of scan) {
      await out.write(`${JSON.stringify(item, jsonValue)}\n`);
      if (out.closed) break; // the reader left (`| head`)
    }
  };
}

/** JSON for entity values: bigints as strings, bytes as base64, Maps as objects. */
function jsonValue(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer') {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}
