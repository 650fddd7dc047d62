import { toBytes } from '../bytes';
import { InvalidArgumentError } from '../errors';
import { FilterNode } from './filter-node';

/**
 * @internal The bytes of a `filter` option: a built {@link Filter}, or a filter string written by
 * hand (`string | Buffer | Uint8Array`).
 */
export function toFilterBytes(value: unknown, argument: string): Buffer {
  if (value instanceof FilterNode) return value.toBuffer();
  if (typeof value === 'string' || value instanceof Uint8Array) return toBytes(value, argument);
  throw new InvalidArgumentError(
    argument,
    'a Filter or a filter string (string, Buffer or Uint8Array)',
    value,
  );
}

/**
 * @internal Whether a `filter` option is known to decide on whole rows, which HBase refuses in a
 * scan with `scanBatching` — only after ~50 s of retries, so the scan should reject it up front.
 * Filter strings written by hand are not inspected (`false`).
 */
export function filtersWholeRows(value: unknown): boolean {
  return value instanceof FilterNode && value.filtersRows;
}
