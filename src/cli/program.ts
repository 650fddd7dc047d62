import { Command } from 'commander';
import { countCommand } from './commands/count';
import { describeCommand } from './commands/describe';
import { exportCommand } from './commands/export';
import { getCommand } from './commands/get';
import { importCommand } from './commands/import';
import { indexCommand } from './commands/index-command';
import { localCommand } from './commands/local';
import { scanCommand } from './commands/scan';
import { schemaCommand } from './commands/schema';
import { tablesCommand } from './commands/tables';
import { packageVersion } from './package-version';

/**
 * @internal The `hbase-mapper` command with its subcommands. `exitOverride` makes commander throw
 * instead of exiting, so that `run` chooses the exit code (2 for usage errors, where commander
 * would say 1) and closes what is open.
 */
export function buildProgram(): Command {
  const program = new Command('hbase-mapper')
    .description('HBase from the command line, over its Thrift gateways (hbase-mapper)')
    .version(packageVersion(), '-V, --version')
    .option('-v, --verbose', 'on failure, print the error in full (stack and causes)')
    .option('--debug', 'the same as --verbose')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  // Subcommands made with `new Command` inherit nothing: give each the settings above.
  for (const command of [
    localCommand(),
    tablesCommand(),
    describeCommand(),
    getCommand(),
    scanCommand(),
    countCommand(),
    exportCommand(),
    importCommand(),
    schemaCommand(),
    indexCommand(),
  ]) {
    program.addCommand(inherit(command));
  }
  return program;
}

function inherit(command: Command): Command {
  command.exitOverride().showHelpAfterError('(add --help for usage)');
  for (const sub of command.commands) inherit(sub);
  return command;
}
