import type { BytesLike } from './bytes';
import { toBytes } from './bytes';
import { type ColumnValues, toCellColumn, toColumnList, toColumnValues } from './columns';
import { type Durability, optionalDurability } from './durability';
import { InvalidArgumentError } from './errors';
import { COMPARE_OPERATORS, type CompareOperator } from './filter/compare-operator';
import type { CellCheck } from './gateway/cell-check';
import type { CellMutation } from './gateway/row-mutations';
import { requireOneOf, requireOptions } from './validate';

/**
 * The condition of `table.checkAndMutate`: the cell `column` compared with `value`, the cell on
 * the left: `{ column: 'cf:n', op: '<', value: '5' }` holds when the cell's value sorts before
 * `'5'` (bytes compared unsigned, lexicographically).
 *
 * `value: null` tests the cell's existence: with `'='` (the default) it holds when the cell does
 * not exist, with `'!='` when it does. HBase counts a cell holding an empty value as absent, so
 * `''` and `null` mean the same.
 */
export interface CellCondition {
  /** The cell to check: `family:qualifier`. */
  column: BytesLike;
  /** How the cell's value compares with `value` (default `'='`). */
  op?: CompareOperator;
  /** The value to compare with, or `null`: "no such cell" (with `'='`) or "the cell exists" (`'!='`). */
  value: BytesLike | null;
}

/** What `table.checkAndMutate` applies, all or nothing, when its condition holds. */
export interface RowMutation {
  /** Cells to write, keyed by `family:qualifier`. */
  put?: ColumnValues;
  /**
   * Columns to delete (every version): cells (`cf:qualifier`) and whole families (`cf`). None may
   * cover a cell that `put` writes: HBase stamps all of them with the same millisecond, and a
   * delete masks the puts of its own millisecond.
   */
  delete?: BytesLike[];
}

/** Options of `table.checkAndMutate`. */
export interface CheckAndMutateOptions {
  /** How the mutations reach the write-ahead log (see {@link Durability}). */
  durability?: Durability;
}

/** @internal Validates `checkAndMutate`'s condition, before anything is sent. */
export function toCellCheck(check: unknown): CellCheck {
  const o = requireOptions(check, 'check', ['column', 'op', 'value']);
  const column = toCellColumn(o.column, 'check.column');
  const op = o.op === undefined ? '=' : requireOneOf(o.op, 'check.op', COMPARE_OPERATORS);
  if (o.value === undefined) {
    throw new InvalidArgumentError('check.value', 'a value, or null for "no such cell"', o.value);
  }
  const value = o.value === null ? null : toBytes(o.value, 'check.value');
  if (value === null && op !== '=' && op !== '!=') {
    throw new InvalidArgumentError('check.op', "'=' or '!=' with value: null (existence)", op);
  }
  return { column, op, value };
}

/**
 * @internal Validates `checkAndMutate`'s mutations and options, before anything is sent: at least
 * one, and no delete covering a put (it would mask it).
 */
export function toRowMutation(mutations: unknown, options: unknown): CellMutation[] {
  const o = requireOptions(mutations, 'mutations', ['put', 'delete']);
  const durability = optionalDurability(
    requireOptions(options, 'options', ['durability']).durability,
    'options.durability',
    undefined,
  );
  const wal = durability !== 'skipWal';
  const stamp = (mutation: CellMutation): CellMutation =>
    durability === undefined ? mutation : { ...mutation, durability };
  const puts = o.put === undefined ? [] : toColumnValues(o.put, 'mutations.put');
  const deletes = toColumnList(o.delete, 'mutations.delete') ?? [];
  if (puts.length + deletes.length === 0) {
    throw new InvalidArgumentError('mutations', 'at least one cell to put or column to delete', mutations);
  }
  const written = new Set(puts.map(([column]) => column.id));
  const families = new Set(puts.map(([column]) => column.id.slice(0, column.id.indexOf(':'))));
  for (const [i, column] of deletes.entries()) {
    const id = column.toString('latin1');
    if (written.has(id) || (!id.includes(':') && families.has(id))) {
      throw new InvalidArgumentError(
        `mutations.delete[${i}]`,
        'no column that mutations.put writes (a delete masks the puts of its own millisecond)',
        id,
      );
    }
  }
  return [
    ...deletes.map((column) => stamp({ isDelete: true, column, writeToWAL: wal })),
    ...puts.map(([column, value]) =>
      stamp({ isDelete: false, column: column.bytes, value, writeToWAL: wal }),
    ),
  ];
}
