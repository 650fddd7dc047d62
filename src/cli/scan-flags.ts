import type { Command } from 'commander';
import type { ScanOptions } from '../client/scan-request';
import { type KeyEncoding, keyFromArgument } from './byte-encoding';
import { CliError } from './exit-codes';
import { integerIn } from './option-parsers';

/** @internal The range and filter flags of `scan`, `count` and `export`. */
export interface ScanFlags {
  prefix?: string;
  start?: string;
  stop?: string;
  filter?: string;
  columns?: string[];
  keyEncoding: KeyEncoding;
  batchSize: number;
}

/** @internal Adds `--prefix`, `--start`, `--stop`, `--filter` and `--batch-size`. */
export function addScanFlags(command: Command, batchSize: number): Command {
  return command
    .option('--prefix <key>', 'only rows whose key starts with this (not with --start/--stop)')
    .option('--start <key>', 'first row key (inclusive)')
    .option('--stop <key>', 'row key to stop before (exclusive)')
    .option('--filter <filter>', "a filter string in HBase's filter language, e.g. \"PrefixFilter('a')\"")
    .option('--batch-size <n>', 'rows fetched per gateway call', integerIn(1, 1_000_000), batchSize);
}

/** @internal The scan options the flags give. */
export function scanOptionsFromFlags(flags: ScanFlags): ScanOptions {
  if (flags.prefix !== undefined && (flags.start !== undefined || flags.stop !== undefined)) {
    throw CliError.usage('--prefix: not with --start or --stop (a prefix is a range of its own)');
  }
  const options: ScanOptions = { batchSize: flags.batchSize };
  if (flags.prefix !== undefined)
    options.rowPrefix = keyFromArgument(flags.prefix, flags.keyEncoding, '--prefix');
  if (flags.start !== undefined)
    options.rowStart = keyFromArgument(flags.start, flags.keyEncoding, '--start');
  if (flags.stop !== undefined) options.rowStop = keyFromArgument(flags.stop, flags.keyEncoding, '--stop');
  if (flags.filter !== undefined) options.filter = flags.filter;
  if (flags.columns !== undefined) options.columns = flags.columns;
  return options;
}
