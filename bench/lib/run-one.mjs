// Runs one runner process and collects its JSON line. Every runner writes `@timed-start` and
// `@timed-end` on stderr around its timed part when BENCH_TIMED_MARKERS=1 (set here); at those markers this reads the CPU time of the
// processes to watch (the gateway, HBase's JVM) and of the runner itself from /proc, so that a
// sample says where the CPU of its timed part went (`processCpu`, seconds per process).
import { spawn } from 'node:child_process';
import { difference, snapshot } from './server-cpu.mjs';

/**
 * Resolves with the runner's JSON result (or `{ error }`), plus `processCpu` when the markers came.
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeoutSeconds: number, watch?: Record<string, number | undefined> }} options
 */
export function runOne(command, args, { timeoutSeconds, watch = {} }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_TIMED_MARKERS: '1' },
    });
    const pids = { ...watch, client: child.pid };
    let stdout = '';
    let stderr = '';
    let before;
    let processCpu;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      // A marker may arrive split over two chunks: look at what has come so far.
      if (before === undefined && stderr.includes('@timed-start')) before = snapshot(pids);
      if (before !== undefined && processCpu === undefined && stderr.includes('@timed-end')) {
        processCpu = difference(before, snapshot(pids));
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop();
      if (code === 0 && last) {
        try {
          const result = JSON.parse(last);
          return resolve(processCpu ? { ...result, processCpu } : result);
        } catch {}
      }
      const why = signal ? `killed (${signal}) after ${timeoutSeconds}s` : `exit ${code}`;
      const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('@timed-'));
      const cause = lines.find((l) => /(Error|Exception)\b/.test(l)) ?? lines.slice(-3).join(' | ');
      resolve({ error: `${why}: ${cause.trim().slice(0, 500)}` });
    });
  });
}
