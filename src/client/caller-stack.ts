import { HBaseError } from './errors';

/**
 * Why this exists: an error the gateway sends back (or a socket failure, or a timeout) is created
 * in a socket or timer callback, so its stack holds library and Node frames only — not the code
 * that made the call. V8 rebuilds the chain of `await`s ("zero-cost async stack traces"), but
 * only for a stack captured inside an async function that resumes; so the stack is captured where
 * the failure reaches the caller's `await` chain, and its frames are appended to the error's.
 * Nothing is captured when a call succeeds.
 */

/** Errors whose stack this module has extended: their stack from before, and the frames added. */
const extensions = new WeakMap<Error, { before: string; frames: string[] }>();

/** Frames captured at most: enough to reach the caller through the library's own awaits. */
const CAPTURE_LIMIT = 30;

/**
 * @internal Appends the frames of the code awaiting this point (the caller's call site, its
 * callers) to an {@link HBaseError}'s stack; other errors are returned unchanged. Must be called
 * from an async function that has just resumed after an `await` (a catch block after the await).
 *
 * An error that already shows this chain of callers (created in it, or extended by a nested call
 * of the library) is left as it is. One error object handed to several callers (every call in
 * flight when a socket drops) is extended for the first; the others get a copy with their frames.
 */
export function withCallerStack(error: unknown): unknown {
  if (!(error instanceof HBaseError)) return error;
  const capture: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, CAPTURE_LIMIT);
  try {
    Error.captureStackTrace(capture, withCallerStack);
  } finally {
    Error.stackTraceLimit = limit;
  }
  // Line 0 is "Error", line 1 the library function that resumed; its callers follow. Node's own
  // frames (the microtask loop that resumed it) say nothing of the caller, and would match
  // any error created in a callback of that loop.
  const frames = (capture.stack ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes('(node:') && !line.includes(' node:'));
  const chain = frames.slice(1);
  if (chain.length === 0) return error;
  const extension = extensions.get(error);
  if (extension === undefined) {
    const stack = error.stack ?? `${error.name}: ${error.message}`;
    // Created within this chain (synchronously, in the caller's call): it shows the caller.
    if (showsFrame(stack, chain[0]!)) return error;
    error.stack = `${stack}\n${frames.join('\n')}`;
    extensions.set(error, { before: stack, frames });
    return error;
  }
  if (sameChain(extension.frames, chain)) return error;
  const copy = copyOf(error);
  copy.stack = `${extension.before}\n${frames.join('\n')}`;
  extensions.set(copy, { before: extension.before, frames });
  return copy;
}

/**
 * Whether `chain`, captured further up, continues the frames appended before (a library call
 * nested in another, both catching the same failure) rather than being another call's chain.
 */
function sameChain(appended: string[], chain: string[]): boolean {
  const start = appended.indexOf(chain[0]!);
  if (start < 0) return false;
  const overlap = Math.min(appended.length - start, chain.length);
  for (let i = 0; i < overlap; i++) if (appended[start + i] !== chain[i]) return false;
  return true;
}

/**
 * Whether `stack` has a frame of the same function and file as `frame` (line and column aside:
 * a frame seen while the call was synchronous points at the call, an async one at the `await`).
 */
function showsFrame(stack: string, frame: string): boolean {
  const key = frameKey(frame);
  return stack.split('\n').some((line) => frameKey(line) === key);
}

function frameKey(line: string): string {
  return line
    .trim()
    .replace(/^at (async )?/, '')
    .replace(/:\d+:\d+\)?$/, '');
}

/** A real error of the same class and fields, whose stack can differ from the original's. */
function copyOf(error: HBaseError): HBaseError {
  const copy = Reflect.construct(Error, [error.message], error.constructor) as HBaseError;
  for (const key of Reflect.ownKeys(error)) {
    if (key === 'stack') continue;
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(error, key)!);
  }
  return copy;
}

/**
 * @internal Settles like `promise`, but a rejection carries the caller's frames (see
 * {@link withCallerStack}). Costs one more promise per call; used where the library would
 * otherwise hand out the transport's promise as it is.
 */
export async function withCallerOnFailure<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw withCallerStack(error);
  }
}
