import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { CliError } from './exit-codes';

/**
 * @internal Where an import got to, so that an interrupted one resumes there. It records the
 * rows (data lines) of the file that are written to HBase, all of them and every one before them:
 * an import sends several chunks at once, and only a contiguous run of finished chunks counts.
 * Cells carry their timestamps, so the rows a resume writes again (those of the chunks in flight
 * at the interruption) replace their own cells: no version is added twice.
 */
export interface Checkpoint {
  /** The table imported into (as named on the command line). */
  table: string;
  /** The file's size and modification time: a checkpoint of another file is refused. */
  fileSize: number;
  fileMtimeMs: number;
  /** Data lines (rows) of the file known written. */
  rowsDone: number;
}

/** @internal Reads the checkpoint at `path` for this import, if one is there. */
export function readCheckpoint(path: string, table: string, file: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = JSON.parse(text) as Checkpoint;
  } catch {
    checkpoint = undefined as unknown as Checkpoint;
  }
  // `null`, a number, an array: JSON, but not a checkpoint.
  if (typeof checkpoint !== 'object' || checkpoint === null || Array.isArray(checkpoint)) {
    throw new CliError(`${path}: not a checkpoint (delete it, or pass --restart)`);
  }
  const stat = statSync(file);
  if (
    checkpoint.table !== table ||
    checkpoint.fileSize !== stat.size ||
    checkpoint.fileMtimeMs !== stat.mtimeMs ||
    !Number.isSafeInteger(checkpoint.rowsDone)
  ) {
    throw new CliError(
      `${path}: a checkpoint of another import (other table or file); delete it, or pass --restart`,
    );
  }
  return checkpoint;
}

/** @internal A new checkpoint for `file` (nothing done yet). */
export function newCheckpoint(table: string, file: string): Checkpoint {
  const stat = statSync(file);
  return { table, fileSize: stat.size, fileMtimeMs: stat.mtimeMs, rowsDone: 0 };
}

/**
 * @internal Writes a checkpoint atomically (a crash mid-write leaves the previous one). A folder
 * that cannot be written is a CliError naming `--checkpoint` (the default is beside the file).
 */
export function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(checkpoint));
    renameSync(temporary, path);
  } catch (error) {
    throw new CliError(
      `--checkpoint: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass --checkpoint <file> in a folder that can be written`,
      1,
      { cause: error },
    );
  }
}

/** @internal Removes a checkpoint (the import finished). */
export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}
