import type { Writable } from 'node:stream';

/**
 * @internal Writes to a stream, waiting for `drain` when its buffer is full: a scan of millions
 * of rows piped to a slow reader then holds few of them in memory. A reader that closes the pipe
 * early (`| head`) ends the output quietly: {@link Output.closed} turns true and writes are dropped.
 * Any other error of the stream (a full disk, a file that cannot be written) is kept and rejects
 * the next write: thrown from the stream's event, it would crash the process with a stack trace.
 */
export class Output {
  readonly #stream: Writable;
  readonly #wrap: (error: NodeJS.ErrnoException) => unknown;
  #closed = false;
  #error: unknown;

  /** @param wrap - turns the stream's error into the one reported (e.g. a CliError naming a flag). */
  constructor(stream: Writable, wrap: (error: NodeJS.ErrnoException) => unknown = (error) => error) {
    this.#stream = stream;
    this.#wrap = wrap;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE: the reader went away, as `head` does once it has its lines. Not a failure.
      if (error.code === 'EPIPE') this.#closed = true;
      else this.#error ??= this.#wrap(error);
    });
  }

  /** Whether the reader closed the pipe. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Rejects with the stream's error, if it had one. */
  check(): void {
    if (this.#error !== undefined) throw this.#error;
  }

  /** Writes `text`, resolving once the stream can take more; rejects once the stream failed. */
  async write(text: string): Promise<void> {
    this.check();
    if (this.#closed || text === '') return;
    if (this.#stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#stream.off('drain', done);
        this.#stream.off('close', done);
        this.#stream.off('error', done);
        resolve();
      };
      this.#stream.on('drain', done);
      this.#stream.on('close', done);
      this.#stream.on('error', done);
    });
    this.check();
  }
}
