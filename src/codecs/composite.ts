import { bytesToDecode, inPart, requireCodec, requireLength, requirePrefixArguments } from './checks';
import type { KeyCodec } from './codec';
import { CodecError } from './codec-error';
import type { CodecInput, CodecValue } from './codec-types';
import { isVariableWidthDescending } from './descending';
import { escapePart, readEscapedPart } from './escaping';

/** The tuple a composite of the codecs `P` decodes to, e.g. `[string, bigint]`. */
export type CompositeValue<P extends readonly KeyCodec<unknown>[]> = {
  -readonly [K in keyof P]: CodecValue<P[K]>;
};

/**
 * The tuple a composite of the codecs `P` encodes: each part as its codec's `encode` takes it
 * (so a `sortableInt64` part also takes a number).
 */
export type CompositeInput<P extends readonly KeyCodec<unknown>[]> = {
  readonly [K in keyof P]: CodecInput<P[K]>;
};

/** The leading slices of a tuple type: `[A, B]` gives `[] | [A] | [A, B]`. */
export type LeadingParts<T extends readonly unknown[]> = number extends T['length']
  ? T
  : T extends readonly [...infer Init, unknown]
    ? Readonly<T> | LeadingParts<Init>
    : Readonly<T>;

/** Options of {@link CompositeCodec.encodePrefix}. */
export interface EncodePrefixOptions {
  /**
   * Treat the last leading part as the beginning of a value rather than a whole value: its
   * terminator is left out, so the prefix matches every key whose part starts with it (`'Par'`
   * matches `'Paris'`). Only for a variable-width last part whose encoding of a prefix is a byte
   * prefix (e.g. `utf8Key`, `bytes`); rejected for fixed-width and `descending(...)` parts.
   */
  partialLast?: boolean;
}

/**
 * An order-preserving key made of several parts, built by {@link composite}. Assignable to
 * `KeyCodec<T>`; `I` is what `encode` accepts (wider than `T` where a part's codec is).
 */
export interface CompositeCodec<T extends readonly unknown[], I extends readonly unknown[] = T> {
  /** `composite(<part names>)`. */
  readonly name: string;
  /** Marks the codec as order-preserving. */
  readonly orderPreserving: true;
  /** The sum of the parts' widths when they are all fixed-width, else undefined. */
  readonly fixedWidth: number | undefined;
  /** The codecs of the parts, in order. */
  readonly parts: readonly KeyCodec<unknown>[];
  /** Encodes a whole tuple (one value per part). */
  encode(value: I): Buffer;
  /** Decodes a whole key into its tuple. */
  decode(bytes: Buffer): T;
  /**
   * The bytes every key starting with these leading parts begins with: pass them as a scan's
   * `rowPrefix` to read all keys with those leading parts. `encodePrefix([])` is empty (the whole
   * table); with every part it equals `encode`.
   *
   * A variable-width part in the prefix is encoded whole, with its terminator, so it matches keys
   * whose part equals it exactly: `['Par']` does not match `['Paris', …]`. For "starts with" on
   * the last given part, pass `{ partialLast: true }`.
   *
   * @example
   * ```ts
   * const key = composite([utf8Key, descending(sortableInt64)]);
   * table.scan({ rowPrefix: key.encodePrefix(['sensor-1']) }); // sensor-1's rows, newest first
   * table.scan({ rowPrefix: key.encodePrefix(['sensor-'], { partialLast: true }) }); // every sensor
   * ```
   */
  encodePrefix(leadingParts: LeadingParts<I>, options?: EncodePrefixOptions): Buffer;
}

/**
 * An order-preserving key of several parts: the tuple's order (first part, then second, …)
 * equals the byte order, so a scan returns keys sorted part by part, and a prefix scan on the
 * leading parts ({@link CompositeCodec.encodePrefix}) reads one group of keys.
 *
 * Parts are separated without ambiguity:
 * - a fixed-width part (`sortableInt64`, `fixedString(n)`, …) is written as is;
 * - a variable-width part (`utf8Key`, `bytes`, …) has each 0x00 byte escaped as 0x00 0xff and
 *   is terminated by 0x00 0x01. The terminator sorts below any byte of a longer value, so
 *   `['ab', x]` sorts before `['abc', y]` whatever x and y; it is written after the last part
 *   too, so no key is a prefix of another key and a composite can itself be a part of a
 *   composite or wrapped in {@link descending}.
 *
 * Every part must be a `KeyCodec`; a `salted(...)` key cannot be a part (it is not
 * order-preserving), but a composite can be salted.
 *
 * @example
 * ```ts
 * const eventKey = composite([utf8Key, descending(sortableInt64), sortableInt32]);
 * eventKey.encode(['user-42', Date.now(), 7]);
 * const [user, time, seq] = eventKey.decode(row); // [string, bigint, number]
 * ```
 */
export function composite<const P extends readonly KeyCodec<unknown>[]>(
  parts: P,
): CompositeCodec<CompositeValue<P>, CompositeInput<P>> {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw CodecError.invalidOption('composite', 'parts', 'a non-empty array of KeyCodecs', parts);
  }
  for (const [i, part] of parts.entries()) requireCodec('composite', `parts[${i}]`, part, true);
  const codecs: readonly KeyCodec<unknown>[] = Object.freeze([...parts]);
  const name = `composite(${codecs.map((c) => c.name).join(', ')})`;
  let fixedWidth: number | undefined = 0;
  for (const codec of codecs) {
    fixedWidth =
      fixedWidth === undefined || codec.fixedWidth === undefined ? undefined : fixedWidth + codec.fixedWidth;
  }

  function encodeParts(values: readonly unknown[], partialLast: boolean): Buffer {
    const chunks: Buffer[] = [];
    values.forEach((value, i) => {
      const codec = codecs[i]!;
      const raw = inPart(name, i, () => codec.encode(value));
      if (codec.fixedWidth === undefined) {
        chunks.push(escapePart(raw, !(partialLast && i === values.length - 1)));
      } else if (raw.length !== codec.fixedWidth) {
        throw new CodecError(
          name,
          `part ${i}: ${codec.name} returned ${raw.length} bytes, not its fixedWidth ${codec.fixedWidth}`,
        );
      } else {
        chunks.push(raw);
      }
    });
    return Buffer.concat(chunks);
  }

  const codec: CompositeCodec<unknown[], readonly unknown[]> = {
    name,
    orderPreserving: true,
    fixedWidth,
    parts: codecs,
    encode(value: readonly unknown[]): Buffer {
      if (!Array.isArray(value) || value.length !== codecs.length) {
        throw CodecError.invalidValue(name, `an array of ${codecs.length} parts`, value);
      }
      return encodeParts(value, false);
    },
    decode(bytes: Buffer): unknown[] {
      bytes = bytesToDecode(name, bytes);
      if (fixedWidth !== undefined) requireLength(name, bytes, fixedWidth);
      const values: unknown[] = [];
      let offset = 0;
      codecs.forEach((part, i) => {
        let raw: Buffer;
        if (part.fixedWidth === undefined) {
          const read = readEscapedPart(name, bytes, offset);
          raw = read.part;
          offset = read.end;
        } else {
          const end = offset + part.fixedWidth;
          if (end > bytes.length) {
            throw new CodecError(
              name,
              `expected at least ${end} bytes to read part ${i} (${part.name}), got ${bytes.length}`,
            );
          }
          raw = bytes.subarray(offset, end);
          offset = end;
        }
        values.push(inPart(name, i, () => part.decode(raw)));
      });
      if (offset !== bytes.length) {
        throw new CodecError(
          name,
          `expected the key to end after its last part at byte ${offset}, got ${bytes.length - offset} more bytes`,
        );
      }
      return values;
    },
    encodePrefix(leadingParts: readonly unknown[], options?: EncodePrefixOptions): Buffer {
      const partialLast = requirePrefixArguments(name, codecs.length, leadingParts, options);
      if (partialLast) {
        const last = codecs[leadingParts.length - 1];
        if (last === undefined) {
          throw new CodecError(name, 'partialLast needs at least one leading part');
        }
        if (last.fixedWidth !== undefined || isVariableWidthDescending(last)) {
          throw new CodecError(
            name,
            `partialLast needs a last part whose codec encodes a value's prefix as a byte prefix (e.g. utf8Key), got ${last.name}`,
          );
        }
      }
      return encodeParts(leadingParts, partialLast);
    },
  };
  return Object.freeze(codec) as unknown as CompositeCodec<CompositeValue<P>, CompositeInput<P>>;
}
