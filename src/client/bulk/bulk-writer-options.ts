import { type Durability, optionalDurability } from '../durability';
import { InvalidArgumentError } from '../errors';
import type { ProgressOptions, ProgressSettings } from '../progress';
import { progressSettings } from '../progress';
import { type RetryOptions, type RetryPolicy, resolveRetryPolicy } from '../retry-policy';
import { optionalBoolean, optionalInteger, optionalTimestamp, requireOptions } from '../validate';

/**
 * Options of a bulk writer (see {@link BulkWriter}). With `onProgress`, it reports the mutations
 * written (`rows`), their cells and payload bytes, and the batches acknowledged (`calls`), with
 * `operation: 'bulk'`; the final report comes from `close()`.
 */
export interface BulkWriterOptions extends ProgressOptions {
  /**
   * Batches in flight at once (default: the pool's size; 4 on a single connection, which
   * pipelines them). Each batch is a lease of its own from the pool.
   */
  parallel?: number;
  /** Mutations per batch at most (default 1000). */
  batchRows?: number;
  /**
   * Bytes per batch at most, counted as {@link BulkWriterOptions.maxBufferedBytes} counts them
   * (default 1 MiB, or a quarter of a smaller `maxBufferedBytes`). A batch larger than a framed gateway's frame size is still split into calls
   * that fit, as `table.batch()` splits.
   */
  batchBytes?: number;
  /**
   * Bound of the bytes buffered and in flight together (default 16 MiB): the payload of each
   * mutation (row key, columns, values) plus 64 bytes of bookkeeping. When it is reached, `put()`
   * and `delete()` wait (their promises resolve once there is room) and batches are sent even if
   * not full. One mutation larger than the bound is accepted when nothing else is buffered.
   */
  maxBufferedBytes?: number;
  /**
   * Timestamp (ms) of every mutation that gives none of its own. Mutations with an explicit
   * timestamp are idempotent, so their batches are retried (see `retry`).
   */
  timestamp?: number | bigint;
  /**
   * Retries of a failed batch whose mutations all carry an explicit timestamp (default: the
   * `retry` option of the connection that sent it; `false`: none). A batch with a mutation at the
   * server's time is never retried: a replay would write a second version.
   */
  retry?: RetryOptions | boolean;
  /** Write to the write-ahead log (default `true`). */
  wal?: boolean;
  /** How the writes reach the write-ahead log (see {@link Durability}). Not with `wal`. */
  durability?: Durability;
}

/** @internal Validated bulk writer settings. */
export interface BulkWriterSettings {
  parallel: number | undefined;
  batchRows: number;
  batchBytes: number;
  maxBufferedBytes: number;
  timestamp: bigint | undefined;
  /** `undefined`: the connection's policy; `null`: no retries. */
  retry: RetryPolicy | null | undefined;
  wal: boolean | undefined;
  durability: Durability | undefined;
  progress: ProgressSettings | undefined;
}

const MiB = 1024 * 1024;

/** @internal The option names of a bulk writer (`Repository.saveAll` passes these through). */
export const BULK_WRITER_OPTION_NAMES = [
  'parallel',
  'batchRows',
  'batchBytes',
  'maxBufferedBytes',
  'timestamp',
  'retry',
  'wal',
  'durability',
  'onProgress',
  'progressInterval',
] as const;

/** @internal Validates the options of a bulk writer, naming each as `options.<name>`. */
export function bulkWriterSettings(options: unknown): BulkWriterSettings {
  const o = requireOptions(options, 'options', BULK_WRITER_OPTION_NAMES);
  const givenBatchBytes = optionalInteger(o.batchBytes, 'options.batchBytes', 1, 2 ** 31 - 1);
  const givenMax = optionalInteger(
    o.maxBufferedBytes,
    'options.maxBufferedBytes',
    1,
    Number.MAX_SAFE_INTEGER,
  );
  // Defaults: 1 MiB batches in 16 MiB; a smaller bound gets batches of a quarter of it.
  const batchBytes = givenBatchBytes ?? Math.max(1, Math.min(MiB, Math.floor((givenMax ?? 16 * MiB) / 4)));
  const maxBufferedBytes = givenMax ?? Math.max(16 * MiB, batchBytes);
  if (maxBufferedBytes < batchBytes) {
    throw new InvalidArgumentError(
      'options.maxBufferedBytes',
      'at least options.batchBytes (a full batch must fit in the buffer)',
      maxBufferedBytes,
    );
  }
  return {
    parallel: optionalInteger(o.parallel, 'options.parallel', 1, 1024),
    batchRows: optionalInteger(o.batchRows, 'options.batchRows', 1, 1_000_000) ?? 1000,
    batchBytes,
    maxBufferedBytes,
    timestamp: optionalTimestamp(o.timestamp, 'options.timestamp'),
    retry: o.retry === undefined ? undefined : (resolveRetryPolicy(o.retry) ?? null),
    wal: optionalBoolean(o.wal, 'options.wal'),
    durability: optionalDurability(o.durability, 'options.durability', o.wal),
    progress: progressSettings(o),
  };
}
