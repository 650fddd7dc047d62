import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { pipeline, Transform, type Writable } from 'node:stream';
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
  /** The lines, without their line ends. */
  lines: AsyncIterator<string>;
  /** The file's size on disk. */
  size: number;
  /** The bytes read from disk so far (compressed bytes for a gzip file): progress against `size`. */
  bytesRead(): number;
  /** Stops reading. */
  close(): void;
}

/**
 * The lines of a text stream (`\n` or `\r\n`), read as the consumer asks for them: the stream's
 * own async iterator pauses the file while the lines of a chunk are consumed. Faster than
 * readline for files of millions of short lines (no events, one split per chunk).
 */
async function* splitLines(stream: AsyncIterable<string>, path: string): AsyncGenerator<string> {
  let rest = '';
  const iterator = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      // A read error, or gzip data that is corrupt or cut short.
      throw new CliError(
        `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
    if (next.done) break;
    const parts = (rest + next.value).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
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
  source.setEncoding('utf8');
  return {
    lines: splitLines(source, path),
    size,
    bytesRead: () => read,
    close: () => {
      file.destroy();
      source.destroy();
    },
  };
}
