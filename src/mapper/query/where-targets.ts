import { InvalidArgumentError } from '../../client/errors';
import { bytes } from '../../codecs/bytes';
import type { Codec } from '../../codecs/codec';
import { isDescending } from '../../codecs/descending';
import { int64 } from '../../codecs/int64';
import { utf8 } from '../../codecs/utf8';
import { utf8Key } from '../../codecs/utf8-key';
import { encodeArgument } from '../codec-rejection';
import type { EntityMetadata } from '../metadata/entity-metadata';

/** @internal What a `where` condition on one field tests: a part of the row key, or one cell. */
export type WhereTarget =
  | {
      kind: 'key';
      property: string;
      codec: Codec<unknown>;
      /** Encodes a value as the bytes the keys it matches start with (the whole key for a single key). */
      encode: (value: unknown, argument: string) => Buffer;
      /**
       * Whether `encode` gives whole keys (a single key, or the last part of a composite key after
       * the others) or the prefix of the keys with that part.
       */
      whole: boolean;
      /** Whether the field is one part of a composite key (`startsWith` then does not apply). */
      composite: boolean;
      /**
       * Whether keys sort by this part's values where its codec does: not for `keyDelimiter` keys,
       * which sort as text (see `delimited`).
       */
      keySorted: boolean;
    }
  | {
      kind: 'column';
      property: string;
      codec: Codec<unknown>;
      family: string;
      qualifier: Buffer;
      column: Buffer;
      columnName: string;
    };

/**
 * @internal The field `property` of the entity as a `where` target; anything else is refused.
 * `fixed`: the values the `where` requires of the leading key parts (equalities every row must
 * meet), which let a condition on the next part be a comparison of key prefixes.
 */
export function whereTarget(
  meta: EntityMetadata,
  property: string,
  argument: string,
  fixed: readonly unknown[] = [],
): WhereTarget {
  const keyIndex = meta.keyParts.findIndex((p) => p.property === property);
  if (keyIndex >= 0) {
    const part = meta.keyParts[keyIndex]!;
    if (meta.keyParts.length === 1) {
      return {
        kind: 'key',
        property,
        codec: part.codec,
        encode: (value, at) => encodeArgument(part.codec, value, at),
        whole: true,
        composite: false,
        keySorted: true,
      };
    }
    if (keyIndex > fixed.length) {
      const earlier = meta.keyParts.slice(0, keyIndex).map((p) => p.property);
      throw new InvalidArgumentError(
        argument,
        `a condition on a part of ${meta.name}'s composite key after ${earlier.join(', ')} only with ` +
          "an equality on each of those in the same where, or the scan's `prefix` giving them",
        undefined,
      );
    }
    const leading = fixed.slice(0, keyIndex);
    // With the last part the values cover the whole key: compare whole keys. (The prefix of every
    // part of a `keyDelimiter` key is the key itself, which also starts the keys whose last part
    // is longer: `FR#A` starts `FR#AB`.)
    const last = keyIndex === meta.keyParts.length - 1;
    return {
      kind: 'key',
      property,
      codec: part.codec,
      encode: (value, at) => {
        encodeArgument(part.codec, value, at);
        // Rows must have the earlier parts anyway: comparing the prefix with this part is exact.
        return last ? meta.keyCodec.encode([...leading, value]) : meta.encodeKeyPrefix!([...leading, value]);
      },
      whole: last,
      composite: true,
      keySorted: (meta.keyCodec as { orderPreserving?: unknown }).orderPreserving === true,
    };
  }
  // Counters and the version column are 8-byte big-endian integers, which int64 writes.
  const eight = [...meta.counters, ...(meta.versionColumn ? [meta.versionColumn] : [])].map((c) => ({
    ...c,
    codec: int64 as Codec<unknown>,
  }));
  for (const mapping of [...meta.columns, ...meta.versions, ...eight]) {
    if (mapping.property !== property) continue;
    const colon = mapping.columnName.indexOf(':');
    return {
      kind: 'column',
      property,
      codec: mapping.codec,
      family: mapping.family,
      qualifier: mapping.column.subarray(colon + 1),
      column: mapping.column,
      columnName: mapping.columnName,
    };
  }
  const names = [
    ...meta.keyParts.map((p) => p.property),
    ...[...meta.columns, ...meta.versions, ...eight].map((c) => c.property),
    ...meta.embedded.map((e) => e.property),
  ];
  throw new InvalidArgumentError(argument, `a field of ${meta.name} (${names.join(', ')})`, property);
}

/** @internal How the bytes of a codec sort: with its values, against them, or not at all. */
export function byteOrderOf(codec: Codec<unknown>): 'ascending' | 'descending' | undefined {
  if ((codec as { orderPreserving?: unknown }).orderPreserving !== true) return undefined;
  return isDescending(codec) ? 'descending' : 'ascending';
}

/**
 * @internal What `startsWith` takes on a field of this codec, if anything: codecs that encode a
 * prefix of a value as a prefix of its bytes (plain UTF-8 text, raw bytes).
 */
export function prefixKind(codec: Codec<unknown>): 'text' | 'bytes' | undefined {
  if (codec === (utf8 as Codec<unknown>) || codec === (utf8Key as Codec<unknown>)) return 'text';
  if (codec === (bytes as Codec<unknown>)) return 'bytes';
  return undefined;
}

/**
 * @internal The codec of a field a `where` can test, or of a value object's column by its path
 * (`home.city`); `undefined` for anything else.
 */
export function whereFieldCodec(meta: EntityMetadata, property: string): Codec<unknown> | undefined {
  const part = meta.keyParts.find((p) => p.property === property);
  if (part) return part.codec;
  // A column of a value object, by its path (`home.city`).
  const leaf = meta.embeddedColumns.find((c) => c.property === property);
  if (leaf) return leaf.codec;
  try {
    return whereTarget(meta, property, property).codec;
  } catch {
    return undefined;
  }
}
