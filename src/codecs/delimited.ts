import { bytesToDecode, inPart, requireCodec, requirePrefixArguments } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';
import type { CodecInput, CodecValue } from './codec-types';

/** Options of {@link delimited}. */
export interface DelimitedOptions {
  /** The text between parts (UTF-8), non-empty. Default `'#'`. */
  separator?: string;
}

/** The tuple a delimited key of the codecs `P` decodes to, e.g. `[string, number]`. */
export type DelimitedValue<P extends readonly Codec<unknown>[]> = {
  -readonly [K in keyof P]: CodecValue<P[K]>;
};

/** The tuple a delimited key of the codecs `P` encodes. */
export type DelimitedInput<P extends readonly Codec<unknown>[]> = {
  readonly [K in keyof P]: CodecInput<P[K]>;
};

/**
 * A row key of text parts joined by a separator (`IND#1`), built by {@link delimited}. Not a
 * `KeyCodec`: see {@link delimited} for its order.
 */
export interface DelimitedCodec<T extends readonly unknown[], I extends readonly unknown[] = T> {
  /** `delimited(<part names>, "<separator>")`. */
  readonly name: string;
  /** The codecs of the parts, in order. */
  readonly parts: readonly Codec<unknown>[];
  /** The separator. */
  readonly separator: string;
  /** Joins the encoded parts with the separator; a part containing the separator is an error. */
  encode(value: I): Buffer;
  /** Splits a key at the separator and decodes each part; a wrong number of parts is an error. */
  decode(bytes: Buffer): T;
  /**
   * The bytes every key with these leading parts starts with, for a scan's `rowPrefix`: the
   * parts each followed by the separator (`['IND']` gives `IND#`), so a part matches whole.
   * With `{ partialLast: true }` the last given part is not followed by the separator and
   * matches as a beginning (`['IN']` matches `IND#…` and `INX#…`). With every part given the
   * result is the key itself, which (there is no terminator) also prefixes longer last parts.
   */
  encodePrefix(leadingParts: readonly unknown[], options?: { partialLast?: boolean }): Buffer;
}

/**
 * A key made of parts joined by a separator, as other tools write them: `IND#1`, `2024|acme|7`.
 * Each part is encoded by its codec, which should render text: {@link utf8} for strings,
 * {@link decimalString} for numbers as digits, `fixedString` for padded text, or your own codec.
 *
 * No escaping: a part whose bytes contain the separator (or that forms one with its neighbour)
 * is rejected with a {@link CodecError} naming the part, since no other tool would read an
 * escape the same way. Decoding splits at every separator and needs exactly as many parts.
 *
 * Order: **not a `KeyCodec`**. Keys sort by their bytes, i.e. by the whole text (code point
 * order), not by the parts' values: numbers sort as text (`"10"` before `"9"`, unless written at
 * a fixed width), and part by part only where no part is a prefix of another followed by a
 * character below the separator (with `#`, 0x23: `['a!', 'b']` → `a!#b` sorts before
 * `['a', 'z']` → `a#z`). So a range scan returns the keys between two texts, and a prefix scan
 * ({@link DelimitedCodec.encodePrefix}) the keys with given leading parts — both exact — but
 * not a range of values. It cannot be a part of a `composite`.
 *
 * @example
 * ```ts
 * const key = delimited([utf8, decimalString], { separator: '#' });
 * key.encode(['IND', 1]); // "IND#1"
 * key.decode(Buffer.from('USA#42')); // ['USA', 42]
 * table.scan({ rowPrefix: key.encodePrefix(['IND']) }); // every "IND#…" row
 * ```
 */
export function delimited<const P extends readonly Codec<unknown>[]>(
  parts: P,
  options?: DelimitedOptions,
): DelimitedCodec<DelimitedValue<P>, DelimitedInput<P>> {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw CodecError.invalidOption('delimited', 'parts', 'a non-empty array of codecs', parts);
  }
  for (const [i, part] of parts.entries()) requireCodec('delimited', `parts[${i}]`, part, false);
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw CodecError.invalidOption('delimited', 'options', 'an object', options);
  }
  const separator = options?.separator ?? '#';
  if (typeof separator !== 'string' || separator.length === 0 || /\p{Surrogate}/u.test(separator)) {
    throw CodecError.invalidOption('delimited', 'options.separator', 'a non-empty string', separator);
  }
  const codecs: readonly Codec<unknown>[] = Object.freeze([...parts]);
  const sep = Buffer.from(separator, 'utf8');
  const name = `delimited(${codecs.map((c) => c.name).join(', ')}; ${JSON.stringify(separator)})`;

  function encodePart(index: number, value: unknown): Buffer {
    const bytes = inPart(name, index, () => codecs[index]!.encode(value));
    if (bytes.includes(sep)) {
      throw new CodecError(
        name,
        `part ${index} (${codecs[index]!.name}) contains the separator ${JSON.stringify(separator)}; delimited keys have no escaping`,
      );
    }
    return bytes;
  }

  function join(values: readonly unknown[], trailingSeparator: boolean): Buffer {
    const encoded = values.map((value, i) => encodePart(i, value));
    const chunks: Buffer[] = [];
    encoded.forEach((bytes, i) => {
      if (i > 0) chunks.push(sep);
      chunks.push(bytes);
    });
    if (trailingSeparator) chunks.push(sep);
    const key = Buffer.concat(chunks);
    // A part may end (or start) with the beginning (or end) of a multi-character separator and
    // form one with its neighbour ("a:" + "::" + "b"): check that the key splits back.
    const split = splitAt(key, trailingSeparator ? encoded.length + 1 : encoded.length);
    const wrong = encoded.findIndex((bytes, i) => !split[i]?.equals(bytes));
    if (wrong !== -1) {
      throw new CodecError(
        name,
        `part ${wrong} (${codecs[wrong]!.name}) forms the separator ${JSON.stringify(separator)} with a neighbouring part`,
      );
    }
    return key;
  }

  /** The pieces between separators, or undefined when there are not exactly `count`. */
  function splitAt(bytes: Buffer, count: number): Buffer[] {
    const pieces: Buffer[] = [];
    let start = 0;
    for (let at = bytes.indexOf(sep, 0); at !== -1; at = bytes.indexOf(sep, start)) {
      pieces.push(bytes.subarray(start, at));
      start = at + sep.length;
      if (pieces.length > count) break;
    }
    pieces.push(bytes.subarray(start));
    return pieces;
  }

  const codec: DelimitedCodec<unknown[], readonly unknown[]> = {
    name,
    parts: codecs,
    separator,
    encode(value: readonly unknown[]): Buffer {
      if (!Array.isArray(value) || value.length !== codecs.length) {
        throw CodecError.invalidValue(name, `an array of ${codecs.length} parts`, value);
      }
      return join(value, false);
    },
    decode(bytes: Buffer): unknown[] {
      bytes = bytesToDecode(name, bytes);
      const pieces = splitAt(bytes, codecs.length);
      if (pieces.length !== codecs.length) {
        throw new CodecError(
          name,
          `expected ${codecs.length} parts separated by ${JSON.stringify(separator)}, got ${pieces.length > codecs.length ? 'more' : pieces.length}`,
        );
      }
      return pieces.map((piece, i) => inPart(name, i, () => codecs[i]!.decode(piece)));
    },
    encodePrefix(leadingParts: readonly unknown[], options?: { partialLast?: boolean }): Buffer {
      const partialLast = requirePrefixArguments(name, codecs.length, leadingParts, options);
      if (leadingParts.length === 0) return Buffer.alloc(0);
      const whole = leadingParts.length === codecs.length;
      return join(leadingParts, !partialLast && !whole);
    },
  };
  return Object.freeze(codec) as unknown as DelimitedCodec<DelimitedValue<P>, DelimitedInput<P>>;
}
