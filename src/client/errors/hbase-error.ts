/**
 * Base class of every error this library throws, so callers can tell HBase failures apart from
 * their own bugs with a single `instanceof HBaseError`.
 */
export class HBaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
