// Detects ports already taken before we start anything, so a clash is reported by port number
// instead of surfacing later as an obscure bind error deep inside a JVM log.

import { execFileSync } from 'node:child_process';
import net from 'node:net';

/** Resolves true if we can bind the port on all interfaces (what the strictest listener would need). */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    const timer = setTimeout(() => {
      srv.close();
      resolve(false);
    }, 3000);
    srv.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    srv.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      clearTimeout(timer);
      srv.close(() => resolve(true));
    });
  });
}

/** Best effort "who listens on this port" via `ss`, for the error message. */
export function describeListener(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      timeout: 3000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const m = out.match(/users:\(\("([^"]+)",pid=(\d+)/);
    if (m) return `${m[1]} (pid ${m[2]})`;
    return out.trim() ? 'another process' : 'unknown (not listening; maybe just released)';
  } catch {
    return 'unknown';
  }
}

/** Returns [{name, port, owner}] for every taken port in `wanted` ({name: port}). */
export async function takenPorts(wanted) {
  const entries = Object.entries(wanted);
  const free = await Promise.all(entries.map(([, port]) => isPortFree(port)));
  return entries
    .filter((_, i) => !free[i])
    .map(([name, port]) => ({ name, port, owner: describeListener(port) }));
}
