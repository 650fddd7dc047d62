import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { logSeparator } from '../../src/testing/jvm';
import { acceptsTcp, LISTENING_LINE, logHasLine } from '../../src/testing/secure/log-readiness';
import { readSecureRecord, writeSecureRecord } from '../../src/testing/secure/secure-record';
import { secureTestEnv } from './secure-env';

/** A secure gateway killed by {@link killSecureGateway}: start it again as it was. */
export interface KilledGateway {
  /** The gateway's name in the instance record (`auth-second`, …). */
  name: string;
  /** Starts the same JVM again (same command line, folder and log) and waits until it listens. */
  restart(): Promise<void>;
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`);

/**
 * Kills (SIGKILL) one gateway JVM of the running secure instance, found by its pid in the instance
 * record, after reading its command line and working folder from /proc: the secure kit restarts
 * only whole instances, and a gateway that dies mid-use is the case under test. Resolves once the
 * process is gone (bounded: 10 s).
 */
export async function killSecureGateway(name: string): Promise<KilledGateway> {
  const dir = secureTestEnv().dir;
  const record = readSecureRecord(dir);
  const pid = record?.pids[name];
  if (pid === undefined || !alive(pid)) throw new Error(`the secure gateway ${name} is not running`);
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`the secure gateway ${name} (pid ${pid}) outlived SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { name, restart: () => restartGateway(dir, name, argv, cwd) };
}

async function restartGateway(dir: string, name: string, argv: string[], cwd: string): Promise<void> {
  const logFile = join(dir, 'logs', `${name}.log`);
  // Appended, after the separator the kit's readiness check looks for (this start's lines only).
  const fd = openSync(logFile, 'a');
  let pid: number;
  try {
    writeSync(fd, `${logSeparator(name)}\n`);
    const child = spawn(argv[0]!, argv.slice(1), { cwd, detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    pid = child.pid ?? 0;
  } finally {
    closeSync(fd);
  }
  // The record names the new pid: `hbase:stop -- --secure` and later kills find it.
  const record = readSecureRecord(dir)!;
  record.pids[name] = pid;
  writeSecureRecord(record);
  const port = record.ports[name]!;
  const deadline = Date.now() + 120_000;
  while (!(logHasLine(logFile, name, LISTENING_LINE.socket) && (await acceptsTcp(port)))) {
    if (!alive(pid)) throw new Error(`the restarted secure gateway ${name} exited (see ${logFile})`);
    if (Date.now() > deadline)
      throw new Error(`the restarted secure gateway ${name} did not listen in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
