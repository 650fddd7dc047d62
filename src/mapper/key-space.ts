import { isSaltedCodec } from '../codecs/salted';
import type { EntityMetadata } from './metadata/entity-metadata';

/**
 * @internal Where an entity's rows lie in its table. Plain keys sort as their bytes: one run of
 * rows. Salted keys (`salted(...)`) are a salt byte and then the inner key: one run per bucket,
 * each sorted by the inner key, so a scan in key order reads every run and merges them.
 *
 * Scans are planned in *logical* key bytes: the whole key for plain keys, the inner key (after
 * the salt byte) for salted ones. Bounds, prefixes and cursors are compared as logical bytes.
 */
export interface KeySpace {
  /** What every row key of each run starts with: `[]` for plain keys, one salt byte per bucket. */
  readonly leads: readonly Buffer[];
  /** How many bytes of a row key come before its logical part (0, or 1 for the salt). */
  readonly leadLength: number;
}

const PLAIN: KeySpace = Object.freeze({ leads: [Buffer.alloc(0)], leadLength: 0 });

/** @internal The key space of an entity, from its key codec. */
export function keySpaceOf(meta: EntityMetadata): KeySpace {
  const codec = meta.keyCodec;
  if (!isSaltedCodec(codec)) return PLAIN;
  return { leads: codec.bucketPrefixes(), leadLength: 1 };
}

/** @internal The logical part of a row key. */
export function logicalKey(space: KeySpace, rowKey: Buffer): Buffer {
  return space.leadLength === 0 ? rowKey : rowKey.subarray(space.leadLength);
}
