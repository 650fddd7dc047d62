import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @internal What is known of a running secure instance, in `<dir>/run/secure.json`. */
export interface SecureInstanceRecord {
  dir: string;
  krb5Conf: string;
  keytabDir: string;
  /** The pid of each JVM (`kdc`, `master`, each gateway), by name. */
  pids: Record<string, number>;
  /** Every port (`kdc`, `zookeeper`, `master`, `regionServer`, each gateway), by name. */
  ports: Record<string, number>;
  /** The environment variable of each port, by the same names. */
  portEnv: Record<string, { env: string }>;
  /** Each socket gateway's QOP, by name (HTTPS ones are absent: SPNEGO). */
  qops: Record<string, string>;
}

/** @internal The record's path in the instance folder `dir`. */
export const recordPath = (dir: string): string => join(dir, 'run', 'secure.json');

/** @internal The record in `dir`, if any. */
export function readSecureRecord(dir: string): SecureInstanceRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(dir), 'utf8')) as SecureInstanceRecord;
  } catch {
    return undefined;
  }
}

/** @internal Writes the record atomically (written aside, then renamed). */
export function writeSecureRecord(record: SecureInstanceRecord): void {
  const file = recordPath(record.dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** @internal Removes the record of `dir`. */
export const removeSecureRecord = (dir: string): void => rmSync(recordPath(dir), { force: true });
