import { CliError } from './exit-codes';

/**
 * The CLI's binary-safe encoding of row keys, column names and values, shared by `get`, `scan`
 * and the export format, so that what one prints another reads back.
 *
 * - In JSON (`--format json|jsonl`, export files): bytes that are valid UTF-8 are a JSON string;
 *   any other bytes are `{"base64": "..."}`. Both forms are unambiguous, and JSON escapes control
 *   characters, so every byte string round-trips.
 * - In the human format (`--format table`): text when the bytes are valid UTF-8 without control
 *   characters, else `base64:` followed by the base64 of the bytes (text that itself starts with
 *   `base64:` is shown that way too, so the mark is never ambiguous).
 */

/** @internal The JSON form of a byte string. */
export type JsonBytes = string | { base64: string };

/** @internal Whether the bytes are valid UTF-8 (decoding them and encoding back gives them again). */
export function isUtf8(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  // Without U+FFFD the decoder replaced nothing: valid. With one, it may be a real U+FFFD.
  return !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes);
}

/** @internal Bytes as JSON: a string when valid UTF-8, else `{ base64 }`. */
export function bytesToJson(bytes: Buffer): JsonBytes {
  return isUtf8(bytes) ? bytes.toString('utf8') : { base64: bytes.toString('base64') };
}

/**
 * @internal Reads bytes back from their JSON form; undefined for anything else (the caller
 * names what was wrong, without quoting it).
 */
export function bytesFromJson(value: unknown): Buffer | undefined {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const base64 = (value as { base64?: unknown }).base64;
    if (keys.length === 1 && typeof base64 === 'string' && BASE64.test(base64)) {
      return Buffer.from(base64, 'base64');
    }
  }
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** C0 controls, DEL and C1 controls: they would move the cursor or break lines in a terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** @internal Bytes for a human: text when printable UTF-8, else `base64:...`. */
export function bytesToDisplay(bytes: Buffer): string {
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    if (!CONTROL.test(text) && !text.startsWith('base64:')) return text;
  }
  return `base64:${bytes.toString('base64')}`;
}

/** How a key given on the command line (`get`'s row, `--prefix`, `--start`, `--stop`) is read. */
export type KeyEncoding = 'utf8' | 'base64' | 'hex';

/** @internal The encodings `--key-encoding` takes. */
export const KEY_ENCODINGS: readonly KeyEncoding[] = ['utf8', 'base64', 'hex'];

/**
 * @internal A key from the command line as bytes. `flag` names its source in the error when the
 * text is not in the encoding.
 */
export function keyFromArgument(text: string, encoding: KeyEncoding, flag: string): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const valid = encoding === 'hex' ? /^(?:[0-9a-fA-F]{2})*$/ : BASE64;
  if (!valid.test(text)) {
    throw CliError.usage(`${flag}: not valid ${encoding} (see --key-encoding)`);
  }
  return Buffer.from(text, encoding);
}
