import { InvalidArgumentError as CommanderArgumentError } from 'commander';

/**
 * @internal A commander parser of whole numbers in `[min, max]`. Commander reports its error as
 * `error: option '--limit <n>' argument 'x' is invalid. <reason>` and exits with code 2 (see run.ts).
 */
export function integerIn(min: number, max: number = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new CommanderArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `Expected an integer >= ${min}.`
          : `Expected an integer from ${min} to ${max}.`,
      );
    }
    return value;
  };
}

/** @internal A commander parser of comma-separated lists (`cf:a,cf:b`), empty items dropped. */
export function commaList(text: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...text.split(',').filter((item) => item !== '')];
}
