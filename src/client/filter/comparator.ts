import { type BytesLike, toBytes } from '../bytes';
import { InvalidArgumentError } from '../errors';
import { quoteFilterArgument } from '../filter-string';
import { requireString } from '../validate';
import { type CompareOperator, type EqualityOperator, operatorArgument } from './compare-operator';

/** The comparator kinds of HBase's filter language, as written before the colon. */
export type ComparatorType = 'binary' | 'binaryprefix' | 'regexstring' | 'substring';

/**
 * What a compare filter compares a cell part against, built by `Filter.binary`,
 * `Filter.binaryPrefix`, `Filter.regex` or `Filter.substring`. Immutable.
 */
export interface Comparator<T extends ComparatorType = ComparatorType> {
  /** The comparator kind, e.g. `binary`. */
  readonly type: T;
  /** The comparator as the filter language writes it (unquoted), e.g. `binary:abc`, as UTF-8. */
  toString(): string;
}

/**
 * The operators a comparator allows: any {@link CompareOperator} for the byte comparators, only
 * `=` and `!=` for `regexstring` and `substring` (HBase rejects the others).
 */
export type OperatorFor<C extends Comparator> = [C['type']] extends ['regexstring' | 'substring']
  ? EqualityOperator
  : CompareOperator;

/** @internal The one implementation of {@link Comparator}; users get it from the factories. */
class ComparatorNode<T extends ComparatorType> implements Comparator<T> {
  readonly type: T;
  /** `type:value`, unquoted. */
  readonly #bytes: Buffer;

  constructor(type: T, value: Buffer) {
    this.type = type;
    this.#bytes = Buffer.concat([Buffer.from(`${type}:`), value]);
    Object.freeze(this);
  }

  /** @internal The comparator as one quoted filter argument: `'binary:it''s'`. */
  quoted(): Buffer {
    return quoteFilterArgument(this.#bytes);
  }

  toString(): string {
    return this.#bytes.toString('utf8');
  }
}

/** @internal The comparator factories, gathered into `Filter`. */
export const comparatorFactories = {
  /**
   * Compares bytes lexicographically (unsigned), e.g. a value equal to, or sorting after, these
   * bytes. Any {@link CompareOperator} applies.
   *
   * @example
   * ```ts
   * Filter.value('=', Filter.binary(Buffer.from([0x00, 0xff])));
   * Filter.row('>=', Filter.binary('user-500'));
   * ```
   */
  binary(value: BytesLike): Comparator<'binary'> {
    return new ComparatorNode('binary', toBytes(value, 'value'));
  },

  /**
   * Compares only the first `prefix.length` bytes of the cell part: `=` means "starts with".
   * Any {@link CompareOperator} applies.
   *
   * @example
   * ```ts
   * Filter.qualifier('=', Filter.binaryPrefix('tag-'));
   * ```
   */
  binaryPrefix(prefix: BytesLike): Comparator<'binaryprefix'> {
    return new ComparatorNode('binaryprefix', toBytes(prefix, 'prefix'));
  },

  /**
   * Matches a Java regular expression (`java.util.regex`, not JavaScript syntax) anywhere in the
   * cell part (it is not anchored: use `^` and `$`), with `.` matching newlines too (DOTALL).
   * The cell bytes are decoded as UTF-8 first, so it is meant for text. Only `=` (matches) and
   * `!=` (does not match) apply.
   *
   * The pattern is code: user input placed in it is a pattern too and widens the match (`.*`
   * matches everything, and a costly pattern runs on the region servers for every row). Escape
   * user input with `Filter.escapeRegex`, or compare with `Filter.binary`,
   * `Filter.binaryPrefix` or `Filter.substring`, whose arguments are always literal.
   *
   * @example
   * ```ts
   * Filter.row('=', Filter.regex('^user-[0-9]+$'));
   * const input = 'a.b'; // user input, matched literally:
   * Filter.row('=', Filter.regex(`^${Filter.escapeRegex(input)}$`));
   * ```
   */
  regex(pattern: string): Comparator<'regexstring'> {
    // HBase turns the pattern into a Java String from UTF-8, so plain UTF-8 is the exact encoding.
    return new ComparatorNode('regexstring', Buffer.from(requireString(pattern, 'pattern'), 'utf8'));
  },

  /**
   * Matches when the cell part contains `text`, **ignoring case**: HBase lower-cases both sides
   * (`Locale.ROOT`) after decoding the cell bytes as UTF-8. Only `=` (contains) and `!=` (does
   * not contain) apply.
   *
   * @example
   * ```ts
   * Filter.value('=', Filter.substring('error')); // also matches "ERROR" and "Error"
   * ```
   */
  substring(text: string): Comparator<'substring'> {
    return new ComparatorNode('substring', Buffer.from(requireString(text, 'text'), 'utf8'));
  },
};

/**
 * @internal Validates an operator and a comparator together and encodes them as the two filter
 * arguments `op, 'type:value'`.
 */
export function comparisonArguments(
  operator: unknown,
  comparator: unknown,
  operatorArgumentName = 'operator',
  comparatorArgumentName = 'comparator',
): [Buffer, Buffer] {
  const op = operatorArgument(operator, operatorArgumentName);
  if (!(comparator instanceof ComparatorNode)) {
    throw new InvalidArgumentError(
      comparatorArgumentName,
      'a comparator from Filter.binary(), Filter.binaryPrefix(), Filter.regex() or Filter.substring()',
      comparator,
    );
  }
  const type: ComparatorType = comparator.type;
  if ((type === 'regexstring' || type === 'substring') && operator !== '=' && operator !== '!=') {
    // Checked here because HBase rejects it only when the scan opens, with a generic error.
    throw new InvalidArgumentError(
      operatorArgumentName,
      `'=' or '!=' with a ${type} comparator (it only tells match from no match)`,
      operator,
    );
  }
  return [op, comparator.quoted()];
}
