import { HttpStatusError, IOError, TransportError } from './errors';
import { optionalInteger, requireOptions } from './validate';

/** Opt-in retries of operations that are safe to repeat (see {@link RETRYABLE_METHODS}). */
export interface RetryOptions {
  /** Attempts in all, the first one included (default 3). */
  attempts?: number;
  /** Milliseconds before the first retry (default 100); doubled for each further retry, with jitter. */
  backoff?: number;
  /** Upper bound of one backoff in milliseconds (default 2000). */
  maxBackoff?: number;
}

/** @internal Validated retry settings. */
export interface RetryPolicy {
  attempts: number;
  backoff: number;
  maxBackoff: number;
}

/**
 * The gateway calls that may be repeated after a failure without changing the outcome: reads,
 * opening a scanner, admin reads, and puts/deletes that carry an explicit timestamp (writing the
 * same cell version twice stores it once). Never retried: increments, appends, checkAndPut,
 * writes at the server's time (a replay could add a version or resurrect a deleted value), admin
 * changes, `scannerGetList` (the scanner has moved on; scans resume on a new scanner instead) and
 * `scannerClose` (a close whose reply was lost would be answered "invalid scanner" the second time).
 */
export const RETRYABLE_METHODS: ReadonlySet<string> = new Set([
  'getTableNames',
  'getColumnDescriptors',
  'getTableRegions',
  'isTableEnabled',
  'getClusterId',
  'getThriftServerType',
  'getRegionInfo',
  'get',
  'getVer',
  'getVerTs',
  'getRow',
  'getRowWithColumns',
  'getRowTs',
  'getRowWithColumnsTs',
  'getRows',
  'getRowsWithColumns',
  'getRowsTs',
  'getRowsWithColumnsTs',
  'scannerOpenWithScan',
  'mutateRowTs',
  'mutateRowsTs',
  'deleteAllTs',
  'deleteAllRowTs',
  // Thrift2's reads (the names the client gives these calls on either gateway).
  'getMultiple',
  'existsAll',
  'getTableDescriptor',
  'listNamespaces',
  'getNamespaceDescriptor',
]);

/** @internal Validates the `retry` option. */
export function resolveRetryPolicy(value: unknown): RetryPolicy | undefined {
  if (value === undefined || value === false) return undefined;
  const o =
    value === true ? {} : requireOptions(value, 'options.retry', ['attempts', 'backoff', 'maxBackoff']);
  return {
    attempts: optionalInteger(o.attempts, 'options.retry.attempts', 1, 100) ?? 3,
    backoff: optionalInteger(o.backoff, 'options.retry.backoff', 0, 60_000) ?? 100,
    maxBackoff: optionalInteger(o.maxBackoff, 'options.retry.maxBackoff', 0, 600_000) ?? 2000,
  };
}

/** HTTP statuses that ask the client to come back later; any other answer would come again. */
const RETRYABLE_HTTP_STATUSES = new Set([429, 502, 503, 504]);

/** @internal Whether a failed attempt is worth repeating: the transport failed, or HBase says so. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof HttpStatusError) return RETRYABLE_HTTP_STATUSES.has(error.status);
  return error instanceof TransportError || (error instanceof IOError && error.canRetry);
}

/** @internal Milliseconds to wait before retry number `retry` (1-based): exponential, half jitter. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxBackoff, policy.backoff * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
