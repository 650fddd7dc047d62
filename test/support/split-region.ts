import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveClasspath } from '../../src/testing/classpath';

/**
 * The JVM classpath of the HBase the tests run against: `HBASE_CLASSPATH_FILE`, else what the
 * kit resolves for the project's instance (its cache in `.hbase/`, written when HBase started: no
 * Maven run here).
 */
async function classpath(): Promise<string> {
  const file = process.env.HBASE_CLASSPATH_FILE;
  if (file !== undefined) return readFileSync(file, 'utf8').trim();
  return await resolveClasspath(join(__dirname, '../../.hbase'), () => {});
}

/**
 * Splits the region of `table` (full name) that holds `key`, with HBase's Java Admin (Java's
 * single-file source launch of SplitRegion.java), and resolves with the table's new region count
 * once the daughters are online. ZooKeeper's port: `HBASE_ZK_PORT`, default 2181.
 */
export async function splitRegion(table: string, key: string): Promise<number> {
  const { stdout } = await promisify(execFile)(
    'java',
    [
      '-cp',
      await classpath(),
      join(__dirname, 'SplitRegion.java'),
      process.env.HBASE_ZK_PORT ?? '2181',
      table,
      key,
    ],
    { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return Number(stdout.trim().split('\n').at(-1));
}
