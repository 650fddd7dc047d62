/**
 * @internal The exit codes of the command-line tool, as shell users expect them: 0 success,
 * 1 the operation failed (the server refused, the row is missing, a file could not be read),
 * 2 the command line was wrong (an unknown flag, a bad value), nothing sent.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The operation failed. */
  failed: 1,
  /** A usage error: unknown command or flag, a value a flag does not take. */
  usage: 2,
} as const;

/**
 * @internal An error the CLI reports as one line, with its exit code. Messages never quote row
 * keys or values (they may be secrets): they name the flag, the file or the table.
 */
export class CliError extends Error {
  /** The process's exit code. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.failed, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }

  /** A wrong command line (exit code 2). */
  static usage(message: string): CliError {
    return new CliError(message, EXIT.usage);
  }
}
