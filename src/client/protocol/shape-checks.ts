/**
 * @internal Checks of what the generated decoders produced. A generated decoder accepts a struct
 * with any field missing (left `null`) or of another type (skipped), so a corrupted reply would
 * reach the public methods as a `null` where bytes are expected and fail there with a raw
 * TypeError; each API checks its replies with these (see `reply-shapes.ts` in its folder).
 */
export type Check = (value: unknown) => boolean;

export const isBuffer: Check = (value) => Buffer.isBuffer(value);
export const isBoolean: Check = (value) => typeof value === 'boolean';
export const isInteger: Check = (value) => Number.isInteger(value);
export const isString: Check = (value) => typeof value === 'string';
/** An i64: a node-int64 from the generated code (its bytes in `buffer`), or a bigint. */
export const isInt64: Check = (value) =>
  typeof value === 'bigint' ||
  (typeof value === 'object' && value !== null && Buffer.isBuffer((value as { buffer?: unknown }).buffer));

/** A struct whose named fields pass their checks (other fields are not looked at). */
export function struct(fields: Record<string, Check>): Check {
  const entries = Object.entries(fields);
  return (value) =>
    typeof value === 'object' &&
    value !== null &&
    entries.every(([name, check]) => check((value as Record<string, unknown>)[name]));
}

export const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

export const mapOf =
  (check: Check): Check =>
  (value) =>
    typeof value === 'object' && value !== null && Object.values(value).every(check);

/** An optional field: absent (`null` or `undefined`), or passing `check`. */
export const optional =
  (check: Check): Check =>
  (value) =>
    value === null || value === undefined || check(value);

/**
 * @internal Throws when the result of a successful `method` reply fails its check in `shapes`.
 * Methods not listed (void ones, or ones the client does not call) pass as they are.
 */
export function checkShape(shapes: ReadonlyMap<string, Check>, method: string, result: unknown): void {
  const check = shapes.get(method);
  if (check !== undefined && !check(result)) {
    throw new Error(`the result of ${method} lacks a field or holds one of the wrong type`);
  }
}
