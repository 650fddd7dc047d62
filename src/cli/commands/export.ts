import { Command } from 'commander';
import type { ScanVersionsOptions } from '../../client/scan-request';
import { rowToJson, type TimestampedRow } from '../cell-json';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { EXPORT_FORMAT, type ExportHeader } from '../export-format';
import { openOutputFile } from '../file-streams';
import { integerIn } from '../option-parsers';
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
    .option(
      '--versions <n>',
      'versions of each cell to export (Thrift2 gateways; default the latest)',
      integerIn(1),
    )
    .addOption(keyEncodingOption());
  addScanFlags(command, 1000);
  addProgressFlags(command);
  addConnectionFlags(command);
  return command.action(
    async (
      name: string,
      flags: ConnectionFlags & ScanFlags & ProgressFlags & { out: string; versions?: number },
    ) => {
      const options = scanOptionsFromFlags(flags);
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
        const reporter = createProgressReporter({
          label: 'export',
          mode: flags.progress,
          interval: flags.progressInterval,
          stream: process.stderr,
        });
        const file = openOutputFile(flags.out);
        const out = new Output(file.stream);
        let rows = 0;
        let bytes = 0;
        const write = async (text: string) => {
          bytes += Buffer.byteLength(text);
          await out.write(text);
        };
        try {
          await write(`${JSON.stringify(header)}\n`);
          const scan: ScanVersionsOptions | typeof options = {
            ...options,
            includeTimestamp: true,
            timestampType: 'bigint',
            ...(flags.versions === undefined ? {} : { versions: flags.versions }),
          };
          for await (const [key, data] of table.scan(
            scan as ScanVersionsOptions & { includeTimestamp: true },
          )) {
            await write(`${JSON.stringify(rowToJson(key, data as unknown as TimestampedRow))}\n`);
            rows++;
            if (rows % 256 === 0) reporter.update({ rows, bytes });
          }
        } finally {
          await file.close();
        }
        reporter.finish({ rows, bytes });
      });
    },
  );
}
