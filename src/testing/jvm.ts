import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @internal What HBase's own launcher adds on JDK 17: netty and HBase reach into JDK internals (also
 * used by bench/lib/java-peer.mjs for HBase's own client).
 */
export const JDK17_FLAGS = [
  '-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true',
  '--add-modules',
  'jdk.unsupported',
  ...[
    'java.io',
    'java.nio',
    'sun.nio.ch',
    'java.lang',
    'jdk.internal.ref',
    'java.lang.reflect',
    'java.util',
    'java.util.concurrent',
  ].flatMap((p) => ['--add-opens', `java.base/${p}=ALL-UNNAMED`]),
  '--add-exports',
  'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports',
  'java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-exports',
  'java.base/sun.net.dns=ALL-UNNAMED',
  '--add-exports',
  'java.base/sun.net.util=ALL-UNNAMED',
  // Everything is on 127.0.0.1: IPv4 avoids dual-stack surprises in ZooKeeper and HBase's RPC.
  '-Djava.net.preferIPv4Stack=true',
  // ZooKeeper's admin web server would listen on 8080, a fixed port.
  '-Dzookeeper.admin.enableServer=false',
];

/** Marks a JVM as this instance's, so a recycled pid of another program is never signalled. */
const marker = (dir: string) => `-Dhbase.mapper.testing.dir=${dir}`;

/** @internal How to launch one JVM of an instance. */
export interface JvmSpec {
  java: string;
  dir: string;
  name: string;
  mainClass: string;
  confDir: string;
  classpath: string;
  heap: string;
  args: string[];
  logFile: string;
  /** JVM options after the kit's own (the secure instance's `-Djava.security.krb5.conf=…`). */
  jvmArgs?: string[];
}

/** @internal A started JVM; `exit` is set once it ended. */
export interface StartedJvm {
  name: string;
  pid: number;
  child: ChildProcess;
  exit: string | undefined;
}

/** @internal The line a JVM's log gets before each start of the JVM's process. */
export const logSeparator = (name: string, at: Date = new Date()): string =>
  `===== hbase-mapper/testing: ${name} started at ${at.toISOString()} =====`;

/**
 * @internal Starts a JVM in its own process group (so a signal reaches all it forks, and a Ctrl-C
 * in the terminal does not reach it before we stop it), output to its log file.
 */
export function spawnJvm(spec: JvmSpec): StartedJvm {
  mkdirSync(join(spec.logFile, '..'), { recursive: true });
  // Appended to: a gateway restarted after a kill must not erase the log telling why it died (a
  // fresh start of the master empties the logs folder first). The separator marks each start.
  const fd = openSync(spec.logFile, 'a');
  try {
    writeSync(fd, `${logSeparator(spec.name)}\n`);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const argv = [
    `-Xmx${spec.heap}`,
    '-XX:+UseG1GC',
    ...JDK17_FLAGS,
    marker(spec.dir),
    `-Dhbase.mapper.testing.role=${spec.name}`,
    `-Dlog4j2.configurationFile=${join(spec.confDir, 'log4j2.properties')}`,
    `-Dhadoop.home.dir=${spec.dir}`,
    ...(spec.jvmArgs ?? []),
    '-cp',
    `${spec.confDir}:${spec.classpath}`, // the conf folder first: its hbase-site.xml wins
    spec.mainClass,
    ...spec.args,
  ];
  let child: ChildProcess;
  try {
    child = spawn(spec.java, argv, { cwd: spec.dir, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const started: StartedJvm = { name: spec.name, pid: child.pid ?? 0, child, exit: undefined };
  child.on('exit', (code, signal) => {
    started.exit = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  child.on('error', (error) => {
    started.exit = error.message;
  });
  child.unref();
  return started;
}

/** @internal True when `pid` is alive and one of the JVMs of the instance in `dir`. */
export function isInstanceJvm(pid: number, dir: string): boolean {
  if (!(pid > 0)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker(dir));
  } catch {
    if (process.platform === 'linux') return false; // gone (or a zombie: empty cmdline)
    try {
      process.kill(pid, 0); // no /proc (macOS): alive is the best we can know
      return true;
    } catch {
      return false;
    }
  }
}

/** @internal The pids of every live JVM of the instance in `dir`, pid files or not (Linux only). */
export function findInstanceJvms(dir: string): number[] {
  if (process.platform !== 'linux') return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => isInstanceJvm(pid, dir));
}

/** @internal Sends `signal` to the process group of `pid` (falling back to the process alone). */
export function signalJvm(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * @internal Stops the instance's JVMs: SIGTERM, then SIGKILL for those alive after `graceMs`;
 * resolves once none is left (bounded: a JVM ignores no SIGKILL).
 */
export async function stopJvms(pids: number[], dir: string, graceMs: number): Promise<void> {
  const alive = () => pids.filter((pid) => isInstanceJvm(pid, dir));
  for (const pid of alive()) signalJvm(pid, 'SIGTERM');
  const until = async (deadline: number) => {
    while (alive().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  await until(Date.now() + graceMs);
  for (const pid of alive()) signalJvm(pid, 'SIGKILL');
  await until(Date.now() + 10_000);
}
