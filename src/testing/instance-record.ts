import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalGatewayName } from './gateways';
import { findInstanceJvms, isInstanceJvm, signalJvm } from './jvm';
import type { InstancePorts } from './site-config';

/**
 * @internal What is known of a running instance, written to `<cache>/instances/<id>.json` while
 * it runs: a reusable one is found there by the next run, and one whose owner died (a test run
 * killed with SIGKILL, whose exit handlers never ran) is stopped by the next start.
 */
export interface InstanceRecord {
  id: string;
  dir: string;
  /** Whether the folder was made for this instance (then it is removed whole, else its parts). */
  ownDir: boolean;
  keepData: boolean;
  ports: InstancePorts;
  /** The pid of each process: `master` and each gateway, by name. */
  pids: Partial<Record<string, number>>;
  /** The gateways' names (their kinds too, unless `kinds` says otherwise). */
  gateways: string[];
  /** The kind of each gateway whose name is not its kind (see {@link gatewayKind}). */
  kinds?: Partial<Record<string, LocalGatewayName>>;
  /** Extra hbase-site.xml keys of a gateway, by name (kept to restart it the same way). */
  siteProperties?: Partial<Record<string, Record<string, string | number | boolean>>>;
  /** PEM of the https gateways' certificate, when one runs. */
  caPem: string | undefined;
  /** The Node.js process that stops it; undefined for a reusable instance, which outlives runs. */
  owner: number | undefined;
}

/** @internal What gateway `name` of the instance runs. */
export const gatewayKind = (record: InstanceRecord, name: string): LocalGatewayName =>
  record.kinds?.[name] ?? (name as LocalGatewayName);

const recordsDir = (cacheDir: string) => join(cacheDir, 'instances');
const recordFile = (cacheDir: string, id: string) => join(recordsDir(cacheDir), `${id}.json`);

/** @internal Writes (atomically) the record of an instance. */
export function writeRecord(cacheDir: string, record: InstanceRecord): void {
  mkdirSync(recordsDir(cacheDir), { recursive: true });
  const file = recordFile(cacheDir, record.id);
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(record, null, 2));
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** @internal The record of instance `id`, if any. */
export function readRecord(cacheDir: string, id: string): InstanceRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(cacheDir, id), 'utf8')) as InstanceRecord;
  } catch {
    return undefined;
  }
}

/** @internal Forgets instance `id`. */
export function removeRecord(cacheDir: string, id: string): void {
  rmSync(recordFile(cacheDir, id), { force: true });
}

/** @internal True when every JVM of the record is alive. */
export function recordAlive(record: InstanceRecord): boolean {
  return Object.values(record.pids).every((pid) => isInstanceJvm(pid!, record.dir));
}

/**
 * @internal Kills every JVM of the instance at once (SIGKILL: its data is thrown away) and removes
 * its files unless kept. Synchronous, so that it can run in a process `exit` handler.
 */
export function killInstanceNow(record: InstanceRecord): void {
  for (const pid of Object.values(record.pids))
    if (isInstanceJvm(pid!, record.dir)) signalJvm(pid!, 'SIGKILL');
  for (const pid of findInstanceJvms(record.dir)) signalJvm(pid, 'SIGKILL');
  removeFiles(record);
}

/** @internal Removes the instance's folder (or, for a folder the user gave, what we put in it). */
export function removeFiles(record: InstanceRecord): void {
  if (record.keepData) return;
  const targets = record.ownDir ? [record.dir] : ['data', 'conf', 'logs'].map((d) => join(record.dir, d));
  for (const target of targets) {
    try {
      rmSync(target, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A JVM still writing as it dies can race us; the OS's temp cleaning gets the rest.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @internal Stops the instances whose owner process is gone, and the reusable ones with a dead JVM
 * (their live JVMs are killed and their folder removed, unless kept, before the record goes: once
 * it is gone nothing else knows of them); forgets dead ones.
 */
export function sweepOrphans(cacheDir: string): void {
  let files: string[];
  try {
    files = readdirSync(recordsDir(cacheDir)).filter((f) => f.endsWith('.json'));
  } catch {
    return;
  }
  for (const file of files) {
    const record = readRecord(cacheDir, file.slice(0, -'.json'.length));
    if (!record) continue;
    const orphan = record.owner !== undefined && !processAlive(record.owner);
    // A reusable instance has no owner to stop it: one dead JVM makes it useless, the rest must go.
    const brokenReusable = record.owner === undefined && !recordAlive(record);
    if (orphan || brokenReusable) killInstanceNow(record);
    if (orphan || !recordAlive(record)) removeRecord(cacheDir, record.id);
  }
}
