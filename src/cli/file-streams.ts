import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { CliError } from './exit-codes';

/** @internal A file being written, gzip-compressed when its name ends in `.gz`. */
export interface OutputFile {
  /** Where the text goes (the gzip stream, or the file). */
  stream: Writable;
  /** Resolves once everything is flushed to disk and the file closed. */
  close(): Promise<void>;
}

/** @internal Opens `path` for writing (replacing it), gzip when it ends in `.gz`. */
export function openOutputFile(path: string): OutputFile {
  const file = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', (error: NodeJS.ErrnoException) =>
      reject(new CliError(`${path}: cannot write (${error.code ?? error.message})`)),
    );
  });
  if (!path.endsWith('.gz')) {
    return { stream: file, close: () => new Promise((r) => file.end(r)).then(() => closed) };
  }
  const gzip = createGzip();
  gzip.pipe(file);
  return { stream: gzip, close: () => new Promise((r) => gzip.end(r)).then(() => closed) };
}

/** @internal A file being read line by line, gunzipped when it starts with gzip's magic bytes. */
export interface InputFile {
  /**
   * The lines. Made at once: readline starts reading as soon as it is created, and lines emitted
   * before an iterator exists are lost.
   */
  lines: AsyncIterator<string>;
  /** The file's size on disk. */
  size: number;
  /** The bytes read from disk so far (compressed bytes for a gzip file): progress against `size`. */
  bytesRead(): number;
  /** Stops reading. */
  close(): void;
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
  let source = file.pipe(counter);
  if (gzip) {
    const gunzip = createGunzip();
    gunzip.on('error', () => undefined); // reported by readline's iterator below
    source = source.pipe(gunzip) as unknown as Transform;
  }
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  return {
    lines: lines[Symbol.asyncIterator](),
    size,
    bytesRead: () => read,
    close: () => {
      lines.close();
      file.destroy();
    },
  };
}
