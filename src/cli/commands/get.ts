import { Command } from 'commander';
import type { RowDataWithTimestamps } from '../../client/row-data';
import { keyFromArgument } from '../byte-encoding';
import { rowToJson } from '../cell-json';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { CliError } from '../exit-codes';
import { addReadFlags, type ReadFlags } from '../read-flags';
import { RowWriter } from '../row-writer';

/** @internal `get <table> <row>`: one row's cells with their timestamps; exit code 1 if there is none. */
export function getCommand(): Command {
  const command = new Command('get')
    .description('read one row (exit code 1 when the row has no cells)')
    .argument('<table>', 'table name')
    .argument('<row>', 'row key (see --key-encoding)');
  addReadFlags(command, { format: true });
  addConnectionFlags(command);
  return command.action(async (name: string, row: string, flags: ConnectionFlags & ReadFlags) => {
    const key = keyFromArgument(row, flags.keyEncoding, '<row>');
    await withConnection(flags, async ({ connection, out }) => {
      const data = (await connection.table(name).row(key, {
        columns: flags.columns,
        includeTimestamp: true,
        timestampType: 'bigint',
      })) as RowDataWithTimestamps<bigint>;
      // The key is not quoted: it may be a secret, and the caller has it.
      if (Object.keys(data).length === 0) throw new CliError('row not found');
      if (flags.format === 'json') {
        // One row: an object, not an array of one.
        await out.write(`${JSON.stringify(rowToJson(key, data), null, 2)}\n`);
      } else {
        await new RowWriter(out, flags.format).write(key, data);
      }
    });
  });
}
