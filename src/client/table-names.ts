import { InvalidArgumentError } from './errors';

/**
 * HBase's rules for table names, checked before a name is sent: the gateway reports a bad name
 * as an opaque internal error, and a name too long for the file system has left a
 * `CreateTableProcedure` retrying forever in the master.
 *
 * - A name is `qualifier` or `namespace:qualifier`.
 * - A qualifier is 1 to 255 bytes of UTF-8 (it names a directory in HBase's file system, where a
 *   name may have 255 bytes), made of letters, digits, `_`, `-` and `.` (letters and digits in
 *   the sense of Java's `Character.isLetterOrDigit`, so `é` is one), not starting with `.` or `-`,
 *   and not `zookeeper`.
 * - A namespace is ASCII letters, digits and `_` (HBase checks it byte by byte).
 */
const QUALIFIER_CHARACTER = /^[\p{L}\p{Nd}_.-]$/u;
const NAMESPACE = /^[A-Za-z0-9_]+$/;
const MAX_QUALIFIER_BYTES = 255;

/** @internal Checks a full table name (prefix applied) against HBase's rules; returns it. */
export function requireTableName(fullName: string, argument: string, given: unknown = fullName): string {
  const colon = fullName.indexOf(':');
  const namespace = colon < 0 ? undefined : fullName.slice(0, colon);
  const qualifier = colon < 0 ? fullName : fullName.slice(colon + 1);
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new InvalidArgumentError(
      argument,
      'a namespace of ASCII letters, digits and _ before the ":"',
      given,
    );
  }
  const rule = 'a table name of 1 to 255 bytes: letters, digits, _, - and ., not starting with . or -';
  if (qualifier.length === 0 || Buffer.byteLength(qualifier, 'utf8') > MAX_QUALIFIER_BYTES) {
    throw new InvalidArgumentError(argument, rule, given);
  }
  if (qualifier[0] === '.' || qualifier[0] === '-' || qualifier === 'zookeeper') {
    throw new InvalidArgumentError(argument, rule, given);
  }
  if (!madeOfNameCharacters(qualifier)) throw new InvalidArgumentError(argument, rule, given);
  return fullName;
}

/**
 * Whether every character of `text` may be in a table name. Code units, not code points: like
 * Java's char-by-char check, a surrogate pair is refused.
 */
function madeOfNameCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!QUALIFIER_CHARACTER.test(text[i]!)) return false;
  return true;
}

/** @internal A table prefix or separator, and what gave it (`options.tablePrefix`, `HBASE_TABLE_PREFIX`). */
export interface TablePrefixPart {
  value: string;
  argument: string;
}

/**
 * @internal Checks a table prefix and its separator. Both become part of table names, so they are
 * made of the characters of names; and the prefix may not contain its separator (nor, for a
 * separator of several characters, end in a part of it). That makes prefixes unambiguous: the
 * owner of a table name is the text before the first separator, so no two prefixes can claim one
 * table — with `acme` a valid prefix, `acme_evil` is not (both would own `acme_evil_data`).
 */
export function requireTablePrefix(given: TablePrefixPart, separatorGiven: TablePrefixPart): void {
  const { value: prefix, argument } = given;
  const separator = separatorGiven.value;
  if (separator.length === 0 || !madeOfNameCharacters(separator)) {
    throw new InvalidArgumentError(
      separatorGiven.argument,
      'one or more letters, digits, _, - or . (it becomes part of table names)',
      separator,
    );
  }
  if (!madeOfNameCharacters(prefix)) {
    throw new InvalidArgumentError(argument, 'letters, digits, _, - and . (it begins table names)', prefix);
  }
  if ((prefix + separator).indexOf(separator) !== prefix.length) {
    throw new InvalidArgumentError(
      argument,
      `a prefix without its separator "${separator}" in it (else its tables could not be told from those of a shorter prefix; choose another tablePrefixSeparator)`,
      prefix,
    );
  }
}
