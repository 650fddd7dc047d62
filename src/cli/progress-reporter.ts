import { SingleBar } from 'cli-progress';
import { formatBytes, formatSeconds, perSecond } from './format-units';

/** How progress is shown: `auto` (a bar on a terminal, lines when piped), `bar`, `lines`, `none`. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

/** @internal The modes `--progress` takes. */
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'lines', 'none'];

/** @internal A snapshot of a long command's work. */
export interface ProgressState {
  /** Rows so far. */
  rows: number;
  /** Bytes so far (read from the gateway, or from the file being imported). */
  bytes: number;
  /** The bytes the work will reach, when known (an import's file size): gives a percentage and an ETA. */
  totalBytes?: number;
}

/** @internal Shows the progress of one command on stderr (stdout carries the data). */
export interface ProgressReporter {
  /** Takes the latest counts; shown at most every interval. */
  update(state: ProgressState): void;
  /** Shows the final counts and releases the terminal line. */
  finish(state: ProgressState): void;
  /**
   * Stops redrawing and shows the cursor again, without a final line: called in a `finally`
   * whether the work finished or failed (the bar's redraw timer would keep the process alive).
   * Safe to call more than once, and after {@link ProgressReporter.finish}.
   */
  stop(): void;
}

/** @internal Options of {@link createProgressReporter}. */
export interface ProgressReporterOptions {
  /** What the work is called in plain lines: `count`, `export`, `import`. */
  label: string;
  mode: ProgressMode;
  /** Milliseconds between two plain lines (the bar redraws on its own, every 100 ms at most). */
  interval: number;
  stream: NodeJS.WriteStream;
}

/**
 * @internal A reporter for the mode: on a terminal (`auto` with a TTY stderr, or `bar`) a
 * cli-progress bar redrawn in place with rows/s, bytes and, when the total is known, percentage
 * and ETA; otherwise (`auto` piped, or `lines`) one plain line per interval and a final one, which
 * logs and CI keep readably; `none` shows nothing.
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const mode = options.mode === 'auto' ? (options.stream.isTTY ? 'bar' : 'lines') : options.mode;
  if (mode === 'none') return { update() {}, finish() {}, stop() {} };
  if (mode === 'lines') return linesReporter(options);
  return barReporter(options);
}

function line(label: string, state: ProgressState, elapsedMs: number, done: boolean): string {
  const parts = [
    `${state.rows} rows`,
    formatBytes(state.bytes),
    `${perSecond(state.rows, elapsedMs)} rows/s`,
    formatSeconds(elapsedMs / 1000),
  ];
  if (!done && state.totalBytes !== undefined && state.totalBytes > 0 && state.bytes > 0) {
    const fraction = Math.min(1, state.bytes / state.totalBytes);
    parts.push(`${Math.floor(fraction * 100)}%`);
    parts.push(`ETA ${formatSeconds(((elapsedMs / fraction) * (1 - fraction)) / 1000)}`);
  }
  return `${label}: ${parts.join(', ')}${done ? ' (done)' : ''}\n`;
}

function linesReporter(options: ProgressReporterOptions): ProgressReporter {
  const start = performance.now();
  let last = start;
  let shown = -1;
  return {
    update(state) {
      const now = performance.now();
      // A line only when the interval has passed and the work has moved on since the last one.
      if (now - last < options.interval || state.rows === shown) return;
      last = now;
      shown = state.rows;
      options.stream.write(line(options.label, state, now - start, false));
    },
    finish(state) {
      options.stream.write(line(options.label, state, performance.now() - start, true));
    },
    stop() {},
  };
}

function barReporter(options: ProgressReporterOptions): ProgressReporter {
  const start = performance.now();
  let bar: SingleBar | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar?.stop();
  };
  // Ctrl-C or SIGTERM while the bar hides the cursor: show it again (cli-progress's gracefulExit
  // would, but its handler only stops the bar, and would keep count and export from ending). With
  // no other handler (count, export), the signal is then raised again to end the process as Node's
  // default would; import has its own, which stops reading and ends the bar in its `finally`.
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const payload = (state: ProgressState) => {
    const elapsed = performance.now() - start;
    const fraction = state.totalBytes ? Math.min(1, state.bytes / state.totalBytes) : 0;
    return {
      rows: state.rows,
      rate: perSecond(state.rows, elapsed),
      size: formatBytes(state.bytes),
      elapsed: formatSeconds(elapsed / 1000),
      // Our own estimate (time so far over the fraction done): cli-progress's averages the last
      // updates, which jump with the file's 256 kB reads.
      eta: fraction > 0 ? formatSeconds(((elapsed / fraction) * (1 - fraction)) / 1000) : '?',
    };
  };
  const open = (state: ProgressState) => {
    const known = state.totalBytes !== undefined && state.totalBytes > 0;
    // With a total the bar measures bytes (an import's file): percentage and ETA are real. Without
    // one there is nothing to fill: rows, rate, bytes and time only.
    const format = known
      ? `${options.label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {size} | ETA {eta}`
      : `${options.label}: {rows} rows | {rate} rows/s | {size} | {elapsed}`;
    bar = new SingleBar({
      format,
      stream: options.stream,
      fps: 10,
      hideCursor: true,
      clearOnComplete: false,
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      barsize: 30,
      // `--progress bar` forced onto a pipe still draws (with carriage returns), as asked.
      noTTYOutput: !options.stream.isTTY,
    });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    bar.start(known ? state.totalBytes! : 0, 0, payload(state));
  };
  return {
    update(state) {
      if (stopped) return;
      if (bar === undefined) open(state);
      bar!.update(state.totalBytes === undefined ? 0 : state.bytes, payload(state));
    },
    finish(state) {
      if (!stopped) {
        if (bar === undefined) open(state);
        bar!.update(
          state.totalBytes === undefined ? 0 : Math.min(state.bytes, state.totalBytes),
          payload(state),
        );
        stop();
      }
      options.stream.write(line(options.label, state, performance.now() - start, true));
    },
    stop,
  };
}
