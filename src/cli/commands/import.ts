import { Command } from 'commander';
import { Connection } from '../../client/connection';
import { InvalidArgumentError } from '../../client/errors';
import { newCheckpoint, readCheckpoint, removeCheckpoint, writeCheckpoint } from '../checkpoint';
import { ColumnInterner } from '../column-interner';
import { addConnectionFlags, type ConnectionFlags, connectionOptionsFromFlags } from '../connection-flags';
import { withConnection } from '../context';
import { CliError } from '../exit-codes';
import { parseHeader, parseRow } from '../export-format';
import { openInputFile } from '../file-streams';
import { ImportTables } from '../import-connections';
import { dataError, ImportChunk } from '../import-writer';
import { integerIn } from '../option-parsers';
import { addProgressFlags, type ProgressFlags } from '../progress-flags';
import { createProgressReporter } from '../progress-reporter';
import { type ParsedRow, RowLineParser } from '../row-line-parser';

interface ImportFlags extends ConnectionFlags, ProgressFlags {
  batchSize: number;
  concurrency: number;
  checkpoint?: string;
  restart?: boolean;
  create?: boolean;
  timestamps: boolean;
}

/** Milliseconds at least between two checkpoint writes (and always one at the end or on failure). */
const CHECKPOINT_INTERVAL = 500;

/**
 * @internal `import <table> <file>`: writes the rows of an export file into a table, resuming
 * from its checkpoint file after an interruption (see checkpoint.ts).
 */
export function importCommand(): Command {
  const command = new Command('import')
    .description(
      'write the rows of an export file (.jsonl or .jsonl.gz) into a table; resumes after an interruption',
    )
    .argument('<table>', 'table name')
    .argument('<file>', 'a file written by export')
    .option('--batch-size <n>', 'rows per mutation call', integerIn(1, 100_000), 1000)
    .option(
      '--concurrency <n>',
      'mutation calls in flight at once, each on a connection of its own',
      integerIn(1, 64),
      4,
    )
    .option('--checkpoint <file>', 'where progress is recorded (default <file>.checkpoint)')
    .option('--restart', 'ignore an existing checkpoint and start from the first row')
    .option('--create', "create the table, with the export's column families, if it does not exist")
    .option('--no-timestamps', "write the cells at the server's time instead of their own (not idempotent)");
  addProgressFlags(command);
  addConnectionFlags(command);
  return command.action(async (name: string, file: string, flags: ImportFlags) => {
    const input = openInputFile(file);
    // Ctrl-C or SIGTERM: stop reading, let the calls in flight finish, record the checkpoint, exit
    // 130 (SIGINT) or 143 (SIGTERM), as a shell reports a process those signals ended. A second
    // signal ends the process at once.
    let interrupted: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (interrupted !== undefined) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.kill(process.pid, signal);
        return;
      }
      interrupted = signal;
    };
    // The progress bar is opened later: its own handler (which ends the process when no other is
    // there) then sees this one.
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const reporter = createProgressReporter({
      label: 'import',
      mode: flags.progress,
      interval: flags.progressInterval,
      stream: process.stderr,
    });
    try {
      const checkpointPath = flags.checkpoint ?? `${file}.checkpoint`;
      const resumed = flags.restart ? undefined : readCheckpoint(checkpointPath, name, file);
      const checkpoint = resumed ?? newCheckpoint(name, file);
      if (resumed)
        process.stderr.write(`import: resuming after row ${resumed.rowsDone} (${checkpointPath})\n`);
      await withConnection(flags, async ({ connection }) => {
        const blocks = input.blocks;
        const first = await blocks.next();
        const firstBlock = first.done ? undefined : first.value;
        const headerEnd = firstBlock === undefined ? -1 : lineEnd(firstBlock, 0);
        const header = parseHeader(
          firstBlock === undefined
            ? undefined
            : firstBlock.toString('utf8', 0, trimCr(firstBlock, 0, headerEnd)),
          file,
        );
        // Checked first: the gateway would report a missing table once per mutation, late and long.
        if (!(await connection.tables()).includes(name)) {
          if (!flags.create) {
            throw new CliError(
              `table ${name} does not exist (--create creates it with the export's families)`,
            );
          }
          try {
            await connection.createTable(name, header.families);
          } catch (error) {
            // Settings the library refuses come from the file's header: exit code 1, not usage.
            if (!(error instanceof InvalidArgumentError)) throw error;
            throw new CliError(`${file}: the header's families: ${error.message}`, 1, { cause: error });
          }
        }
        const table = connection.table(name);
        // The connections of the chunks in flight beyond the first: the same settings.
        const tables = new ImportTables(table, name, () => new Connection(connectionOptionsFromFlags(flags)));
        let lastWrite = performance.now();
        // Before any row is sent: a checkpoint that cannot be written fails the import here.
        writeCheckpoint(checkpointPath, checkpoint);
        const save = (force: boolean) => {
          const now = performance.now();
          if (!force && now - lastWrite < CHECKPOINT_INTERVAL) return;
          lastWrite = now;
          writeCheckpoint(checkpointPath, checkpoint);
        };
        try {
          await importRows(
            tables,
            firstBlock === undefined ? undefined : firstBlock.subarray(headerEnd + 1),
            blocks,
            { ...flags, file, skip: checkpoint.rowsDone },
            {
              interrupted: () => interrupted !== undefined,
              done: (rowsDone) => {
                checkpoint.rowsDone = rowsDone;
                save(false);
              },
              progress: (rows) => reporter.update({ rows, bytes: input.bytesRead(), totalBytes: input.size }),
            },
          );
        } catch (error) {
          // The import's own error is the one reported, even if this last save fails too.
          try {
            save(true);
          } catch {}
          throw error;
        } finally {
          await tables.close();
        }
        save(true);
        reporter.finish({ rows: checkpoint.rowsDone, bytes: input.bytesRead(), totalBytes: input.size });
        if (interrupted !== undefined) {
          throw new CliError(
            `interrupted: run the same command again to resume`,
            interrupted === 'SIGTERM' ? 143 : 130,
          );
        }
        removeCheckpoint(checkpointPath);
      });
    } finally {
      reporter.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      input.close();
    }
  });
}

interface ImportHooks {
  interrupted(): boolean;
  /** All rows up to this count (data lines) are written. */
  done(rowsDone: number): void;
  progress(rowsRead: number): void;
}

/** The position of the line end (`\n`) of the line starting at `start`, or the block's length. */
function lineEnd(block: Buffer, start: number): number {
  const end = block.indexOf(0x0a, start);
  return end < 0 ? block.length : end;
}

/** The end of a line's content: before a `\r` that precedes its `\n`. */
function trimCr(block: Buffer, start: number, end: number): number {
  return end > start && block[end - 1] === 0x0d ? end - 1 : end;
}

/**
 * Reads the data lines in chunks of `batchSize` rows and writes up to `concurrency` chunks at
 * once. Chunks may finish out of order: `done` is told the end of the longest run of finished
 * chunks from the start, which is what a checkpoint may record. While chunks are in flight, the
 * next ones are read: the file is parsed as the gateway writes.
 *
 * Lines are read from the bytes: a row written the way `export` writes rows by
 * {@link RowLineParser} (views of the line, no strings), any other line by `parseRow`
 * (`JSON.parse`, which also names what is wrong with a line).
 */
async function importRows(
  tables: ImportTables,
  rest: Buffer | undefined,
  blocks: AsyncIterator<Buffer>,
  o: ImportFlags & { file: string; skip: number },
  hooks: ImportHooks,
): Promise<void> {
  let lineNumber = 1; // the header
  let rowsRead = 0;
  /** Chunks in flight, by their end (rows read when the chunk was cut). */
  const inFlight = new Map<number, Promise<void>>();
  const finished = new Set<number>();
  const ends: number[] = [];
  let failure: unknown;
  const advance = () => {
    let done: number | undefined;
    while (ends.length > 0 && finished.has(ends[0]!)) {
      done = ends.shift()!;
      finished.delete(done);
    }
    if (done !== undefined) hooks.done(done);
  };
  const launch = (chunk: ImportChunk, end: number) => {
    ends.push(end);
    // At most `concurrency` chunks are in flight, so at most that many connections are used.
    const target = tables.take();
    const write = chunk.send(o.file, target).then(
      () => {
        tables.give(target);
        inFlight.delete(end);
        finished.add(end);
        try {
          advance();
        } catch (error) {
          failure ??= error; // a checkpoint that cannot be saved: stop after the writes in flight
        }
      },
      (error: unknown) => {
        tables.give(target);
        inFlight.delete(end);
        failure ??= error;
      },
    );
    inFlight.set(end, write);
  };
  const columns = new ColumnInterner();
  const parser = new RowLineParser(columns);
  const readRow = (block: Buffer, start: number, end: number): ParsedRow => {
    const row = parser.parse(block, start, end);
    if (row !== undefined) return row;
    const parsed = parseRow(block.toString('utf8', start, end), lineNumber, o.file);
    return {
      key: parsed.key,
      cells: parsed.cells.map((cell) => ({ ...cell, column: columns.intern(cell.column) })),
    };
  };
  const table = tables.main;
  let chunk = new ImportChunk(table, o.timestamps);
  let block = rest;
  reading: while (failure === undefined && !hooks.interrupted()) {
    if (block === undefined || block.length === 0) {
      const next = await blocks.next();
      // A signal while the file was read: stop before the block's rows.
      if (next.done || hooks.interrupted()) break;
      block = next.value;
    }
    const current = block;
    block = undefined;
    let start = 0;
    while (start < current.length) {
      const next = lineEnd(current, start);
      const end = trimCr(current, start, next);
      const from = start;
      start = next + 1;
      lineNumber++;
      if (end === from) continue; // a trailing newline
      rowsRead++;
      if (rowsRead <= o.skip) continue;
      try {
        chunk.add(readRow(current, from, end), lineNumber);
      } catch (error) {
        // A line that is not a row (parseRow's CliError names it already) or one the library
        // refuses (its key, a column): named by its number. The chunks in flight settle first:
        // the checkpoint then counts them.
        failure = dataError(error, `${o.file}:${lineNumber}`);
        break reading;
      }
      if (chunk.rows >= o.batchSize) {
        launch(chunk, rowsRead);
        chunk = new ImportChunk(table, o.timestamps);
        hooks.progress(rowsRead);
        while (inFlight.size >= o.concurrency) await Promise.race(inFlight.values());
        if (failure !== undefined || hooks.interrupted()) break reading;
      }
    }
  }
  if (chunk.rows > 0 && failure === undefined && !hooks.interrupted()) launch(chunk, rowsRead);
  await Promise.all(inFlight.values());
  if (failure !== undefined) throw failure;
  hooks.progress(rowsRead);
}
