import { Command } from 'commander';
import type { AnyRowData, RowEntry } from '../../client/row-data';
import type { ScanVersionsOptions } from '../../client/scan-request';
import { rowToJson, type TimestampedRow } from '../cell-json';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { EXPORT_FORMAT, type ExportHeader } from '../export-format';
import { openOutputFile } from '../file-streams';
import { commaList, integerIn } from '../option-parsers';
import { Output } from '../output';
import { addProgressFlags, type ProgressFlags } from '../progress-flags';
import { createProgressReporter } from '../progress-reporter';
import { keyEncodingOption } from '../read-flags';
import { addScanFlags, type ScanFlags, scanOptionsFromFlags } from '../scan-flags';

/** @internal `export <table> --out file.jsonl[.gz]`: a table's rows to a file of the export format. */
export function exportCommand(): Command {
  const command = new Command('export')
    .description('write the rows of a table to a JSON-lines file (gzip if it ends in .gz), timestamps kept')
    .argument('<table>', 'table name')
    .requiredOption('--out <file>', 'the file to write (replaced), e.g. users.jsonl or users.jsonl.gz')
    .option('--concurrency <n>', 'regions scanned at once (the file keeps key order)', integerIn(1, 64), 1)
    .option(
      '--versions <n>',
      'versions of each cell to export (Thrift2 gateways; default the latest)',
      integerIn(1),
    )
    .option('--columns <list>', 'columns or families to export, comma-separated (cf:a,cf2)', commaList)
    .addOption(keyEncodingOption());
  addScanFlags(command, 1000);
  addProgressFlags(command);
  addConnectionFlags(command);
  return command.action(
    async (
      name: string,
      flags: ConnectionFlags &
        ScanFlags &
        ProgressFlags & { out: string; versions?: number; concurrency: number },
    ) => {
      const options = scanOptionsFromFlags(flags);
      // Opened before connecting: an --out that cannot be written fails at once, nothing read.
      const file = openOutputFile(flags.out, '--out');
      const reporter = createProgressReporter({
        label: 'export',
        mode: flags.progress,
        interval: flags.progressInterval,
        stream: process.stderr,
      });
      let committed = false;
      try {
        await withConnection(flags, async ({ connection }) => {
          const table = connection.table(name);
          const families = Object.fromEntries(
            Object.values(await table.families()).map(({ name: family, ...settings }) => [family, settings]),
          );
          const header: ExportHeader = {
            format: EXPORT_FORMAT,
            version: 1,
            table: name,
            families,
            bytes: 'utf8-or-base64',
            timestamps: 'milliseconds',
            exportedAt: new Date().toISOString(),
          };
          const out = new Output(file.stream, file.describe);
          let count = 0;
          let bytes = 0;
          // Rows are gathered into chunks of ~256 kB before they reach the stream: gzip (or the
          // file) then gets few large writes instead of one small write, and wait, per row.
          let pending = '';
          const flush = async () => {
            const text = pending;
            pending = '';
            await out.write(text);
          };
          const write = async (text: string) => {
            bytes += Buffer.byteLength(text);
            pending += text;
            if (pending.length >= 256 * 1024) await flush();
          };
          await write(`${JSON.stringify(header)}\n`);
          const scan: ScanVersionsOptions | typeof options = {
            ...options,
            includeTimestamp: true,
            timestampType: 'bigint',
            ...(flags.versions === undefined ? {} : { versions: flags.versions }),
          };
          const rows: AsyncIterable<RowEntry<AnyRowData>> =
            flags.concurrency === 1
              ? table.scan(scan as ScanVersionsOptions & { includeTimestamp: true })
              : // One scanner per region, `concurrency` at once, the rows kept in key order.
                table.parallelScan({
                  ...(scan as ScanVersionsOptions & { includeTimestamp: true }),
                  parallel: flags.concurrency,
                  ordered: true,
                });
          for await (const [key, data] of rows) {
            await write(`${JSON.stringify(rowToJson(key, data as unknown as TimestampedRow))}\n`);
            count++;
            if (count % 256 === 0) reporter.update({ rows: count, bytes });
          }
          await flush();
          out.check();
          // Renamed to --out only now: an export cut off by an error leaves no file there that
          // would import as complete.
          await file.commit();
          committed = true;
          reporter.finish({ rows: count, bytes });
        });
      } finally {
        reporter.stop();
        if (!committed) await file.abort();
      }
    },
  );
}
