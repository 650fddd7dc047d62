import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { LocalHBaseError, PortTakenError } from './errors';

/**
 * @internal Ports are drawn at random below the kernel's ephemeral range: a port inside it could
 * be handed to some outgoing connection between our check and the JVM's bind.
 */
function candidateRange(): [number, number] {
  let low = 32768;
  try {
    low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    // Not Linux: its default range starts at 32768 too (macOS's at 49152).
  }
  return low > 12000 ? [10000, low] : [low, 65535];
}

/** True when the port can be bound on every interface (the strictest a JVM may need). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A reservation is void once its process is gone, or after the longest start could take. */
const RESERVATION_MS = 15 * 60_000;

function reservationAlive(file: string): boolean {
  try {
    const { pid, at } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; at: number };
    if (Date.now() - at > RESERVATION_MS) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * @internal Picks `count` distinct free ports and reserves them (files in `<cache>/ports/`) until
 * `release()`: two instances starting at once on one machine, in two processes, never pick the
 * same port in the seconds before their JVMs bind them.
 */
export async function reservePorts(
  cacheDir: string,
  count: number,
): Promise<{ ports: number[]; release(): void }> {
  const dir = join(cacheDir, 'ports');
  mkdirSync(dir, { recursive: true });
  const [low, high] = candidateRange();
  const ports: number[] = [];
  const release = () => {
    for (const port of ports) rmSync(join(dir, String(port)), { force: true });
  };
  for (let attempt = 0; ports.length < count; attempt++) {
    if (attempt > count * 50) {
      release();
      throw new LocalHBaseError(`could not find ${count} free TCP ports between ${low} and ${high}`);
    }
    const port = low + Math.floor(Math.random() * (high - low));
    if (ports.includes(port)) continue;
    const file = join(dir, String(port));
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, at: Date.now() }), { flag: 'wx' });
    } catch {
      if (reservationAlive(file)) continue;
      rmSync(file, { force: true });
      continue; // taken over on a later attempt, if it comes up again
    }
    if (await isFree(port)) ports.push(port);
    else rmSync(file, { force: true });
  }
  return { ports, release };
}

/** Who listens on `port`, as `program (pid N)` when `ss` can tell (Linux), for the error message. */
function listenerOf(port: number): string {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      timeout: 3000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const found = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    if (found) return `${found[1]} (pid ${found[2]})`;
    return out.trim() ? 'another process' : 'unknown (not listening; maybe just released)';
  } catch {
    return 'unknown';
  }
}

/**
 * @internal Checks that the fixed ports `wanted` (process name → port) are free, and throws a
 * {@link PortTakenError} naming who holds the others: a clash reported by port number, not as a
 * bind error deep in a JVM's log.
 */
export async function assertPortsFree(wanted: Record<string, number>): Promise<void> {
  const entries = Object.entries(wanted);
  const free = await Promise.all(entries.map(([, port]) => isFree(port)));
  const taken = entries
    .filter((_, i) => !free[i])
    .map(([process, port]) => ({ process, port, owner: listenerOf(port) }));
  if (taken.length > 0) throw new PortTakenError(taken);
}
