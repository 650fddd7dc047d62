import { Command } from 'commander';
import type { RowDataWithTimestamps } from '../../client/row-data';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { addEntityScanFlags, type EntityScanFlags, isEntityScan, prepareEntityScan } from '../entity-scan';
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
    .option('--reverse', 'from the last row key to the first (Thrift2 gateways, or Thrift1 of HBase 2)');
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
        EntityScanFlags & { limit?: number; reverse?: boolean },
    ) => {
      if (isEntityScan(flags)) return withConnection(flags, await prepareEntityScan(name, flags));
      const options = scanOptionsFromFlags(flags);
      await withConnection(flags, async ({ connection, out }) => {
        const scanner = connection.table(name).scan({
          ...options,
          limit: flags.limit,
          reverse: flags.reverse,
          includeTimestamp: true,
          timestampType: 'bigint',
        });
        const writer = new RowWriter(out, flags.format);
        for await (const [key, data] of scanner) {
          await writer.write(key, data as RowDataWithTimestamps<bigint>);
          if (out.closed) break; // the reader left (`| head`): close the scanner, exit 0
        }
        await writer.end();
      });
    },
  );
}
