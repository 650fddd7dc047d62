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
