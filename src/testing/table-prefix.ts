import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../client/errors';

/** Options of {@link tablePrefix}. */
export interface TablePrefixOptions {
  /** What the prefix begins with (default `test`): letters, digits, `-` and `.`. */
  base?: string;
  /**
   * The worker's id. Default: `JEST_WORKER_ID` (Jest), `VITEST_POOL_ID` (Vitest), else this
   * process's id (`node --test` runs each file in a process of its own).
   */
  workerId?: string | number;
  /**
   * Append a random part, so the prefix differs on every run: for an instance reused across
   * watch-mode runs, whose tables outlive a run. Default `false`.
   */
  unique?: boolean;
}

/**
 * A table prefix of the test worker running this code, e.g. `test-w3`: test files that run in
 * parallel against one HBase then never meet each other's tables. Pass it as the `tablePrefix`
 * of the connection options.
 */
export function tablePrefix(options: TablePrefixOptions = {}): string {
  const base = options.base ?? 'test';
  // No `_`: it is the default separator between a prefix and a table name.
  if (typeof base !== 'string' || !/^[A-Za-z0-9.-]{1,40}$/.test(base)) {
    throw new InvalidArgumentError('options.base', 'letters, digits, - and . (1 to 40)', base);
  }
  const env = process.env;
  const worker = String(options.workerId ?? env.JEST_WORKER_ID ?? env.VITEST_POOL_ID ?? `p${process.pid}`);
  if (!/^[A-Za-z0-9.-]{1,20}$/.test(worker)) {
    throw new InvalidArgumentError('options.workerId', 'letters, digits, - and . (1 to 20)', worker);
  }
  const suffix = options.unique ? `-${randomBytes(3).toString('hex')}` : '';
  return `${base}-w${worker}${suffix}`;
}
