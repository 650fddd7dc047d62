import { Command } from 'commander';
import { indexesOf } from '../../mapper/indexes/index-metadata';
import { entityMetadata } from '../../mapper/metadata/resolve-entity';
import { Repository } from '../../mapper/repository';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { chooseEntity, collect } from '../entity-choice';
import { loadEntities } from '../entity-loader';
import { CliError, EXIT } from '../exit-codes';

interface IndexFlags extends ConnectionFlags {
  entities: string[];
  entity?: string;
  index?: string;
}

/**
 * @internal `index verify|rebuild <table> --entities <module> [--entity <Name>] [--index <name>]`:
 * runs `verify()` or `rebuild()` of the entity's indexes (all, or one), printing one JSON report
 * per index on stdout. `verify` exits 1 when an index is inconsistent, so a script can act on it.
 */
export function indexCommand(): Command {
  const index = new Command('index').description(
    'check (verify) or rebuild the secondary indexes (@Index) of an entity against its table',
  );
  for (const action of ['verify', 'rebuild'] as const) {
    const command = index
      .command(`${action} <table>`)
      .description(
        action === 'verify'
          ? 'report stale and missing index entries (changes nothing; exit 1 if any)'
          : 'write every entity’s index entries and remove stale ones',
      )
      .requiredOption(
        '--entities <module>',
        'a compiled module exporting entity classes (repeatable)',
        collect,
      )
      .option('--entity <name>', 'the entity class, when several map the table')
      .option('--index <name>', 'only this index (default: every index of the entity)');
    addConnectionFlags(command).action(async (table: string, flags: IndexFlags) => {
      const entity = chooseEntity(await loadEntities(flags.entities), table, flags.entity);
      const names = indexesOf(entityMetadata(entity)).map((i) => i.name);
      if (flags.index !== undefined && !names.includes(flags.index)) {
        throw CliError.usage(`--index: the entity has no such index (it has: ${names.join(', ') || 'none'})`);
      }
      if (names.length === 0) throw CliError.usage('the entity declares no @Index');
      let inconsistent = false;
      await withConnection(flags, async ({ connection, out }) => {
        const repository = new Repository(entity, connection);
        for (const name of flags.index === undefined ? names : [flags.index]) {
          process.stderr.write(`index: ${action} ${name}...\n`);
          const report =
            action === 'verify'
              ? await repository.index(name).verify()
              : await repository.index(name).rebuild();
          if ('consistent' in report && !report.consistent) inconsistent = true;
          await out.write(`${JSON.stringify(report)}\n`);
        }
      });
      if (inconsistent) throw new CliError('index verify: inconsistent (run `index rebuild`)', EXIT.failed);
    });
  }
  return index;
}
