import { isUtf8 } from 'node:buffer';
import { CodecError } from './codec-error';

// With the `u` flag a surrogate pair is one astral code point, so only unpaired halves match.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * @internal Encodes text as UTF-8, rejecting unpaired surrogates: Node would silently write them
 * as U+FFFD, so the text read back would differ from the text written.
 */
export function encodeUtf8(codec: string, value: unknown): Buffer {
  if (typeof value !== 'string') throw CodecError.invalidValue(codec, 'a string', value);
  if (LONE_SURROGATE.test(value)) {
    throw CodecError.invalidValue(codec, 'well-formed text (no unpaired surrogate)', value);
  }
  return Buffer.from(value, 'utf8');
}

/**
 * @internal Decodes UTF-8, rejecting malformed bytes instead of replacing them with U+FFFD, which
 * would corrupt the value silently (and, for keys, make two different keys decode the same).
 */
export function decodeUtf8(codec: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // Malformed bytes always decode to U+FFFD; only then is the full check needed (the text may
  // also hold a real U+FFFD). Checking the decoded string is cheaper than a second pass in C++
  // for every value of a scan.
  if (text.includes('\uFFFD') && !isUtf8(bytes))
    throw new CodecError(codec, `expected UTF-8 text, got ${bytes.length} bytes that are not`);
  return text;
}
