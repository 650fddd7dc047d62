import { Command } from 'commander';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';
import { addProgressFlags, type ProgressFlags } from '../progress-flags';
import { createProgressReporter } from '../progress-reporter';
import { keyEncodingOption } from '../read-flags';
import { addScanFlags, type ScanFlags, scanOptionsFromFlags } from '../scan-flags';

/**
 * Without a filter of the user's, the gateway sends one empty cell per row: the first cell of each
 * row (FirstKeyOnlyFilter) without its value (KeyOnlyFilter). A filter of the user's is used alone:
 * combined with FirstKeyOnlyFilter, a value filter would see only each row's first cell.
 */
const KEYS_ONLY = 'FirstKeyOnlyFilter() AND KeyOnlyFilter()';

/** @internal `count <table>`: counts the rows with a scan, showing its progress on stderr. */
export function countCommand(): Command {
  const command = new Command('count')
    .description('count the rows (with a scan: the gateway sends keys only), progress on stderr')
    .argument('<table>', 'table name')
    .addOption(keyEncodingOption());
  addScanFlags(command, 5000);
  addProgressFlags(command);
  addConnectionFlags(command);
  return command.action(async (name: string, flags: ConnectionFlags & ScanFlags & ProgressFlags) => {
    const options = scanOptionsFromFlags(flags);
    options.filter ??= KEYS_ONLY;
    await withConnection(flags, async ({ connection, out }) => {
      const reporter = createProgressReporter({
        label: 'count',
        mode: flags.progress,
        interval: flags.progressInterval,
        stream: process.stderr,
      });
      let rows = 0;
      let bytes = 0;
      try {
        const scanner = connection.table(name).scan({
          ...options,
          onProgress: (progress) => {
            bytes = progress.bytes;
            if (!progress.done) reporter.update({ rows: progress.rows, bytes });
          },
          progressInterval: 0,
        });
        for await (const _ of scanner) rows++;
        reporter.finish({ rows, bytes });
      } finally {
        // On a failure too: the bar's redraw timer would keep the process alive.
        reporter.stop();
      }
      await out.write(`${rows}\n`);
    });
  });
}
