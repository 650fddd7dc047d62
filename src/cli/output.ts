import type { Writable } from 'node:stream';

/**
 * @internal Writes to a stream, waiting for `drain` when its buffer is full: a scan of millions
 * of rows piped to a slow reader then holds few of them in memory. A reader that closes the pipe
 * early (`| head`) ends the output quietly: {@link Output.closed} turns true and writes are dropped.
 */
export class Output {
  readonly #stream: Writable;
  #closed = false;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE: the reader went away, as `head` does once it has its lines. Not a failure.
      if (error.code === 'EPIPE') this.#closed = true;
      else throw error;
    });
  }

  /** Whether the reader closed the pipe. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Writes `text`, resolving once the stream can take more. */
  async write(text: string): Promise<void> {
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
  }
}
