/**
 * @internal Calls `onIdle` once nothing has `touch()`ed the watch for `timeout` milliseconds.
 *
 * Touching only sets a flag (it runs on every row a scan hands out); a timer looks at the flag
 * every `timeout / 2` and fires after two quiet looks in a row, so `onIdle` runs between
 * `timeout` and `1.5 × timeout` after the last touch. The timer is unref'd: an idle scan never
 * keeps the process alive.
 */
export class IdleWatch {
  readonly #timeout: number;
  readonly #isBusy: () => boolean;
  readonly #onIdle: () => void;
  #timer: NodeJS.Timeout | undefined;
  #touched = false;
  #quietLooks = 0;

  /** `isBusy` says whether the watched thing is working (which counts as a touch). */
  constructor(timeout: number, isBusy: () => boolean, onIdle: () => void) {
    this.#timeout = timeout;
    this.#isBusy = isBusy;
    this.#onIdle = onIdle;
  }

  /** Starts watching (again); idempotent while started. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#touched = false;
    this.#quietLooks = 0;
    this.#timer = setTimeout(() => this.#look(), Math.max(1, Math.ceil(this.#timeout / 2)));
    this.#timer.unref();
  }

  /** Records activity. */
  touch(): void {
    this.#touched = true;
  }

  /** Stops watching. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #look(): void {
    if (this.#touched || this.#isBusy()) {
      this.#touched = false;
      this.#quietLooks = 0;
    } else if (++this.#quietLooks >= 2) {
      this.#timer = undefined;
      this.#onIdle();
      return;
    }
    this.#timer?.refresh();
  }
}
