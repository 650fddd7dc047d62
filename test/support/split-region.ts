import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The JVM classpath of the HBase the tests run against: `HBASE_CLASSPATH_FILE`, else the one the
 * project's kit cached in `.hbase/classpath.txt` (a worktree points the variable at the main one).
 */
function classpath(): string {
  const file = process.env.HBASE_CLASSPATH_FILE ?? join(__dirname, '../../.hbase/classpath.txt');
  if (!existsSync(file)) {
    throw new Error(`no HBase classpath at ${file}: set HBASE_CLASSPATH_FILE to the kit's classpath.txt`);
  }
  return readFileSync(file, 'utf8').trim();
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
      classpath(),
      join(__dirname, 'SplitRegion.java'),
      process.env.HBASE_ZK_PORT ?? '2181',
      table,
      key,
    ],
    { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return Number(stdout.trim().split('\n').at(-1));
}
