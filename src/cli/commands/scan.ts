import { Command } from 'commander';
import { NotSupportedError } from '../../client/errors';
import type { ScanVersionsOptions } from '../../client/scan-request';
import type { TimestampedRow } from '../cell-json';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { addEntityScanFlags, type EntityScanFlags, isEntityScan, prepareEntityScan } from '../entity-scan';
import { CliError } from '../exit-codes';
import { integerIn } from '../option-parsers';
import { addReadFlags, type ReadFlags } from '../read-flags';
import { RowWriter } from '../row-writer';
import { addScanFlags, type ScanFlags, scanOptionsFromFlags } from '../scan-flags';

/** @internal `scan <table>`: rows in key order (or reversed), streamed to stdout. */
export function scanCommand(): Command {
  const command = new Command('scan')
    .description('read rows in key order, streamed to stdout')
    .argument('<table>', 'table name')
    .option('--limit <n>', 'at most this many rows', integerIn(1))
    .option('--reverse', 'from the last row key to the first (Thrift2 gateways, or Thrift1 of HBase 2)')
    .option(
      '--versions <n>',
      'versions of each cell, newest first (Thrift2 gateways; default the latest)',
      integerIn(1),
    );
  addScanFlags(command, 1000);
  addReadFlags(command, { format: true });
  addEntityScanFlags(command);
  addConnectionFlags(command);
  return command.action(
    async (
      name: string,
      flags: ConnectionFlags &
        ScanFlags &
        ReadFlags &
        EntityScanFlags & { limit?: number; reverse?: boolean; versions?: number },
    ) => {
      if (isEntityScan(flags)) return withConnection(flags, await prepareEntityScan(name, flags));
      const options = scanOptionsFromFlags(flags);
      await withConnection(flags, async ({ connection, out }) => {
        const scan = {
          ...options,
          limit: flags.limit,
          reverse: flags.reverse,
          includeTimestamp: true as const,
          timestampType: 'bigint' as const,
          ...(flags.versions === undefined ? {} : { versions: flags.versions }),
        };
        // With `versions`, each column maps to its versions (cell-json.ts writes them all).
        const scanner = connection.table(name).scan(scan as ScanVersionsOptions & { includeTimestamp: true });
        const writer = new RowWriter(out, flags.format);
        try {
          for await (const [key, data] of scanner) {
            await writer.write(key, data as unknown as TimestampedRow);
            if (out.closed) break; // the reader left (`| head`): close the scanner, exit 0
          }
        } catch (error) {
          // A Thrift1 gateway cannot read versions: say which flag asked for it (exit code 1, as
          // for any gateway that cannot do what was asked; nothing was read).
          if (flags.versions !== undefined && error instanceof NotSupportedError) {
            throw new CliError(`--versions: ${error.message}`, 1, { cause: error });
          }
          throw error;
        }
        await writer.end();
      });
    },
  );
}
