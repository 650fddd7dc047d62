import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { ConnectionOptions } from '../client/connection-options';
import { CliError } from './exit-codes';

/**
 * @internal The connection flags every command that talks to HBase takes. Each sets the connection
 * option of the same name; what no flag gives comes from the environment (`HBASE_URL`,
 * `HBASE_HOST`, `HBASE_PORT`, ... as for `new Connection()`), then the defaults (localhost:9090).
 */
export interface ConnectionFlags {
  url?: string;
  host?: string;
  port?: string;
  transport?: string;
  protocol?: string;
  api?: string;
  tablePrefix?: string;
  timeout?: string;
  compat?: string;
  tls?: boolean;
  ca?: string;
}

/** The CLI flag of each connection option: errors from the library name the flag. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  'options.url': '--url',
  'options.host': '--host',
  'options.port': '--port',
  'options.transport': '--transport',
  'options.protocol': '--protocol',
  'options.api': '--api',
  'options.tablePrefix': '--table-prefix',
  'options.timeout': '--timeout',
  'options.compat': '--compat',
  'options.tls': '--tls',
};

/** @internal Adds the connection flags to a command. */
export function addConnectionFlags(command: Command): Command {
  return command
    .option(
      '--url <url>',
      'connection URL: hbase://host:9090, hbases://..., http(s)://host:port/ (env HBASE_URL)',
    )
    .option('--host <host>', 'gateway host (env HBASE_HOST; default localhost)')
    .option('--port <port>', 'gateway port (env HBASE_PORT; default 9090)')
    .addOption(
      new Option('--transport <kind>', 'transport (env HBASE_TRANSPORT)').choices([
        'buffered',
        'framed',
        'http',
      ]),
    )
    .addOption(
      new Option('--protocol <kind>', 'protocol (env HBASE_PROTOCOL)').choices(['binary', 'compact']),
    )
    .addOption(
      new Option('--api <api>', "the gateway's API (env HBASE_API; default auto)").choices([
        'auto',
        'thrift1',
        'thrift2',
      ]),
    )
    .option('--table-prefix <prefix>', 'table prefix (env HBASE_TABLE_PREFIX)')
    .option('--timeout <ms>', 'socket timeout in milliseconds (env HBASE_TIMEOUT)')
    .option('--compat <level>', 'Thrift1 compat level, e.g. 0.98 (env HBASE_COMPAT)')
    .option('--tls', 'connect with TLS (implied by hbases:// and https:// URLs and by --ca)')
    .addOption(
      new Option('--ca <file>', 'PEM file of the CA to trust for TLS (env HBASE_TLS_CA)').env('HBASE_TLS_CA'),
    );
}

/**
 * @internal The connection options the flags give. The environment variables are left to the
 * library, which reads them itself: a flag naming another endpoint (`--url`, `--host`, `--port`)
 * then drops the environment's whole endpoint, credentials included, as in code.
 */
export function connectionOptionsFromFlags(flags: ConnectionFlags): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (flags.url !== undefined) options.url = flags.url;
  if (flags.host !== undefined) options.host = flags.host;
  if (flags.port !== undefined) options.port = flags.port;
  if (flags.transport !== undefined) options.transport = flags.transport as ConnectionOptions['transport'];
  if (flags.protocol !== undefined) options.protocol = flags.protocol as ConnectionOptions['protocol'];
  if (flags.api !== undefined) options.api = flags.api as ConnectionOptions['api'];
  if (flags.tablePrefix !== undefined) options.tablePrefix = flags.tablePrefix;
  if (flags.timeout !== undefined) options.timeout = flags.timeout;
  if (flags.compat !== undefined) options.compat = flags.compat as ConnectionOptions['compat'];
  if (flags.ca !== undefined) {
    let ca: Buffer;
    try {
      ca = readFileSync(flags.ca);
    } catch (error) {
      throw CliError.usage(
        `--ca: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    options.tls = { ca };
  } else if (flags.tls) {
    options.tls = true;
  }
  return options;
}
