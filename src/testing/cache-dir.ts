import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder where `hbase-mapper/testing` keeps what outlives an instance: the resolved classpath
 * (the list of HBase's jars, which Maven keeps in its own repository, `~/.m2` by default), the
 * self-signed TLS certificate of the https gateways and the records of reusable instances.
 *
 * It is, in order: `$HBASE_MAPPER_CACHE`, `$XDG_CACHE_HOME/hbase-mapper`,
 * `~/.cache/hbase-mapper`. Deleting it is safe while no instance runs.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HBASE_MAPPER_CACHE) return env.HBASE_MAPPER_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'hbase-mapper');
  return join(homedir(), '.cache', 'hbase-mapper');
}
