import { types } from 'node:util';

/**
 * @internal A rejected value that must not appear in a message (a URL that may carry credentials,
 * a passphrase, a header value): the message shows this description instead.
 */
export class Redacted {
  constructor(readonly description: string) {}
}

/**
 * Values rendered longer than this are cut: a rejected value may be user data (a card number in
 * a cell, a token pasted into the wrong option), and a message ends up in logs. Twelve characters
 * keep every number our range checks print (`-2147483649`) and short option values whole.
 */
const LONGEST_SHOWN = 12;

/** How many leading characters of a cut value stay, enough to recognise it without revealing it. */
const HEAD = 4;

/**
 * @internal Describes a rejected value for an error message, the one helper every message uses:
 * short and unambiguous (a string is quoted, a bigint has its `n`), a {@link Redacted} value by its
 * description only, a long string or number cut to its first characters and length, and never a
 * dump of a buffer or object.
 */
export function describeValue(value: unknown): string {
  if (value instanceof Redacted) return value.description;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (types.isUint8Array(value)) return `a Uint8Array of ${value.length} bytes`;
  if (types.isDate(value)) {
    const time = value.getTime();
    return Number.isNaN(time) ? 'an invalid Date' : 'a Date';
  }
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  switch (typeof value) {
    case 'string':
      return value.length > LONGEST_SHOWN
        ? `a string of ${value.length} characters (${JSON.stringify(value.slice(0, HEAD))}…)`
        : JSON.stringify(value);
    case 'number':
      // String(-0) is "0", which would hide why -0 was rejected.
      return cut('a number', Object.is(value, -0) ? '-0' : String(value), '');
    case 'bigint':
      return cut('a bigint', String(value), 'n');
    case 'boolean':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
}

function cut(kind: string, text: string, suffix: string): string {
  if (text.length <= LONGEST_SHOWN) return text + suffix;
  return `${kind} of ${text.length} characters (${text.slice(0, HEAD)}…)`;
}
