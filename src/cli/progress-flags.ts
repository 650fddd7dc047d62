import { type Command, Option } from 'commander';
import { integerIn } from './option-parsers';
import { PROGRESS_MODES, type ProgressMode } from './progress-reporter';

/** @internal The flags of commands that report progress. */
export interface ProgressFlags {
  progress: ProgressMode;
  progressInterval: number;
}

/** @internal Adds `--progress` and `--progress-interval`. */
export function addProgressFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--progress <mode>', 'progress on stderr: a bar on a terminal, plain lines when piped')
        .choices(PROGRESS_MODES)
        .default('auto'),
    )
    .option(
      '--progress-interval <ms>',
      'milliseconds between two plain progress lines',
      integerIn(0, 3_600_000),
      2000,
    );
}
