import { InvalidArgumentError } from '../../client/errors';
import { GROUP_BRAND } from './conditions';

/**
 * A combination of `where` clauses built by {@link and}, {@link or} or {@link not}. Immutable.
 *
 * @typeParam W - The clauses it combines (the `where` type of the entity, from the context).
 */
export class WhereGroup<W> {
  /** How the clauses combine: all, any, or (one clause) its negation. */
  readonly op: 'and' | 'or' | 'not';
  /** The clauses. */
  readonly clauses: readonly W[];

  /** @internal Built by the factories. */
  constructor(op: 'and' | 'or' | 'not', clauses: readonly W[]) {
    this.op = op;
    this.clauses = Object.freeze([...clauses]);
    Object.defineProperty(this, GROUP_BRAND, { value: 'group' });
    Object.freeze(this);
  }
}

/** @internal Whether `value` is a group built by the factories (of any copy of the library). */
export function isWhereGroup(value: unknown): value is WhereGroup<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GROUP_BRAND] === 'group'
  );
}

function clausesOf<W>(op: string, clauses: readonly W[]): readonly W[] {
  if (clauses.length === 0)
    throw new InvalidArgumentError('clauses', `at least one clause in ${op}()`, clauses);
  return clauses;
}

/**
 * Every clause holds. Written inside a `where` option, the clauses are typed by the entity:
 * `where: and({ plan: 'pro' }, or({ age: gte(18) }, { verified: true }))`.
 */
export function and<W>(...clauses: NoInfer<W>[]): WhereGroup<W> {
  return new WhereGroup('and', clausesOf('and', clauses));
}

/** At least one clause holds (typed by the entity inside a `where` option, as for {@link and}). */
export function or<W>(...clauses: NoInfer<W>[]): WhereGroup<W> {
  return new WhereGroup('or', clausesOf('or', clauses));
}

/**
 * The clause does not hold: the exact complement, rows without a field included (`not({ plan:
 * 'pro' })` keeps rows without a plan, like `{ plan: ne('pro') }`).
 */
export function not<W>(clause: NoInfer<W>): WhereGroup<W> {
  return new WhereGroup('not', [clause]);
}
