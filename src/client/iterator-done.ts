/**
 * @internal The result of an async iterator that has nothing more to give, shared by every
 * iterator of the library (scans, merged and deferred scans). Frozen: callers receive this object.
 */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
