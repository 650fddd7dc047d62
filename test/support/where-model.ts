// A client-side model of the `where` option, for the property tests: random condition trees, the
// library's `where` built from them, and the predicate they mean, evaluated on the data as written
// (never on what the server returned). See test/integration/mapper/where-*.test.ts.
import fc from 'fast-check';
import {
  and,
  between,
  eq,
  exists,
  gt,
  gte,
  inList,
  lt,
  lte,
  missing,
  ne,
  not,
  or,
  startsWith,
} from '../../src';

/** How the test generates and compares the values of one field. */
export interface FieldSpec {
  name: string;
  values: fc.Arbitrary<unknown>;
  /** Logical order of two values (the codec must sort its bytes so, or reversed). */
  compare: (a: unknown, b: unknown) => number;
  ordered: boolean;
  /** `startsWith` takes this kind of prefix (and `prefixes` generates them). */
  prefixes?: fc.Arbitrary<string | Uint8Array>;
  /** A key field: always present. */
  key?: boolean;
}

/** A condition tree as the test sees it. */
export type Query =
  | { field: string; op: string; values: unknown[]; plain?: boolean }
  | { fields: Query[] }
  | { and: Query[] }
  | { or: Query[] }
  | { not: Query };

export type Row = Record<string, unknown>;

/** Code point order of strings (UTF-8 byte order), not JavaScript's UTF-16 order. */
export function compareText(a: unknown, b: unknown): number {
  const x = [...(a as string)].map((c) => c.codePointAt(0)!);
  const y = [...(b as string)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export const compareNumbers = (a: unknown, b: unknown) =>
  (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
export const compareBigInts = (a: unknown, b: unknown) =>
  (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
export const compareBytes = (a: unknown, b: unknown) => Buffer.compare(a as Uint8Array, b as Uint8Array);
export const compareDates = (a: unknown, b: unknown) => (a as Date).getTime() - (b as Date).getTime();
export const compareBooleans = (a: unknown, b: unknown) => Number(a) - Number(b);

function conditionOf(spec: FieldSpec): fc.Arbitrary<Query> {
  const one = (op: string) => spec.values.map((v) => ({ field: spec.name, op, values: [v] }));
  const ops: Array<fc.Arbitrary<Query>> = [
    one('eq'),
    spec.values.map((v) => ({ field: spec.name, op: 'eq', values: [v], plain: true })),
    one('ne'),
    fc
      .array(spec.values, { minLength: 1, maxLength: 3 })
      .map((values) => ({ field: spec.name, op: 'in', values })),
    fc.constant({ field: spec.name, op: 'exists', values: [] }),
    fc.constant({ field: spec.name, op: 'missing', values: [] }),
  ];
  if (spec.ordered) {
    ops.push(one('gt'), one('gte'), one('lt'), one('lte'));
    ops.push(
      fc.tuple(spec.values, spec.values).map((values) => ({ field: spec.name, op: 'between', values })),
    );
  }
  if (spec.prefixes)
    ops.push(spec.prefixes.map((p) => ({ field: spec.name, op: 'startsWith', values: [p] })));
  return fc.oneof(...ops);
}

/** Random condition trees over the fields, at most `depth` combinators deep. */
export function queries(specs: FieldSpec[], depth = 3): fc.Arbitrary<Query> {
  const leaf = fc.oneof(...specs.map(conditionOf));
  // Several fields in one object: an AND of conditions on distinct fields.
  const fields = fc
    .uniqueArray(leaf, { minLength: 2, maxLength: 3, selector: (q) => (q as { field: string }).field })
    .map((qs) => ({ fields: qs }));
  const { tree } = fc.letrec<{ tree: Query }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      leaf,
      fields,
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((qs) => ({ and: qs })),
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((qs) => ({ or: qs })),
      tie('tree').map((q) => ({ not: q })),
    ),
  }));
  return tree;
}

const BUILD: Record<string, (values: unknown[]) => unknown> = {
  eq: ([v]) => eq(v),
  ne: ([v]) => ne(v),
  gt: ([v]) => gt(v),
  gte: ([v]) => gte(v),
  lt: ([v]) => lt(v),
  lte: ([v]) => lte(v),
  between: ([a, b]) => between(a, b),
  in: (values) => inList(values),
  exists: () => exists(),
  missing: () => missing(),
  startsWith: ([p]) => startsWith(p as string),
};

/** The library's `where` for a query (untyped: the fields are the test's). */
// biome-ignore lint/suspicious/noExplicitAny: the property tests build wheres of any entity.
export function toWhere(q: Query): any {
  if ('field' in q) return { [q.field]: q.plain ? q.values[0] : BUILD[q.op]!(q.values) };
  if ('fields' in q) return Object.assign({}, ...q.fields.map(toWhere));
  if ('and' in q) return and(...q.and.map(toWhere));
  if ('or' in q) return or(...q.or.map(toWhere));
  return not(toWhere(q.not));
}

/**
 * What the query means for a row as written, the documented semantics: a missing field matches
 * only `ne`, `missing` and negations; equality is by value; ranges by the logical order.
 */
export function matches(q: Query, row: Row, specs: Map<string, FieldSpec>): boolean {
  if ('fields' in q) return q.fields.every((f) => matches(f, row, specs));
  if ('and' in q) return q.and.every((f) => matches(f, row, specs));
  if ('or' in q) return q.or.some((f) => matches(f, row, specs));
  if ('not' in q) return !matches(q.not, row, specs);
  const spec = specs.get(q.field)!;
  const value = row[q.field];
  const present = value !== undefined;
  const cmp = (b: unknown) => spec.compare(value, b);
  switch (q.op) {
    case 'eq':
      return present && cmp(q.values[0]) === 0;
    case 'ne':
      return !present || cmp(q.values[0]) !== 0;
    case 'in':
      return present && q.values.some((v) => cmp(v) === 0);
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'gt':
      return present && cmp(q.values[0]) > 0;
    case 'gte':
      return present && cmp(q.values[0]) >= 0;
    case 'lt':
      return present && cmp(q.values[0]) < 0;
    case 'lte':
      return present && cmp(q.values[0]) <= 0;
    case 'between':
      return present && cmp(q.values[0]) >= 0 && cmp(q.values[1]) <= 0;
    case 'startsWith': {
      const p = q.values[0];
      if (!present) return false;
      if (typeof p === 'string') return (value as string).startsWith(p);
      const bytes = Buffer.from(p as Uint8Array);
      return Buffer.from(value as Uint8Array)
        .subarray(0, bytes.length)
        .equals(bytes);
    }
  }
  throw new Error(`unknown op ${q.op}`);
}
