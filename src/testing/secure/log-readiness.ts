import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { logSeparator } from '../jvm';

/**
 * @internal The line a secure gateway logs once it listens: socket gateways log it right before
 * serving, HTTPS ones when Jetty's connector is up. Probing with a Thrift call, as the plain kit
 * does, would need an authenticated client; the line plus a TCP accept (below) is honest about
 * what it checks: the gateway is up and logged in from its keytab (it fails at start otherwise).
 */
export const LISTENING_LINE = {
  socket: 'starting HBase ThreadPool Thrift server on',
  https: 'Started ServerConnector',
} as const;

/** @internal True when the log of the JVM's latest start (after its last separator) holds `line`. */
export function logHasLine(file: string, name: string, line: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const start = text.lastIndexOf(logSeparator(name, new Date(0)).split(' started at ')[0]!);
  return text.slice(Math.max(start, 0)).includes(line);
}

/** @internal Resolves true when 127.0.0.1:`port` accepts a TCP connection (closed at once). */
export function acceptsTcp(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
