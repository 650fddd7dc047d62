import { parse as parseLossless } from 'lossless-json';
import { CodecError } from './codec-error';

const POSITION = /at position (\d+)/;

/**
 * @internal The error for malformed JSON text read from a cell: `invalid JSON at position 12`.
 * The parsers' own messages quote the text (`Unexpected token 'c', "card-4111..." is not valid
 * JSON`), which is stored data: only the position is kept, and the parser's error is not attached
 * as a cause, which loggers print too.
 */
export function invalidJson(codec: string, text: string, error: unknown): CodecError {
  const position = syntaxErrorPosition(text, error);
  return new CodecError(codec, `invalid JSON${position === undefined ? '' : ` at position ${position}`}`);
}

/**
 * Where `text` is malformed, from a parser's error. The native parser does not always say: then
 * lossless-json, whose messages end with the position, parses the text again to find it.
 */
function syntaxErrorPosition(text: string, error: unknown): number | undefined {
  const positionIn = (e: unknown) => POSITION.exec(e instanceof Error ? e.message : '')?.[1];
  let found = positionIn(error);
  if (found === undefined) {
    try {
      // Duplicate keys are not malformed (the native parser keeps the last one).
      parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue });
    } catch (again) {
      found = positionIn(again);
    }
  }
  return found === undefined ? undefined : Number(found);
}
