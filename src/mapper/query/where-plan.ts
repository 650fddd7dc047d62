import type { BytesLike } from '../../client/bytes';
import { InvalidArgumentError } from '../../client/errors';
import { Filter } from '../../client/filter';
import { andFilters } from '../../client/filter-string';
import { wholeFamiliesLast } from '../column-selection';
import type { KeyRange } from '../key-range';
import type { KeySpace } from '../key-space';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { fixedKeyParts, normalizeWhere } from './where-compile';
import { whereColumns, whereFilter, whereKeyBounds } from './where-filter';
import type { WhereNode } from './where-node';

/** @internal What a `where` adds to a scan plan beyond its filter. */
export interface WherePlan {
  /** Cells fetched only for the filter (not selected): dropped before the entity is built. */
  hidden: string[];
  /** Whether the filter tests cells (then a count must not cut rows down to their first cell). */
  testsCells: boolean;
  /**
   * The tested cells, when every row the `where` keeps holds one of them (no comparison accepts a
   * missing cell): a count then reads only these, not whole rows.
   */
  countColumns?: Buffer[];
  /** Whether no row can match (a contradiction on the key, or a constant false): nothing is read. */
  empty: boolean;
}

/**
 * @internal Plans the `where` option of a scan: its filter is ANDed with the scan's `filter`, the
 * cells it tests are fetched even when `select` leaves them out, and conditions every row must
 * meet on the key narrow the scan's bounds when it has none of its own.
 */
export function planWhere(
  meta: EntityMetadata,
  space: KeySpace,
  where: unknown,
  range: KeyRange,
  shared: { filter?: Buffer; columns?: BytesLike[] },
  prefix?: unknown,
): WherePlan {
  if (where === undefined) {
    throw new InvalidArgumentError(
      'options.where',
      'conditions (an undefined where would match every row)',
      where,
    );
  }
  const userFilter = shared.filter !== undefined;
  const node = normalizeWhere(
    meta,
    where,
    'options.where',
    fixedKeyParts(meta, where, prefixKeyParts(meta, prefix)),
  );
  const columns = whereColumns(node);
  let filter = whereFilter(node);
  if (filter !== undefined && range.reverse && columns.length > 0) {
    // A SingleColumnValueFilter with filterIfMissing makes the other families "non-essential",
    // which region servers load on demand (their default) — and refuse in a reverse scan ("Reverse
    // scan with loading CFs on demand is not supported"). A filter that keeps every row and, like
    // most filters, needs every family makes them all essential again.
    filter = filter.and(EVERY_ROW);
  }
  if (filter !== undefined) shared.filter = andFilters(shared.filter, filter.toBuffer());
  const hidden: string[] = [];
  if (shared.columns !== undefined) {
    // The plan's columns are Buffers (from `columnsOf`), whole families last.
    const selected = shared.columns as Buffer[];
    const whole = new Set(selected.filter((c) => !c.includes(COLON)).map((c) => c.toString('utf8')));
    const added: Buffer[] = [];
    for (const target of columns) {
      // A family read whole already holds the cell: naming it too would narrow the family to it.
      if (whole.has(target.family) || selected.some((c) => c.equals(target.column))) continue;
      added.push(target.column);
      hidden.push(target.columnName);
    }
    shared.columns = wholeFamiliesLast([...selected, ...added]);
  }
  // Salted keys are bucket by bucket (their bytes start with the salt): only the filter applies.
  const unbounded = range.start === undefined && range.stop === undefined && range.prefix === undefined;
  let empty = node === false;
  if (space.leadLength === 0) {
    const { low, high } = whereKeyBounds(node);
    // No key lies in [low, high): nothing to read (not a scan of the whole table to find nothing).
    if (low !== undefined && high !== undefined && low.compare(high) >= 0) empty = true;
    else if (unbounded) {
      // Reversed, `start` is an inclusive upper end and `stop` an exclusive lower one: only the
      // upper end can be given (the row at `high` itself is left to the filter).
      if (!range.reverse) {
        if (low !== undefined) range.start = low;
        if (high !== undefined) range.stop = high;
      } else if (high !== undefined) {
        range.start = high;
      }
    }
  }
  const plan: WherePlan = { hidden, testsCells: columns.length > 0, empty };
  // A filter of the user's own may test other cells: a count then reads whole rows.
  if (columns.length > 0 && !userFilter && !acceptsMissing(node)) {
    plan.countColumns = columns.map((c) => c.column);
  }
  return plan;
}

const COLON = 0x3a;

/**
 * The leading key parts a scan's `prefix` (an object of leading key fields, already checked)
 * fixes: every row of the scan has them, as if the where required them.
 */
function prefixKeyParts(meta: EntityMetadata, prefix: unknown): unknown[] {
  if (meta.keyParts.length < 2 || typeof prefix !== 'object' || prefix === null) return [];
  const fixed: unknown[] = [];
  for (const part of meta.keyParts) {
    const value = (prefix as Record<string, unknown>)[part.property];
    if (value === undefined) break;
    fixed.push(value);
  }
  return fixed;
}

/** Keeps every row: every key sorts at or after the empty bytes. */
const EVERY_ROW = Filter.row('>=', Filter.binary(Buffer.alloc(0)));

/** @internal A scanned row without the cells fetched only for the filter. */
export function withoutHidden<D extends Record<string, unknown>>(plan: WherePlan | undefined, data: D): D {
  if (plan === undefined || plan.hidden.length === 0) return data;
  const copy = { ...data };
  for (const column of plan.hidden) delete copy[column];
  return copy;
}

/** @internal What a count with a `where` filters on: keys only, but every cell for the tests. */
export const COUNT_WITH_CELL_TESTS = Filter.keyOnly();

/**
 * Whether the node may keep a row that holds none of the cells it tests: some comparison accepts
 * a missing cell, or compares the key (which a row has without any tested cell).
 */
function acceptsMissing(node: WhereNode): boolean {
  if (typeof node === 'boolean') return node;
  if ('all' in node) return node.all.every(acceptsMissing);
  if ('any' in node) return node.any.some(acceptsMissing);
  return node.matchMissing || node.target.kind === 'key';
}
