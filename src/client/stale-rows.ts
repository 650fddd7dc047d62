/**
 * Rows a secondary region replica answered (`consistency: 'timeline'`), kept apart from the row
 * objects themselves so that their shape stays the usual one (no extra key to trip equality or
 * serialization). Weak: a row forgotten by the caller is forgotten here.
 */
const STALE = new WeakSet<object>();

/** @internal Marks a row's data as answered by a secondary replica. */
export function markStale<T extends object>(data: T): T {
  STALE.add(data);
  return data;
}

/**
 * Whether a row's data (from `row`, `rows` or `scan` with `consistency: 'timeline'`) came from a
 * secondary region replica, and so may lag behind the primary. `false` for every other row.
 *
 * @example
 * ```ts
 * const data = await table.row('user-1', { consistency: 'timeline' });
 * if (isStale(data)) console.log('read from a replica: may be behind');
 * ```
 */
export function isStale(data: object): boolean {
  return STALE.has(data);
}
