import { InvalidArgumentError } from './errors';

/** @internal Argument checks shared by the public methods; each names the argument it rejects. */

export function requireInteger(
  value: unknown,
  argument: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new InvalidArgumentError(argument, `an integer ${range}`, value);
  }
  return value;
}

/**
 * An integer given as a number or, as an environment variable would supply it, as a string of
 * decimal digits. Strict on purpose: `''`, `' 90'`, `'+90'`, `'90x'`, `'1e3'`, `'0x10'` and `'90.0'`
 * are rejected, since `Number()` would accept most of them (`Number('') === 0`).
 */
export function requireIntegerLike(
  value: unknown,
  argument: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value === 'string' && DIGITS.test(value)) {
    const parsed = Number(value);
    if (parsed >= min && parsed <= max) return parsed;
  }
  if (typeof value === 'number') return requireInteger(value, argument, min, max);
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  throw new InvalidArgumentError(argument, `an integer ${range} (a number or a string of digits)`, value);
}

/** Decimal digits only; 16 of them already exceed every range we check. */
const DIGITS = /^[0-9]{1,16}$/;

export function optionalInteger(
  value: unknown,
  argument: string,
  min: number,
  max?: number,
): number | undefined {
  return value === undefined ? undefined : requireInteger(value, argument, min, max);
}

export function requireBoolean(value: unknown, argument: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, 'a boolean', value);
  return value;
}

export function optionalBoolean(value: unknown, argument: string): boolean | undefined {
  return value === undefined ? undefined : requireBoolean(value, argument);
}

export function requireString(value: unknown, argument: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(argument, 'a string', value);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, argument: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new InvalidArgumentError(argument, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function requirePlainObject(value: unknown, argument: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InvalidArgumentError(argument, 'a plain object', value);
  return value;
}

/** What `requireOptions` returns for absent options: nothing to read, not even inherited keys. */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null));

/**
 * Options objects are optional, but when given they must be objects without unknown keys. Only
 * their own properties are read: the copy returned has no prototype, so a property added to
 * `Object.prototype` (prototype pollution) cannot turn into an option.
 */
export function requireOptions<K extends string>(
  value: unknown,
  argument: string,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  if (value === undefined) return NO_OPTIONS as Partial<Record<K, unknown>>;
  const options = requirePlainObject(value, argument);
  const own: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(options)) {
    if (!known.includes(key as K)) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        `one of the known options (${known.join(', ')})`,
        key,
      );
    }
    own[key] = options[key];
  }
  return own as Partial<Record<K, unknown>>;
}

/**
 * Timestamps are milliseconds since the epoch (or whatever other tools wrote: reverse timestamps,
 * version numbers), HBase's non-negative `long`: a non-negative safe integer, or a bigint up to
 * 2^63 - 1. Returned as a bigint, exact.
 */
export function optionalTimestamp(value: unknown, argument: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'bigint' && value >= 0n && value < 2n ** 63n) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new InvalidArgumentError(
    argument,
    'a timestamp: a non-negative safe integer, or a bigint from 0 to 2^63 - 1',
    value,
  );
}

/** A 64-bit signed integer: a safe-integer number or a bigint in range. */
export function requireInt64(value: unknown, argument: string): bigint {
  if (typeof value === 'bigint' && value >= -(2n ** 63n) && value < 2n ** 63n) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new InvalidArgumentError(argument, 'a 64-bit integer (a safe integer number or a bigint)', value);
}
