import {
  type ConnectionSettings,
  definedSettings,
  requireCompat,
  requireGatewayApi,
  requireHost,
  requirePort,
  requireProtocol,
  requireTimeout,
  requireTransport,
} from './connection-settings';
import { settingsFromUrl } from './connection-url';
import { InvalidArgumentError } from './errors';
import { Redacted } from './errors/describe-value';

/**
 * The environment variables a `Connection` (and every connection of a `ConnectionPool`) takes its
 * defaults from, and the option each one sets. Options given in code always win.
 *
 * Their names stay clear of those HBase's own scripts read (`HBASE_HOME`, `HBASE_CONF_DIR`,
 * `HBASE_OPTS`, `HBASE_HEAPSIZE`, `HBASE_LOG_DIR`, `HBASE_*_OPTS`, ...). An empty variable counts as
 * unset, as in most shells' and container tools' conventions.
 */
export const CONNECTION_ENVIRONMENT_VARIABLES = {
  /** A connection URL (see `ConnectionOptions.url`): address, transport, protocol and more in one. */
  HBASE_URL: 'url',
  /** Gateway host. */
  HBASE_HOST: 'host',
  /** Gateway port (digits). */
  HBASE_PORT: 'port',
  /** `buffered`, `framed` or `http`. */
  HBASE_TRANSPORT: 'transport',
  /** `binary` or `compact`. */
  HBASE_PROTOCOL: 'protocol',
  /** Table prefix. */
  HBASE_TABLE_PREFIX: 'tablePrefix',
  /** Compat level, e.g. `0.98`. */
  HBASE_COMPAT: 'compat',
  /** Timeout in milliseconds (digits). */
  HBASE_TIMEOUT: 'timeout',
  /** The gateway's API: `auto` (detect it), `thrift1` or `thrift2`. */
  HBASE_API: 'api',
} as const;

/** How the value of each variable but `HBASE_URL` is validated, by the option it sets. */
const READ_OPTION: {
  [Option in Exclude<
    (typeof CONNECTION_ENVIRONMENT_VARIABLES)[keyof typeof CONNECTION_ENVIRONMENT_VARIABLES],
    'url'
  >]: (value: string, variable: string) => ConnectionSettings;
} = {
  host: (v, name) => ({ host: requireHost(v, name) }),
  port: (v, name) => ({ port: requirePort(v, name) }),
  transport: (v, name) => ({ transport: requireTransport(v, name) }),
  protocol: (v, name) => ({ protocol: requireProtocol(v, name) }),
  // Checked once every source is merged (see `resolveConnectionOptions`), naming the variable.
  tablePrefix: (v, name) => ({ tablePrefix: v, tablePrefixArgument: name }),
  compat: (v, name) => ({ compat: requireCompat(v, name) }),
  timeout: (v, name) => ({ timeout: requireTimeout(v, name) }),
  api: (v, name) => ({ api: requireGatewayApi(v, name) }),
};

/**
 * @internal The connection settings the environment gives. `HBASE_URL` and the single variables
 * combine, but one setting may not come from both (`HBASE_URL=hbase://a:9090` with `HBASE_PORT=9091`
 * is an error naming both): with two values for one setting in one place, neither is a safe guess.
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): ConnectionSettings {
  const url = readVariable(env, 'HBASE_URL');
  const fromUrl: ConnectionSettings = url === undefined ? {} : settingsFromUrl(url, 'HBASE_URL');
  const settings: ConnectionSettings = { ...fromUrl };
  for (const [name, option] of Object.entries(CONNECTION_ENVIRONMENT_VARIABLES)) {
    if (option === 'url') continue;
    const value = readVariable(env, name);
    if (value === undefined) continue;
    const setting = READ_OPTION[option](value, name);
    for (const key of Object.keys(setting) as Array<keyof ConnectionSettings>) {
      if (fromUrl[key] !== undefined) {
        throw new InvalidArgumentError(
          name,
          `either HBASE_URL or ${name}, not both (HBASE_URL gives the ${key} already)`,
          new Redacted('both set'),
        );
      }
    }
    Object.assign(settings, setting);
  }
  return definedSettings(settings);
}

/** A variable's value; empty counts as unset. Only own properties (`process.env` is a plain object). */
function readVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = Object.hasOwn(env, name) ? env[name] : undefined;
  return value === undefined || value === '' ? undefined : value;
}
