import { InvalidArgumentError } from '../errors';
import type { Filter } from './filter';

/** How a node is written: a filter call, a user-written string, or an operator over operands. */
type NodeKind = 'simple' | 'raw' | 'and' | 'or' | 'skip' | 'while';

const KEYWORDS = { and: ' AND ', or: ' OR ', skip: 'SKIP ', while: 'WHILE ' } as const;

/**
 * The filters of the language that decide on whole rows (`hasFilterRow()` is true in HBase), as
 * SKIP and WHILE do too. A region server refuses them in a scan with batching (`scanBatching`).
 */
const ROW_FILTERS: ReadonlySet<string> = new Set([
  'SingleColumnValueFilter',
  'SingleColumnValueExcludeFilter',
  'DependentColumnFilter',
  'PageFilter',
]);

/**
 * @internal The one implementation of {@link Filter}: an immutable node holding its filter string.
 *
 * Parenthesization is the subtle part. `ParseFilter` gives SKIP/WHILE precedence over AND over OR,
 * but its handling of `)` is broken when a parenthesized group holds operators of different
 * precedence with the looser one first: `(A OR B AND C)` or `(A AND SKIP B)` fail to parse (it
 * pops the outer operator without applying it). So every operand that is not a single filter call
 * is wrapped in its own parentheses: a group then holds one chain of one operator (`A AND B AND
 * C`) or one unary operator and its operand, which parses correctly and never relies on precedence.
 */
export class FilterNode implements Filter {
  readonly #kind: NodeKind;
  readonly #bytes: Buffer;
  /** The operands of an AND/OR list, kept to flatten `a.and(b).and(c)` into one list. */
  readonly #operands: readonly FilterNode[];
  readonly #filtersRows: boolean;

  private constructor(
    kind: NodeKind,
    bytes: Buffer,
    filtersRows: boolean,
    operands: readonly FilterNode[] = [],
  ) {
    this.#kind = kind;
    this.#bytes = bytes;
    this.#filtersRows = filtersRows;
    this.#operands = Object.freeze([...operands]);
    Object.freeze(this);
  }

  /**
   * @internal Whether the filter decides on whole rows, which HBase refuses alongside scan
   * batching — after 16 retries (~50 s), with a `RetriesExhaustedException`, so the scan should
   * refuse the combination first. Always `false` for a `Filter.raw` filter (unknown).
   */
  get filtersRows(): boolean {
    return this.#filtersRows;
  }

  /** A filter call, `Name(arg, arg)`; the arguments are already encoded. */
  static call(name: string, args: readonly Buffer[]): FilterNode {
    const parts: Buffer[] = [Buffer.from(`${name}(`)];
    args.forEach((arg, i) => {
      if (i > 0) parts.push(Buffer.from(', '));
      parts.push(arg);
    });
    parts.push(Buffer.from(')'));
    return new FilterNode('simple', Buffer.concat(parts), ROW_FILTERS.has(name));
  }

  /** A filter string written by the user, taken as it is. */
  static raw(expression: Buffer): FilterNode {
    return new FilterNode('raw', Buffer.from(expression), false);
  }

  /**
   * AND or OR over the operands. One operand is returned as it is; operands that are lists of the
   * same operator are flattened (both operators are associative), so chains make one FilterList.
   */
  static list(kind: 'and' | 'or', operands: readonly unknown[], argument: string): FilterNode {
    if (operands.length === 0) throw new InvalidArgumentError(argument, 'at least one filter', operands);
    const nodes = operands.map((operand, i) => requireNode(operand, `${argument}[${i}]`));
    if (nodes.length === 1) return nodes[0]!;
    const flat = nodes.flatMap((node) => (node.#kind === kind ? node.#operands : [node]));
    const parts: Buffer[] = [];
    flat.forEach((node, i) => {
      if (i > 0) parts.push(Buffer.from(KEYWORDS[kind]));
      parts.push(node.#atomic());
    });
    return new FilterNode(
      kind,
      Buffer.concat(parts),
      flat.some((node) => node.#filtersRows),
      flat,
    );
  }

  /** SKIP or WHILE applied to one operand. */
  static unary(kind: 'skip' | 'while', operand: unknown, argument: string): FilterNode {
    const node = requireNode(operand, argument);
    return new FilterNode(kind, Buffer.concat([Buffer.from(KEYWORDS[kind]), node.#atomic()]), true);
  }

  /** The node as an operand: a filter call as it is, anything else in parentheses. */
  #atomic(): Buffer {
    if (this.#kind === 'simple') return this.#bytes;
    return Buffer.concat([Buffer.from('('), this.#bytes, Buffer.from(')')]);
  }

  and(...others: Filter[]): Filter {
    requireNodes(others, 'others');
    return FilterNode.list('and', [this, ...others], 'filters');
  }

  or(...others: Filter[]): Filter {
    requireNodes(others, 'others');
    return FilterNode.list('or', [this, ...others], 'filters');
  }

  toBuffer(): Buffer {
    // A copy: the node must stay immutable whatever the caller does with the Buffer.
    return Buffer.from(this.#bytes);
  }

  toString(): string {
    return this.#bytes.toString('utf8');
  }

  /** Shows the filter string in `console.log` and `util.inspect` (private fields are hidden). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Filter ${JSON.stringify(this.toString())}`;
  }
}

function requireNodes(values: readonly unknown[], argument: string): void {
  for (let i = 0; i < values.length; i++) requireNode(values[i], `${argument}[${i}]`);
}

function requireNode(value: unknown, argument: string): FilterNode {
  if (value instanceof FilterNode) return value;
  throw new InvalidArgumentError(
    argument,
    'a Filter built with the Filter factories (use Filter.raw() for a filter string)',
    value,
  );
}
