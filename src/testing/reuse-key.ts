/** @internal What a `reuse` key may be: it names files in the cache folder. */
export const REUSE_KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** @internal The rule, in words, for error messages. */
export const REUSE_KEY_RULE = '1 to 64 letters, digits, ., _ and -';

/** @internal Whether `value` is a valid `reuse` key (see {@link REUSE_KEY_PATTERN}). */
export const isReuseKey = (value: unknown): value is string =>
  typeof value === 'string' && REUSE_KEY_PATTERN.test(value);
