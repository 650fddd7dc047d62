import { Command, Option } from 'commander';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';

/** @internal `tables`: the table names, one a line (`--format json`: a JSON array). */
export function tablesCommand(): Command {
  const command = new Command('tables')
    .description('list the tables (without the table prefix; with one, only the tables that carry it)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addConnectionFlags(command);
  return command.action(async (flags: ConnectionFlags & { format: 'text' | 'json' }) => {
    await withConnection(flags, async ({ connection, out }) => {
      const names = await connection.tables();
      await out.write(
        flags.format === 'json' ? `${JSON.stringify(names)}\n` : names.map((name) => `${name}\n`).join(''),
      );
    });
  });
}
