import { Command } from 'commander';
import { describeSchemaChange } from '../../mapper/schema-plan';
import { schemaDiff, syncSchema } from '../../mapper/schema-sync';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { loadEntities } from '../entity-loader';

interface SchemaFlags extends ConnectionFlags {
  entities: string[];
  dropFamilies?: boolean;
  alter?: boolean;
  dryRun?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * @internal `schema diff|sync --entities <module>`: the schema plan of the user's entities
 * (`schemaDiff`), or applying it (`syncSchema`), with the tables' progress on stderr.
 */
export function schemaCommand(): Command {
  const schema = new Command('schema').description(
    'compare the tables with the entities of your compiled modules, or create and alter them',
  );
  const diff = schema
    .command('diff')
    .description('print what `schema sync --alter` would change (changes nothing)')
    .requiredOption('--entities <module>', 'a compiled module exporting entity classes (repeatable)', collect)
    .option('--drop-families', 'include dropping the families no entity declares');
  addConnectionFlags(diff).action(async (flags: SchemaFlags) => {
    const entities = await loadEntities(flags.entities);
    await withConnection(flags, async ({ connection, out }) => {
      const plan = await schemaDiff(connection, entities, { dropFamilies: flags.dropFamilies ?? false });
      if (plan.lines.length === 0) process.stderr.write('schema: no changes\n');
      await out.write(plan.lines.map((line) => `${line}\n`).join(''));
    });
  });
  const sync = schema
    .command('sync')
    .description('create the missing tables; with --alter, also add and change families (Thrift2 gateways)')
    .requiredOption('--entities <module>', 'a compiled module exporting entity classes (repeatable)', collect)
    .option('--alter', 'also alter existing tables: add missing families, change differing settings')
    .option('--drop-families', 'with --alter: drop the families no entity declares, with their cells')
    .option('--dry-run', 'change nothing; print what would be done');
  addConnectionFlags(sync).action(async (flags: SchemaFlags) => {
    const entities = await loadEntities(flags.entities);
    await withConnection(flags, async ({ connection, out }) => {
      const report = await syncSchema(connection, entities, {
        alter: flags.alter ?? false,
        dropFamilies: flags.dropFamilies ?? false,
        dryRun: flags.dryRun ?? false,
        onProgress: (p) =>
          process.stderr.write(`schema: ${p.table} ${p.outcome} (${p.tablesDone}/${p.tablesTotal})\n`),
      });
      let text = report.changes.map((change) => `${describeSchemaChange(change)}\n`).join('');
      for (const d of report.differences) {
        text +=
          d.problem === 'missing family'
            ? `differs: ${d.table}:${d.family} is missing (--alter adds it)\n`
            : `differs: ${d.table}:${d.family} ${d.setting} is ${String(d.actual)}, declared ${String(d.expected)} (--alter changes it)\n`;
      }
      await out.write(text);
    });
  });
  return schema;
}
