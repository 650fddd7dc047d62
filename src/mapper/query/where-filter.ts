import { prefixUpperBound } from '../../client/bytes';
import { Filter } from '../../client/filter';
import type { WhereNode } from './where-node';
import type { WhereTarget } from './where-targets';

/** @internal The server-side filter of a normalized `where` (`undefined`: every row matches). */
export function whereFilter(node: WhereNode): Filter | undefined {
  if (node === true) return undefined;
  // Nothing sorts before the empty key: a filter that keeps no row.
  if (node === false) return Filter.row('<', Filter.binary(Buffer.alloc(0)));
  return toFilter(node);
}

function toFilter(node: Exclude<WhereNode, boolean>): Filter {
  if ('all' in node) return Filter.and(...node.all.map((n) => toFilter(n as Exclude<WhereNode, boolean>)));
  if ('any' in node) return Filter.or(...node.any.map((n) => toFilter(n as Exclude<WhereNode, boolean>)));
  const comparator = node.prefix ? Filter.binaryPrefix(node.operand) : Filter.binary(node.operand);
  const { target } = node;
  if (target.kind === 'key') return Filter.row(node.op, comparator);
  return Filter.singleColumnValue(target.family, target.qualifier, node.op, comparator, {
    // The server's answer for a row without the cell is the condition's: see `matchMissing`.
    filterIfMissing: !node.matchMissing,
    // The field's value is the newest version: older ones must not make a row match.
    latestVersionOnly: true,
  });
}

/** @internal The cells a normalized `where` tests (the scan must fetch them). */
export function whereColumns(node: WhereNode): Array<Extract<WhereTarget, { kind: 'column' }>> {
  const found = new Map<string, Extract<WhereTarget, { kind: 'column' }>>();
  const visit = (n: WhereNode) => {
    if (typeof n === 'boolean') return;
    if ('all' in n) n.all.forEach(visit);
    else if ('any' in n) n.any.forEach(visit);
    else if (n.target.kind === 'column') found.set(n.target.columnName, n.target);
  };
  visit(node);
  return [...found.values()];
}

/**
 * @internal The key bytes a normalized `where` confines the rows to, from the key comparisons it
 * requires of every row: `low` inclusive, `high` exclusive. Only an optimization of the scan's
 * bounds: the comparisons stay in the filter.
 */
export function whereKeyBounds(node: WhereNode): { low?: Buffer; high?: Buffer } {
  const required = typeof node === 'object' && 'all' in node ? node.all : [node];
  let low: Buffer | undefined;
  let high: Buffer | undefined;
  const raise = (b: Buffer) => {
    if (low === undefined || b.compare(low) > 0) low = b;
  };
  const lower = (b: Buffer | undefined) => {
    if (b !== undefined && (high === undefined || b.compare(high) < 0)) high = b;
  };
  const next = (b: Buffer) => Buffer.concat([b, Buffer.from([0])]);
  for (const n of required) {
    if (typeof n !== 'object' || !('target' in n) || n.target.kind !== 'key') continue;
    const b = n.operand;
    if (n.op === '=' && n.prefix) {
      raise(b);
      lower(prefixUpperBound(b));
    } else if (n.op === '=') {
      raise(b);
      lower(next(b));
    } else if (n.op === '>=') raise(b);
    else if (n.op === '>') raise(next(b));
    else if (n.op === '<') lower(b);
    else if (n.op === '<=') lower(next(b));
  }
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}
