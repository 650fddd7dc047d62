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

/** Options objects are optional, but when given they must be objects without unknown keys. */
export function requireOptions<K extends string>(
  value: unknown,
  argument: string,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  if (value === undefined) return {};
  const options = requirePlainObject(value, argument);
  for (const key of Object.keys(options)) {
    if (!known.includes(key as K)) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        `one of the known options (${known.join(', ')})`,
        key,
      );
    }
  }
  return options as Partial<Record<K, unknown>>;
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
