import type { CompareOperator } from '../../client/filter/compare-operator';
import type { WhereTarget } from './where-targets';

/**
 * @internal One comparison sent to the server: a key (`RowFilter`) or a cell
 * (`SingleColumnValueFilter`) compared with bytes. `matchMissing` is what it says of a row without
 * the cell (`filterIfMissing` is its opposite); keys are never missing.
 */
export interface Comparison {
  target: WhereTarget;
  op: CompareOperator;
  /** `binaryprefix` compares the first `operand.length` bytes only. */
  prefix: boolean;
  operand: Buffer;
  matchMissing: boolean;
}

/** @internal A `where` in negation normal form: `not` is pushed down into the comparisons. */
export type WhereNode = boolean | Comparison | { all: WhereNode[] } | { any: WhereNode[] };

const NEGATED: Record<CompareOperator, CompareOperator> = {
  '=': '!=',
  '!=': '=',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};

/** @internal The exact complement of a node (De Morgan down to the comparisons). */
export function negate(node: WhereNode): WhereNode {
  if (typeof node === 'boolean') return !node;
  if ('all' in node) return anyOf(node.all.map(negate));
  if ('any' in node) return allOf(node.any.map(negate));
  // The exact complement: the other operator, and the other answer for a row without the cell.
  return { ...node, op: NEGATED[node.op], matchMissing: !node.matchMissing };
}

/** @internal All of the nodes, simplified (constants folded, nested ANDs flattened). */
export function allOf(nodes: WhereNode[]): WhereNode {
  const kept: WhereNode[] = [];
  for (const node of nodes) {
    if (node === false) return false;
    if (node === true) continue;
    if (typeof node === 'object' && 'all' in node) kept.push(...node.all);
    else kept.push(node);
  }
  return kept.length === 0 ? true : kept.length === 1 ? kept[0]! : { all: kept };
}

/** @internal Any of the nodes, simplified (constants folded, nested ORs flattened). */
export function anyOf(nodes: WhereNode[]): WhereNode {
  const kept: WhereNode[] = [];
  for (const node of nodes) {
    if (node === true) return true;
    if (node === false) continue;
    if (typeof node === 'object' && 'any' in node) kept.push(...node.any);
    else kept.push(node);
  }
  return kept.length === 0 ? false : kept.length === 1 ? kept[0]! : { any: kept };
}
