import { toBytes } from '../bytes';
import { InvalidArgumentError } from '../errors';
import { quoteFilterArgument } from '../filter-string';
import { requireBoolean, requireInteger } from '../validate';

/**
 * @internal Encoders for the arguments of a filter expression. HBase's `ParseFilter` takes byte
 * arguments in single quotes (a quote inside doubled) and numbers, booleans and compare operators
 * bare, so each encoder validates its input first and names the argument it rejects.
 */

/** Largest value of a Java `int`, the type of every count HBase's filters take as `int`. */
const INT_MAX = 2 ** 31 - 1;
const LONG_MAX = 2n ** 63n - 1n;

/** Bytes (strings as UTF-8), quoted: `'it''s'`. */
export function quotedBytes(value: unknown, argument: string): Buffer {
  return quoteFilterArgument(toBytes(value, argument));
}

/** Like {@link quotedBytes}, rejecting an empty value (a column family name, say). */
export function quotedNonEmptyBytes(value: unknown, argument: string): Buffer {
  const bytes = toBytes(value, argument);
  if (bytes.length === 0) throw new InvalidArgumentError(argument, 'a non-empty value', value);
  return quoteFilterArgument(bytes);
}

/** A non-negative Java `int` (counts, limits, offsets). */
export function intArgument(value: unknown, argument: string): Buffer {
  return Buffer.from(String(requireInteger(value, argument, 0, INT_MAX)));
}

/** A non-negative Java `long`, from a safe-integer number or a bigint (page sizes, timestamps). */
export function longArgument(value: unknown, argument: string): Buffer {
  const ok =
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'bigint' && value >= 0n && value <= LONG_MAX);
  if (!ok) {
    throw new InvalidArgumentError(argument, 'a non-negative integer (a safe integer or a bigint)', value);
  }
  return Buffer.from(String(value));
}

/** `true` or `false`, bare. */
export function booleanArgument(value: unknown, argument: string): Buffer {
  return Buffer.from(requireBoolean(value, argument) ? 'true' : 'false');
}
