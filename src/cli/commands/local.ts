import { Command, InvalidArgumentError as CommanderArgumentError, Option } from 'commander';
import { cacheDirectory } from '../../testing/cache-dir';
import { gatewayUrl } from '../../testing/gateway-options';
import { GATEWAY_NAMES, type LocalGatewayName } from '../../testing/gateways';
import { readRecord, recordAlive } from '../../testing/instance-record';
import { LocalHBase } from '../../testing/local-hbase';
import { isReuseKey, REUSE_KEY_RULE } from '../../testing/reuse-key';
import { CliError } from '../exit-codes';
import { commaList } from '../option-parsers';
import { Output } from '../output';

/** `--key`: which reusable instance, as `LocalHBase.start({ reuse: key })` names it. */
const keyOption = () =>
  new Option('--key <key>', 'the name of the instance (letters, digits, ., _ and -)')
    .default('default')
    .argParser((text: string) => {
      if (!isReuseKey(text)) {
        throw new CommanderArgumentError(`Expected ${REUSE_KEY_RULE}.`);
      }
      return text;
    });

/**
 * @internal `local start|stop|status`: a local HBase for development, from hbase-mapper/testing.
 * `start` uses the kit's `reuse` semantics: the instance outlives the command, is recorded in the
 * cache folder under its key, and `status`, `stop` and the next `start` find it there.
 */
export function localCommand(): Command {
  const local = new Command('local').description(
    'a local HBase for development (hbase-mapper/testing; needs Java 17+, and Maven the first time)',
  );
  local
    .command('start')
    .description('start a local HBase (or find the one running under --key) and print its URLs')
    .addOption(keyOption())
    .option(
      '--gateways <list>',
      `gateways to run, comma-separated: ${GATEWAY_NAMES.join(', ')} (default thrift1)`,
      commaList,
    )
    .option('--web-ui', 'run the web UIs too (on free ports)')
    .action(async (flags: { key: string; gateways?: string[]; webUi?: boolean }) => {
      const unknown = (flags.gateways ?? []).filter((g) => !GATEWAY_NAMES.includes(g as LocalGatewayName));
      if (unknown.length > 0) {
        throw CliError.usage(`--gateways: expected some of ${GATEWAY_NAMES.join(', ')}`);
      }
      const hbase = await LocalHBase.start({
        reuse: flags.key,
        gateways: flags.gateways as LocalGatewayName[] | undefined,
        webUi: flags.webUi ?? false,
        onProgress: (progress) => process.stderr.write(`local: ${progress.message}\n`),
      });
      if (hbase.reused) process.stderr.write(`local: already running (key ${flags.key})\n`);
      const out = new Output(process.stdout);
      for (const gateway of hbase.gateways) await out.write(`${gateway}\t${hbase.url(gateway)}\n`);
    });
  local
    .command('status')
    .description('print the URLs of the local HBase running under --key (exit code 1 if none runs)')
    .addOption(keyOption())
    .action(async (flags: { key: string }) => {
      const record = readRecord(cacheDirectory(), `reuse-${flags.key}`);
      if (record === undefined || !recordAlive(record)) {
        throw new CliError(`no local HBase running under the key ${flags.key}`);
      }
      const out = new Output(process.stdout);
      for (const gateway of record.gateways) await out.write(`${gateway}\t${gatewayUrl(record, gateway)}\n`);
    });
  local
    .command('stop')
    .description('stop the local HBase running under --key and remove its data')
    .addOption(keyOption())
    .action(async (flags: { key: string }) => {
      const wasRunning = await LocalHBase.stopReused(flags.key);
      process.stderr.write(wasRunning ? `local: stopped (key ${flags.key})\n` : `local: none was running\n`);
    });
  return local;
}
