/**
 * A step of {@link LocalHBase.start}, passed to its `onProgress` option.
 *
 * - `jars`: resolving HBase's jars with Maven; the first time they are downloaded from Maven
 *   Central (~200 MB), and `downloaded` counts the files fetched so far;
 * - `start`: the Java processes are starting;
 * - `ready`: the master or a gateway is ready.
 */
export interface LocalHBaseProgress {
  /** The step: `jars`, `start` or `ready`. */
  readonly stage: 'jars' | 'start' | 'ready';
  /** A line for a human, e.g. `downloaded 42 files from Maven Central`. */
  readonly message: string;
  /** With `jars`: how many files Maven downloaded so far in this start. */
  readonly downloaded?: number;
}
