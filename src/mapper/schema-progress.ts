import { InvalidArgumentError } from '../client/errors';

/**
 * What `syncSchema`'s `onProgress` receives after each table: the table, what was done to it, and
 * how many tables are done. Each call gets a new, frozen object.
 */
export interface SchemaProgress {
  /** The table just synced (without the connection's prefix). */
  readonly table: string;
  /**
   * What was done to it (with `dryRun`: what would be): `'created'`; `'altered'` (families added,
   * modified or dropped, with `alter`); `'unchanged'` (it matches, or differs without `alter`: see
   * the report's `differences`).
   */
  readonly outcome: 'created' | 'altered' | 'unchanged';
  /** Tables synced so far, this one included (1 to `tablesTotal`). */
  readonly tablesDone: number;
  /** Tables the entities declare: the last call has `tablesDone === tablesTotal`. */
  readonly tablesTotal: number;
  /** Milliseconds since `syncSchema` was called. */
  readonly elapsedMs: number;
}

/**
 * Told each table `syncSchema` has synced. Called synchronously, after every table (never
 * throttled: each call carries its table's outcome). A callback that throws stops the sync there:
 * the tables done stay done (syncing again completes the rest) and `syncSchema` rejects with the
 * callback's error.
 */
export type SchemaProgressCallback = (progress: SchemaProgress) => void;

/** @internal Checks `options.onProgress` of `syncSchema`. */
export function optionalSchemaProgress(value: unknown): SchemaProgressCallback | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new InvalidArgumentError('options.onProgress', 'a function', value);
  return value as SchemaProgressCallback;
}
