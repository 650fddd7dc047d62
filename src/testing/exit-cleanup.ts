import { type InstanceRecord, killInstanceNow, removeRecord } from './instance-record';

/** Instances this process must not leave behind, with the cache folder of their records. */
const live = new Map<string, { record: InstanceRecord; cacheDir: string }>();
let installed = false;

function killAll(): void {
  for (const { record, cacheDir } of live.values()) {
    killInstanceNow(record);
    removeRecord(cacheDir, record.id);
  }
  live.clear();
}

/**
 * On a signal that would end the process, stop the JVMs first; then, if nobody else listens for
 * the signal, end the process the way the signal would have (our listener took that default away).
 */
function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  installed = false;
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/**
 * @internal Kills the instance's JVMs when this process exits without stopping it (an uncaught
 * error, `process.exit()`, Ctrl-C). A SIGKILL of this process cannot be caught: the next start
 * anywhere on the machine stops the orphans (see `sweepOrphans`).
 */
export function killAtExit(record: InstanceRecord, cacheDir: string): void {
  live.set(record.id, { record, cacheDir });
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

/** @internal The instance was stopped: nothing to do for it at exit any more. */
export function forgetAtExit(id: string): void {
  live.delete(id);
  if (live.size === 0 && installed) {
    process.off('exit', killAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    installed = false;
  }
}

/** Undo steps of starts in progress in this process, the latest last. */
const undoOnInterrupt: Array<() => void> = [];
const INTERRUPTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the undo steps (latest first: the JVMs a start spawned go before the lock it holds is
 * released), then ends the process the way the signal would have, when nobody else listens for it.
 */
function onInterrupt(signal: NodeJS.Signals): void {
  for (const undo of undoOnInterrupt.splice(0).reverse()) {
    try {
      undo();
    } catch {
      // One failing step must not keep the others (or the exit) from happening.
    }
  }
  for (const s of INTERRUPTS) process.off(s, onInterrupt);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/**
 * @internal Runs `undo` (synchronous: a signal handler cannot wait) if a SIGINT, SIGTERM or SIGHUP
 * arrives before the returned function is called, then ends the process with that signal (the
 * shell's 130/143/129). For what a start does that no owner process stops at exit: the JVMs of a
 * reusable instance it is spawning, the lock it holds. Without it, Ctrl-C during a start leaves
 * them running and recorded, and the lock to a dead holder.
 */
export function undoOnSignal(undo: () => void): () => void {
  if (undoOnInterrupt.length === 0) for (const s of INTERRUPTS) process.on(s, onInterrupt);
  undoOnInterrupt.push(undo);
  return () => {
    const at = undoOnInterrupt.indexOf(undo);
    if (at >= 0) undoOnInterrupt.splice(at, 1);
    if (undoOnInterrupt.length === 0) for (const s of INTERRUPTS) process.off(s, onInterrupt);
  };
}
