// Spawning, identifying and stopping our JVMs. A pid file alone is not trusted: before signalling,
// /proc/<pid>/cmdline must carry our marker (-Dlocal.hbase.home=<this .hbase>), so a recycled pid
// belonging to some other program is never killed.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { JDK17_FLAGS } from './config.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const markers = (cfg, name) => [`-Dlocal.hbase.home=${cfg.home}`, `-Dlocal.hbase.role=${name}`];

export const pidFile = (cfg, name) => join(cfg.dirs.run, `${name}.pid`);
export const logFile = (cfg, name) => join(cfg.dirs.logs, `${name}.log`);

export function readPid(cfg, name) {
  try {
    const pid = Number(readFileSync(pidFile(cfg, name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** True if `pid` is alive and is our JVM for role `name` (a zombie has an empty cmdline: not alive). */
export function isOurs(cfg, name, pid) {
  if (!pid) return false;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return markers(cfg, name).every((m) => args.includes(m));
  } catch {
    return false;
  }
}

/** Pid of our live process `name`, or null. */
export function livePid(cfg, name) {
  const pid = readPid(cfg, name);
  return isOurs(cfg, name, pid) ? pid : null;
}

/**
 * Starts a JVM detached (own process group, survives this Node process), stdout+stderr to its log.
 * Returns the ChildProcess; its 'exit' event lets the caller notice an early death at once.
 */
export function spawnJvm(cfg, { name, mainClass, confDir, classpath, heap, args }) {
  mkdirSync(cfg.dirs.logs, { recursive: true });
  mkdirSync(cfg.dirs.run, { recursive: true });
  const fd = openSync(logFile(cfg, name), 'w'); // one log per run: easier to read than an ever-growing file
  const argv = [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    ...JDK17_FLAGS,
    ...markers(cfg, name),
    `-Dlog4j2.configurationFile=${join(confDir, 'log4j2.properties')}`,
    `-Dhbase.log.dir=${cfg.dirs.logs}`,
    `-Dhadoop.home.dir=${cfg.home}`,
    '-cp',
    `${confDir}:${classpath}`, // conf dir first: its hbase-site.xml wins
    mainClass,
    ...args,
  ];
  let child;
  try {
    child = spawn(cfg.java, argv, { cwd: cfg.home, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  child.exitInfo = null;
  child.on('exit', (code, signal) => {
    child.exitInfo = { code, signal };
  });
  child.on('error', (e) => {
    child.exitInfo = { error: e.message };
  });
  child.unref();
  if (child.pid) writeFileSync(pidFile(cfg, name), `${child.pid}\n`);
  return child;
}

/** Every live process carrying our home marker, pid file or not: [{pid, name}]. */
export function findOurProcesses(cfg) {
  const home = `-Dlocal.hbase.home=${cfg.home}`;
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!args.includes(home)) continue;
    const role = args.find((a) => a.startsWith('-Dlocal.hbase.role='));
    found.push({ pid: Number(entry), name: role ? role.slice('-Dlocal.hbase.role='.length) : '?' });
  }
  return found;
}

/**
 * Stops our process `name` (pid from its pid file unless given): SIGTERM to its process group,
 * SIGKILL after graceMs. Returns 'stopped' | 'killed' | 'not-running' | 'not-ours' (the pid file
 * pointed at some other program, which is left alone).
 */
export async function stopProcess(cfg, name, { pid = readPid(cfg, name), graceMs = 20_000 } = {}) {
  const file = pidFile(cfg, name);
  if (!pid || !isOurs(cfg, name, pid)) {
    rmSync(file, { force: true });
    return pid && existsSync(`/proc/${pid}`) ? 'not-ours' : 'not-running';
  }
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  let deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurs(cfg, name, pid)) {
      rmSync(file, { force: true });
      return 'stopped';
    }
    await sleep(200);
  }
  signal('SIGKILL');
  deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isOurs(cfg, name, pid)) await sleep(100);
  if (isOurs(cfg, name, pid))
    throw Object.assign(new Error(`${name} (pid ${pid}) survived SIGKILL`), { code: 'EHBASESTOP' });
  rmSync(file, { force: true });
  return 'killed';
}

/** Last `n` lines of a log file, or a note that it is missing. */
export function tailLog(path, n = 60) {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    return lines.slice(-n - 1).join('\n');
  } catch {
    return `(no log at ${path})`;
  }
}
