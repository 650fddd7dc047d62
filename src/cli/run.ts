import { CommanderError } from 'commander';
import { HBaseError, InvalidArgumentError } from '../client/errors';
import { CliError, EXIT } from './exit-codes';
import { buildProgram } from './program';

/**
 * Runs the command line `argv` (without `node` and the script) and resolves to the exit code:
 * 0 done, 1 the operation failed, 2 a usage error. Failures are printed on stderr as one line
 * `hbase-mapper: <message>`; with `--verbose` or `--debug`, in full (stack, causes).
 */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    const verbose = argv.includes('--verbose') || argv.includes('-v') || argv.includes('--debug');
    return report(error, verbose);
  }
}

/** Prints a failure and returns its exit code. */
function report(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander printed its message (and the hint) already. Help and version end with code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const code =
    error instanceof CliError
      ? error.exitCode
      : error instanceof InvalidArgumentError
        ? EXIT.usage
        : EXIT.failed;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hbase-mapper: ${message}\n`);
  if (verbose) process.stderr.write(`${describeFully(error)}\n`);
  else if (!(error instanceof HBaseError || error instanceof CliError)) {
    // An error not of ours: say where to learn more.
    process.stderr.write('hbase-mapper: (run with --verbose for details)\n');
  }
  return code;
}

function describeFully(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}
