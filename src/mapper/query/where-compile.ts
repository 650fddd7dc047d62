import { prefixUpperBound } from '../../client/bytes';
import { InvalidArgumentError } from '../../client/errors';
import type { CompareOperator } from '../../client/filter/compare-operator';
import { encodeArgument } from '../codec-rejection';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { isWhereGroup } from './combinators';
import { type FieldCondition, isFieldCondition } from './conditions';
import { embeddedNode } from './where-embedded';
import { allOf, anyOf, type Comparison, negate, type WhereNode } from './where-node';
import { byteOrderOf, prefixKind, type WhereTarget, whereTarget } from './where-targets';

/** The same comparison on bytes that sort against the values (`descending(...)`). */
const REVERSED: Record<CompareOperator, CompareOperator> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
};

/**
 * @internal Validates a `where` option against the entity and turns it into comparisons: every
 * field known, every value encoded by its field's codec (a refusal names the field), every
 * operator allowed by the codec — all before anything is sent.
 */
export function normalizeWhere(
  meta: EntityMetadata,
  where: unknown,
  argument: string,
  fixed: readonly unknown[] = fixedKeyParts(meta, where),
): WhereNode {
  if (isWhereGroup(where)) {
    const parts = where.clauses.map((c, i) =>
      normalizeWhere(meta, c, `${argument}.${where.op}[${i}]`, fixed),
    );
    if (where.op === 'and') return allOf(parts);
    if (where.op === 'or') return anyOf(parts);
    return negate(parts[0]!);
  }
  if (typeof where !== 'object' || where === null || Array.isArray(where) || isFieldCondition(where)) {
    throw new InvalidArgumentError(
      argument,
      `an object of ${meta.name} fields to conditions, or and()/or()/not() of such objects`,
      where,
    );
  }
  const nodes: WhereNode[] = [];
  for (const property of Object.keys(where)) {
    const at = `${argument}.${property}`;
    const value = (where as Record<string, unknown>)[property];
    if (value === undefined || value === null) {
      // Never "no condition": a forgotten value must not widen the scan to every row.
      throw new InvalidArgumentError(at, 'a value or a condition (use missing() for an absent field)', value);
    }
    const embedded = meta.embedded.find((e) => e.property === property);
    if (embedded !== undefined) {
      nodes.push(embeddedNode(meta, embedded, value, at, (t, c, a) => fieldNode(meta, t, c, a)));
      continue;
    }
    const target = whereTarget(meta, property, at, fixed);
    nodes.push(fieldNode(meta, target, isFieldCondition(value) ? value : { op: 'eq', values: [value] }, at));
  }
  return allOf(nodes);
}

/**
 * @internal The values a `where` fixes for the leading parts of a composite key, in order:
 * equalities (a plain value or `eq`) that every row must meet — in the top-level object, or in a
 * field object directly under a top-level `and` — else the parts a scan's `prefix` gives (`seed`).
 */
export function fixedKeyParts(
  meta: EntityMetadata,
  where: unknown,
  seed: readonly unknown[] = [],
): unknown[] {
  if (meta.keyParts.length < 2) return [];
  const required: unknown[] = isWhereGroup(where) ? (where.op === 'and' ? [...where.clauses] : []) : [where];
  const equal = new Map<string, unknown>();
  for (const clause of required) {
    if (typeof clause !== 'object' || clause === null || isWhereGroup(clause) || isFieldCondition(clause))
      continue;
    for (const [property, value] of Object.entries(clause)) {
      if (value === undefined || value === null) continue;
      if (!isFieldCondition(value)) equal.set(property, value);
      else if (value.op === 'eq') equal.set(property, value.values[0]);
    }
  }
  const fixed: unknown[] = [];
  for (const [i, part] of meta.keyParts.entries()) {
    if (!equal.has(part.property) && i >= seed.length) break;
    const value = equal.has(part.property) ? equal.get(part.property) : seed[i];
    try {
      part.codec.encode(value);
    } catch {
      break; // not fixed: its own condition reports the value, naming the field
    }
    fixed.push(value);
  }
  return fixed;
}

function fieldNode(
  meta: EntityMetadata,
  target: WhereTarget,
  condition: Pick<FieldCondition<unknown>, 'op' | 'values'>,
  at: string,
): WhereNode {
  const { op, values } = condition;
  const encode = (value: unknown, where: string) =>
    target.kind === 'key' ? target.encode(value, where) : encodeValue(target, value, where);
  switch (op) {
    case 'eq':
      return equality(target, encode(values[0], at));
    case 'ne':
      return negate(equality(target, encode(values[0], at)));
    case 'in':
      return anyOf(values.map((v, i) => equality(target, encode(v, `${at}[${i}]`))));
    case 'exists':
    case 'missing': {
      // Every value sorts at or after the empty bytes: `>= ''` holds for every cell there is.
      const present: WhereNode = target.kind === 'key' ? true : comparison(target, '>=', Buffer.alloc(0));
      return op === 'exists' ? present : negate(present);
    }
    case 'startsWith': {
      const kind = prefixKind(target.codec);
      const prefix = values[0];
      if (kind === undefined || (target.kind === 'key' && target.composite)) {
        throw new InvalidArgumentError(
          at,
          `startsWith on a field of text or bytes (codec utf8, utf8Key or bytes); ${meta.name}.${target.property} uses ${target.codec.name}`,
          undefined,
        );
      }
      if (kind === 'text' ? typeof prefix !== 'string' : !(prefix instanceof Uint8Array)) {
        throw new InvalidArgumentError(at, kind === 'text' ? 'a string prefix' : 'a bytes prefix', prefix);
      }
      const bytes = kind === 'text' ? target.codec.encode(prefix) : Buffer.from(prefix as Uint8Array);
      return { target, op: '=', prefix: true, operand: bytes, matchMissing: false };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between': {
      const order = target.kind === 'key' && !target.keySorted ? undefined : byteOrderOf(target.codec);
      if (order === undefined) {
        throw new InvalidArgumentError(
          at,
          target.kind === 'key' && !target.keySorted
            ? `no ${op} on a part of a delimited key (${meta.name}'s keys sort as text, not by part values)`
            : `a field with an order-preserving codec for ${op} (${meta.name}.${target.property} uses ${target.codec.name}, ` +
                'whose bytes do not sort like its values)',
          undefined,
        );
      }
      if (op === 'between') {
        return allOf([
          range(target, order, '>=', encode(values[0], `${at}.low`)),
          range(target, order, '<=', encode(values[1], `${at}.high`)),
        ]);
      }
      const symbol = ({ gt: '>', gte: '>=', lt: '<', lte: '<=' } as const)[op];
      return range(target, order, symbol, encode(values[0], at));
    }
    default:
      throw new InvalidArgumentError(at, 'a condition built by eq(), gt(), inList(), exists()…', op);
  }
}

function encodeValue(target: Extract<WhereTarget, { kind: 'column' }>, value: unknown, at: string): Buffer {
  // A refusal names the field, as for a save (the value itself is never printed).
  return encodeArgument(target.codec, value, at);
}

function comparison(target: WhereTarget, op: CompareOperator, operand: Buffer): Comparison {
  return { target, op, prefix: false, operand, matchMissing: false };
}

/** Equality: of whole keys or cells, or, for the leading part of a composite key, of its prefix. */
function equality(target: WhereTarget, operand: Buffer): WhereNode {
  const prefix = target.kind === 'key' && !target.whole;
  return { target, op: '=', prefix, operand, matchMissing: false };
}

/** An order comparison, on bytes that sort with (or, descending, against) the values. */
function range(
  target: WhereTarget,
  order: 'ascending' | 'descending',
  op: CompareOperator,
  operand: Buffer,
): WhereNode {
  const byteOp = order === 'descending' ? REVERSED[op] : op;
  if (target.kind === 'column' || target.whole) return comparison(target, byteOp, operand);
  // The leading part of a composite key: `operand` starts every key with that part, and
  // `upper` is the first key after all of them (none when the prefix is all 0xff bytes).
  const upper = prefixUpperBound(operand);
  switch (byteOp) {
    case '>=':
      return comparison(target, '>=', operand);
    case '<':
      return comparison(target, '<', operand);
    case '>':
      return upper === undefined ? false : comparison(target, '>=', upper);
    default: // '<='
      return upper === undefined ? true : comparison(target, '<', upper);
  }
}
