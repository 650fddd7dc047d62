import { HBaseError } from '../client/errors/hbase-error';
import { describeValue } from './describe-value';

/**
 * A codec could not encode a value or decode bytes: a value of the wrong type or out of range,
 * bytes of the wrong length or shape, or invalid codec options.
 *
 * `codec` names the codec (e.g. `int32`, `composite(utf8Key, sortableInt64)`); the message starts
 * with it and says what was expected and what was received:
 * `int32 codec: expected 4 bytes, got 3`.
 *
 * @example
 * ```ts
 * try {
 *   int32.decode(cell);
 * } catch (error) {
 *   if (error instanceof CodecError) console.warn(`bad ${error.codec} cell: ${error.message}`);
 *   else throw error;
 * }
 * ```
 */
export class CodecError extends HBaseError {
  /** The name of the codec that failed, e.g. `int32`. */
  readonly codec: string;
  /**
   * For a value the codec cannot encode ({@link CodecError.invalidValue}): what it accepts, e.g.
   * `an integer from -2147483648 to 2147483647`. The mapper names the entity field with it.
   */
  readonly expected: string | undefined;
  /** For a value the codec cannot encode: the value, described briefly (never whole). */
  readonly received: string | undefined;

  /**
   * @param codec - the codec's name, which prefixes the message.
   * @param detail - what went wrong, e.g. `expected 4 bytes, got 3`.
   * @param options - `cause`; `expected` and `received` (a description) for a rejected value.
   */
  constructor(
    codec: string,
    detail: string,
    options?: { cause?: unknown; expected?: string; received?: string },
  ) {
    super(`${codec} codec: ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.codec = codec;
    this.expected = options?.expected;
    this.received = options?.received;
  }

  /** Bytes of the wrong length: `int32 codec: expected 4 bytes, got 3`. */
  static wrongLength(codec: string, expected: number | string, got: number): CodecError {
    const what = typeof expected === 'number' ? `${expected} byte${expected === 1 ? '' : 's'}` : expected;
    return new CodecError(codec, `expected ${what}, got ${got}`);
  }

  /** A value the codec cannot represent: `int32 codec: expected an integer from …, got 1.5`. */
  static invalidValue(codec: string, expected: string, value: unknown): CodecError {
    const received = describeValue(value);
    return new CodecError(codec, `expected ${expected}, got ${received}`, { expected, received });
  }

  /** An invalid option given to a codec factory: `salted codec: invalid options.buckets: …`. */
  static invalidOption(codec: string, option: string, expected: string, value: unknown): CodecError {
    return new CodecError(codec, `invalid ${option}: expected ${expected}, got ${describeValue(value)}`);
  }
}

/**
 * Brands the CodecErrors of every copy of the library. A process may load two (the dual package's
 * CommonJS and ES module builds), and a codec of one copy used by the other's Repository throws
 * a CodecError that the other's `instanceof` does not know; a registered symbol is shared.
 */
const CODEC_ERROR = Symbol.for('hbase-mapper.codec-error');
Object.defineProperty(CodecError.prototype, CODEC_ERROR, { value: true });

/** @internal Whether `error` is a {@link CodecError} of this or of another copy of the library. */
export function isCodecError(error: unknown): error is CodecError {
  return (
    typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[CODEC_ERROR] === true
  );
}
