import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { pipeline, Transform, type Writable } from 'node:stream';
import { finished, pipeline as pipelineAsync } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { CliError } from './exit-codes';

/** @internal A file being written, gzip-compressed when its name ends in `.gz`. */
export interface OutputFile {
  /** Where the text goes (the gzip stream, or the file): write through an {@link Output}. */
  stream: Writable;
  /** Turns an error of the stream into the one reported: a CliError naming the flag and the file. */
  describe(error: NodeJS.ErrnoException): CliError;
  /**
   * Flushes everything to disk, closes the file and renames it from `<path>.partial` to `path`:
   * only a complete file ever has the name asked for. Rejects with a CliError on a write error.
   */
  commit(): Promise<void>;
  /** Stops writing and removes `<path>.partial` (a failed write leaves no file at `path`). */
  abort(): Promise<void>;
}

/**
 * @internal Opens `<path>.partial` for writing (replacing it), gzip when `path` ends in `.gz`;
 * {@link OutputFile.commit} renames it to `path`. The file is opened here, synchronously, so that
 * a path that cannot be written fails at once, naming `flag`, before anything is read.
 */
export function openOutputFile(path: string, flag: string): OutputFile {
  const partial = `${path}.partial`;
  const describe = (error: NodeJS.ErrnoException) =>
    new CliError(`${flag}: cannot write ${path} (${error.code ?? error.message})`, 1, { cause: error });
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (error) {
    throw describe(error as NodeJS.ErrnoException);
  }
  const file = createWriteStream(partial, { fd });
  const gzip = path.endsWith('.gz') ? createGzip() : undefined;
  // pipeline, not pipe: an error of the file destroys gzip with it (the writer sees it) and the
  // promise settles once both are closed. Its error is kept, not left unhandled: commit reports it.
  let failure: NodeJS.ErrnoException | undefined;
  const settled = (gzip ? pipelineAsync(gzip, file) : finished(file)).catch(
    (error: NodeJS.ErrnoException) => {
      failure ??= error;
    },
  );
  const stream: Writable = gzip ?? file;
  return {
    stream,
    describe,
    async commit() {
      stream.end();
      await settled;
      if (failure !== undefined) {
        rmSync(partial, { force: true });
        throw describe(failure);
      }
      try {
        renameSync(partial, path);
      } catch (error) {
        rmSync(partial, { force: true });
        throw describe(error as NodeJS.ErrnoException);
      }
    },
    async abort() {
      stream.destroy();
      if (gzip) file.destroy();
      await settled;
      rmSync(partial, { force: true });
    },
  };
}

/** @internal A file being read line by line, gunzipped when it starts with gzip's magic bytes. */
export interface InputFile {
  /**
   * The file's bytes in blocks of whole lines: each block ends with a line end (`\n`), except a
   * last line without one. The reader splits them: an import reads its rows straight from the
   * bytes, without decoding them into strings first.
   */
  blocks: AsyncIterator<Buffer>;
  /** The file's size on disk. */
  size: number;
  /** The bytes read from disk so far (compressed bytes for a gzip file): progress against `size`. */
  bytesRead(): number;
  /** Stops reading. */
  close(): void;
}

/**
 * Blocks of whole lines from a byte stream, read as the consumer asks for them (the stream's own
 * async iterator pauses the file meanwhile). A line longer than a chunk is gathered from several
 * and copied once.
 */
async function* lineBlocks(stream: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  /** The start of a line not ended yet, in pieces. */
  let pending: Buffer[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await iterator.next();
    } catch (error) {
      // A read error, or gzip data that is corrupt or cut short.
      throw new CliError(
        `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
    if (next.done) break;
    const chunk = next.value;
    const lastEnd = chunk.lastIndexOf(0x0a);
    if (lastEnd < 0) {
      pending.push(chunk);
      continue;
    }
    const lines = chunk.subarray(0, lastEnd + 1);
    yield pending.length === 0 ? lines : Buffer.concat([...pending, lines]);
    pending = lastEnd + 1 < chunk.length ? [chunk.subarray(lastEnd + 1)] : [];
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

/** @internal Opens `path` for reading lines. */
export function openInputFile(path: string): InputFile {
  let size: number;
  let gzip: boolean;
  try {
    size = statSync(path).size;
    const fd = openSync(path, 'r');
    const magic = Buffer.alloc(2);
    readSync(fd, magic, 0, 2, 0);
    closeSync(fd);
    gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (error) {
    throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let read = 0;
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length;
      callback(null, chunk);
    },
  });
  // pipeline, not pipe: an error of any stage (a read error, corrupt gzip data) destroys the last
  // stage with it, and the line iterator rejects with that error instead of waiting forever.
  const stages: NodeJS.ReadWriteStream[] = gzip ? [counter, createGunzip()] : [counter];
  const source = pipeline(file, ...(stages as [Transform]), () => undefined) as Transform;
  return {
    blocks: lineBlocks(source, path),
    size,
    bytesRead: () => read,
    close: () => {
      file.destroy();
      source.destroy();
    },
  };
}
