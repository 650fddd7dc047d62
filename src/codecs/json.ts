import { bytesToDecode } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';
import { invalidJson } from './invalid-json';
import { decodeUtf8 } from './utf8-text';

const jsonCodec: Codec<unknown> = Object.freeze({
  name: 'json',
  encode(value: unknown): Buffer {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (error) {
      // Cycles and bigints make JSON.stringify throw a TypeError.
      const reason = error instanceof Error ? error.message : String(error);
      throw new CodecError('json', `cannot serialize the value: ${reason}`, { cause: error });
    }
    // JSON.stringify returns undefined (not a string) for undefined, functions and symbols.
    if (text === undefined) throw CodecError.invalidValue('json', 'a JSON-serializable value', value);
    return Buffer.from(text, 'utf8');
  },
  decode(bytes: Buffer): unknown {
    const text = decodeUtf8('json', bytesToDecode('json', bytes));
    try {
      return JSON.parse(text);
    } catch (error) {
      throw invalidJson('json', text, error);
    }
  },
});

/**
 * A value as UTF-8 JSON text (readable in the HBase shell). A function because it is generic:
 * `T` only types the field, nothing checks at runtime that decoded JSON has that shape.
 *
 * What JSON cannot hold does not round-trip: a `Date` reads back as its ISO string, `undefined`
 * properties disappear, `-0` becomes `0`. Encoding rejects bigints, cycles and values with no
 * JSON form (`undefined`, functions, symbols); decoding rejects invalid UTF-8 or JSON.
 *
 * @example
 * ```ts
 * interface Address { street: string; city: string }
 * @Column({ family: 'info', codec: json<Address>() }) address?: Address;
 * ```
 */
export function json<T>(): Codec<T> {
  // One stateless codec serves every T: the type parameter exists only at compile time.
  return jsonCodec as Codec<T>;
}
