import { InvalidArgumentError } from '../client/errors';
import { Redacted } from '../client/errors/describe-value';
import type { Codec } from '../codecs/codec';
import { type CodecError, isCodecError } from '../codecs/codec-error';

/**
 * @internal Encodes a value the caller gave for an entity field or key, turning a codec's refusal
 * into an `InvalidArgumentError` that names the field (`entity.name`, `key.userId`,
 * `changes.email`): to the caller it is bad input, not a codec failure. The `CodecError` is kept as
 * `cause`.
 */
export function encodeArgument(codec: Codec<unknown>, value: unknown, argument: string): Buffer {
  try {
    return codec.encode(value);
  } catch (error) {
    throw isCodecError(error) ? rejectedByCodec(argument, error) : error;
  }
}

/**
 * @internal The `InvalidArgumentError` for a value a codec refused:
 * `Invalid entity.age: expected an integer from -2147483648 to 2147483647 (int32 codec), got 1.5`.
 */
export function rejectedByCodec(argument: string, error: CodecError): InvalidArgumentError {
  if (error.expected !== undefined && error.received !== undefined) {
    return new InvalidArgumentError(
      argument,
      `${error.expected} (${error.codec} codec)`,
      new Redacted(error.received),
      {
        cause: error,
      },
    );
  }
  // A refusal without the expected/received split (e.g. a cycle in a json value): the codec's own
  // words, which describe the value the same careful way.
  return new InvalidArgumentError(
    argument,
    `a value the ${error.codec} codec can encode`,
    new Redacted(`one it refused (${error.message})`),
    { cause: error },
  );
}
