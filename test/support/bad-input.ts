import { CodecError, InvalidArgumentError, MetadataError, NotSupportedError } from '../../src';

/** One malformed call and what it must be rejected with. */
export interface BadInputCase {
  /** What the case feeds, e.g. `put: numeric row key`. */
  name: string;
  /**
   * What the error must name: `.argument` of an `InvalidArgumentError`, `.codec` of a
   * `CodecError`, `.property` (or, without one, `.entity`) of a `MetadataError`, `.feature` of a
   * `NotSupportedError`.
   */
  names: string;
  /** The malformed call. */
  call: () => unknown;
  /**
   * The method returns its result synchronously (a constructor, `table()`, `scan()`, a filter
   * or codec): it throws. Otherwise it returns a promise, which must reject, never throw.
   */
  sync?: boolean;
  /** The typed error expected (default `InvalidArgumentError`). */
  error?: typeof InvalidArgumentError | typeof CodecError | typeof MetadataError | typeof NotSupportedError;
}

/** Shorthand for building cases: `bad('name', 'argument', () => call())`. */
export function bad(name: string, names: string, call: () => unknown): BadInputCase {
  return { name, names, call };
}

/** A case of a method that returns synchronously (and so throws). */
export function badSync(
  name: string,
  names: string,
  call: () => unknown,
  error?: BadInputCase['error'],
): BadInputCase {
  return { name, names, call, sync: true, error };
}

/** What a typed error names. */
function namedBy(error: unknown): string | undefined {
  if (error instanceof InvalidArgumentError) return error.argument;
  if (error instanceof CodecError) return error.codec;
  if (error instanceof MetadataError) return error.property ?? error.entity;
  if (error instanceof NotSupportedError) return error.feature;
  return undefined;
}

/**
 * Runs one case: a synchronous throw only from a synchronous method, a rejected promise from the
 * others; the expected typed error naming the expected argument and the expectation; and not one
 * byte sent (`bytesSent` reads a counting proxy in front of the gateway).
 */
export async function expectRejected(c: BadInputCase, bytesSent: () => number): Promise<void> {
  const before = bytesSent();
  let error: unknown;
  let thrownSynchronously = false;
  try {
    const result = c.call();
    if (!c.sync) {
      expect(result).toBeInstanceOf(Promise);
      error = await (result as Promise<unknown>).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
  } catch (e) {
    thrownSynchronously = true;
    error = e;
  }
  expect({ thrownSynchronously }).toEqual({ thrownSynchronously: c.sync === true });
  expect(error).toBeInstanceOf(c.error ?? InvalidArgumentError);
  expect(namedBy(error)).toBe(c.names);
  if (error instanceof InvalidArgumentError) {
    expect(error.message).toContain(`Invalid ${c.names}: expected `);
  }
  expect(bytesSent() - before).toBe(0);
}

/** Checks that case names are unique (they are test titles) and returns the cases. */
export function uniqueCases(cases: BadInputCase[]): BadInputCase[] {
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate bad-input case: ${c.name}`);
    seen.add(c.name);
  }
  return cases;
}
