import { StreamableFile } from '@nestjs/common';

/**
 * The type {@link bigIntsToStrings} returns for a value of type `T`: every `bigint` becomes a
 * `string`, every `Map` with string, number or bigint keys a plain object; the rest is unchanged.
 */
export type BigIntsAsStrings<T> = T extends bigint
  ? string
  : T extends Date | Uint8Array | ((...args: never[]) => unknown)
    ? T
    : T extends ReadonlyMap<string | number | bigint, infer V>
      ? Record<string, BigIntsAsStrings<V>>
      : T extends readonly unknown[]
        ? { [I in keyof T]: BigIntsAsStrings<T[I]> }
        : T extends object
          ? { [P in keyof T]: BigIntsAsStrings<T[P]> }
          : T;

/**
 * Returns `value` with every bigint replaced by its decimal string (`12345678901234567890n` ->
 * `"12345678901234567890"`, lossless, unlike a number), so that `JSON.stringify` can serialize it:
 * JSON has no 64-bit integers, and `JSON.stringify` throws on a bigint. Counters (`@Counter`) and
 * `int64` fields of entities are bigints.
 *
 * What it walks and what it leaves, so that the result serializes as the value would have,
 * bigints aside:
 * - arrays, plain objects and class instances are walked through their own enumerable
 *   properties (what `JSON.stringify` serializes). Only what holds a bigint is copied, and a copied
 *   class instance keeps its prototype, so class-transformer (NestJS's `ClassSerializerInterceptor`,
 *   `@Exclude`, `@Expose`) treats the copy as it would the original, before or after this runs;
 * - a `Map` with string, number or bigint keys becomes a plain object (JSON.stringify would make it
 *   `{}`, losing the entries of a `@ColumnMap` field);
 * - objects with a `toJSON` method (`Date`, `Buffer`, ...), binary data (`Uint8Array`s and other
 *   views except bigint arrays, which become arrays of strings), `Set`s, streams and
 *   `StreamableFile`s are left as they are;
 * - cycles are kept: the result has the same cycles as the input (pointing at the copies), so
 *   a serializer that drops a back-reference (class-transformer's `@Exclude`) still can, and
 *   `JSON.stringify` reports the others as it would have.
 *
 * The input is never modified.
 *
 * @example
 * ```ts
 * bigIntsToStrings({ id: 'ada', logins: 3n, tags: new Map([['plan', 'pro']]) });
 * // { id: 'ada', logins: '3', tags: { plan: 'pro' } }
 * ```
 */
export function bigIntsToStrings<T>(value: T): BigIntsAsStrings<T> {
  return convert(value, new Map()) as BigIntsAsStrings<T>;
}

/**
 * The objects being walked, each with the copy that will replace it if one has been asked for: a
 * reference back to an ancestor (a cycle) is given the ancestor's copy, so that the result has the
 * same cycles as the input (what serializers do with them is then unchanged) without holding an
 * unconverted original.
 */
type Ancestors = Map<object, { copy: object | undefined }>;

function convert(value: unknown, ancestors: Ancestors): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  const ancestor = ancestors.get(value);
  if (ancestor) {
    ancestor.copy ??= emptyCopyOf(value);
    return ancestor.copy;
  }
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    return Array.from(value, (item) => item.toString());
  }
  if (isLeaf(value)) return value;
  const self: { copy: object | undefined } = { copy: undefined };
  ancestors.set(value, self);
  try {
    const entries = Array.isArray(value)
      ? value.entries()
      : value instanceof Map
        ? mapEntries(value)
        : Object.entries(value);
    if (entries === undefined) return value; // a Map whose keys have no property names
    let changed = value instanceof Map; // a Map always becomes an object
    const converted: Array<[string | number, unknown]> = [];
    for (const [key, item] of entries) {
      const result = convert(item, ancestors);
      if (result !== item) changed = true;
      converted.push([key, result]);
    }
    if (!changed && self.copy === undefined) return value;
    const copy = self.copy ?? emptyCopyOf(value);
    // Defined, not assigned: no setter of the class runs, and `__proto__` stays a plain key.
    for (const [key, item] of converted) {
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * What replaces a walked object: an array for an array, a plain object for a Map, and otherwise an
 * object with the same prototype, so that class-based serializers (class-transformer) still
 * recognize the class.
 */
function emptyCopyOf(value: object): object {
  if (Array.isArray(value)) return [];
  if (value instanceof Map) return {};
  return Object.create(Object.getPrototypeOf(value)) as object;
}

/** A Map's entries keyed by property names, or undefined if a key has none (an object, a symbol). */
function mapEntries(map: Map<unknown, unknown>): Array<[string, unknown]> | undefined {
  const entries: Array<[string, unknown]> = [];
  for (const [key, item] of map) {
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'bigint') return undefined;
    entries.push([String(key), item]);
  }
  return entries;
}

/** What JSON.stringify serializes by itself, or what walking would be wrong or wasteful for. */
function isLeaf(value: object): boolean {
  return (
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Set ||
    value instanceof StreamableFile ||
    typeof (value as { pipe?: unknown }).pipe === 'function' // a Node.js stream
  );
}
