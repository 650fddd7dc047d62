import { type Command, Option } from 'commander';
import { KEY_ENCODINGS, type KeyEncoding } from './byte-encoding';
import { commaList } from './option-parsers';
import { ROW_FORMATS, type RowFormat } from './row-writer';

/** @internal The flags `get` and `scan` share. */
export interface ReadFlags {
  columns?: string[];
  format: RowFormat;
  keyEncoding: KeyEncoding;
}

/** @internal Adds `--columns`, `--format` and `--key-encoding`. */
export function addReadFlags(command: Command, options: { format: boolean }): Command {
  command
    .option('--columns <list>', 'columns or families to read, comma-separated (cf:a,cf2)', commaList)
    .addOption(keyEncodingOption());
  if (options.format) {
    command.addOption(new Option('--format <format>', 'output format').choices(ROW_FORMATS).default('table'));
  }
  return command;
}

/** @internal `--key-encoding`: how row keys given on the command line are written. */
export function keyEncodingOption(): Option {
  return new Option('--key-encoding <encoding>', 'how row keys on the command line are written')
    .choices(KEY_ENCODINGS)
    .default('utf8');
}
