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
      /** Whether `encode` gives whole keys (single key) or the prefix of the keys with that part. */
      whole: boolean;
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

/** @internal The field `property` of the entity as a `where` target; anything else is refused. */
export function whereTarget(meta: EntityMetadata, property: string, argument: string): WhereTarget {
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
        keySorted: true,
      };
    }
    if (keyIndex > 0) {
      throw new InvalidArgumentError(
        argument,
        `a condition on the leading part of ${meta.name}'s composite key (${meta.keyParts[0]!.property}); ` +
          'for later parts use `prefix` with the leading ones',
        undefined,
      );
    }
    return {
      kind: 'key',
      property,
      codec: part.codec,
      encode: (value, at) => {
        encodeArgument(part.codec, value, at);
        return meta.encodeKeyPrefix!([value]);
      },
      whole: false,
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
