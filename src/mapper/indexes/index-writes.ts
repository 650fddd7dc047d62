import { randomBytes } from 'node:crypto';
import { ConnectionPool } from '../../client/connection-pool';
import { InvalidArgumentError } from '../../client/errors';
import { isCodecError } from '../../codecs/codec-error';
import { encodeArgument, rejectedByCodec } from '../codec-rejection';
import { type ConnectionSource, withTable } from '../connection-source';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { INDEX_CELL, type IndexMetadata, indexesOf } from './index-metadata';

/** @internal One index entry to write: its index table and row. */
export interface IndexEntry {
  table: string;
  row: Buffer;
}

/** HBase's limit on row keys (the index row holds the value and the entity's key). */
const MAX_ROW_KEY = 32_767;

/**
 * @internal The index entries that saving `entity` (or updating it with these fields) writes:
 * one per index whose fields are all set. An index with none of its fields set is left alone
 * (`undefined` leaves cells as they are, and their entry stays right); one with a field `null`
 * gets no entry (its old entry, if any, goes stale and is repaired on read). Some fields set and
 * others `undefined` is refused: the entry would need the stored values, which are not read.
 */
export function indexEntriesOf(
  meta: EntityMetadata,
  entity: Record<string, unknown>,
  key: Buffer,
  argument: string,
): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const index of indexesOf(meta)) {
    const values = index.fields.map((f) => entity[f.property]);
    if (values.every((v) => v === undefined)) continue;
    if (values.some((v) => v === null)) continue;
    const missing = index.fields.find((_, i) => values[i] === undefined);
    if (missing) {
      throw new InvalidArgumentError(
        `${argument}.${missing.property}`,
        `a value too: index ${index.name} covers ${index.fields.map((f) => f.property).join(', ')}, ` +
          'and its entry needs all of them (nothing is read to complete it)',
        undefined,
      );
    }
    const row = indexRowOf(index, values, key, argument);
    entries.push({ table: index.table, row });
  }
  return entries;
}

/** @internal The index row of an entity with these field values and this row key. */
export function indexRowOf(index: IndexMetadata, values: unknown[], key: Buffer, argument: string): Buffer {
  let row: Buffer;
  try {
    row = index.keyCodec.encode([...values, key]);
  } catch (error) {
    if (!isCodecError(error)) throw error;
    // Only on failure: find the field at fault, so the error names it.
    for (const [i, f] of index.fields.entries())
      encodeArgument(f.codec, values[i], `${argument}.${f.property}`);
    throw rejectedByCodec(argument, error);
  }
  if (row.length > MAX_ROW_KEY) {
    throw new InvalidArgumentError(
      argument,
      `indexed values and key of at most ${MAX_ROW_KEY} bytes together (the row key limit of index ${index.name})`,
      undefined,
    );
  }
  return row;
}

/**
 * @internal Runs an entity write with its index entries around it: the entries first, so that a
 * crash in between leaves an entry pointing at a row that does not match it (dropped and repaired
 * on read), never a row without its entry; then the write; then the entries once more, with fresh
 * tokens, which undoes a read repair that saw the row before this write landed and deleted an
 * entry it judged stale — also when the write fails part way, for what it did write. Nothing is
 * read.
 */
export async function writeWithIndexes(
  source: ConnectionSource,
  entries: readonly IndexEntry[],
  write: () => Promise<void>,
  checked = false,
): Promise<void> {
  if (entries.length === 0) return write();
  // A checked (`@VersionColumn`) write is refused on a Thrift1 gateway before anything is sent:
  // so are its entries.
  if (checked && (await gatewayKindOf(source)) === 'thrift1') return write();
  await putIndexEntries(source, entries);
  try {
    await write();
  } catch (error) {
    // A write that failed part way (a conflict on the third entity of a versioned bulk save, a
    // batch cut short) may have written some entities: their second write is owed all the same.
    // The entries of entities not written only dangle, as after the first write: reads drop them.
    // Its own failure (the connection is gone) must not hide the write's error.
    await putIndexEntries(source, entries).catch(() => undefined);
    throw error;
  }
  await putIndexEntries(source, entries);
}

/** @internal Writes index entries, one batch per index table, each with a fresh random token. */
export async function putIndexEntries(
  source: ConnectionSource,
  entries: readonly IndexEntry[],
): Promise<void> {
  const byTable = new Map<string, Buffer[]>();
  for (const e of entries) byTable.set(e.table, [...(byTable.get(e.table) ?? []), e.row]);
  for (const [table, rows] of byTable) {
    await withTable(source, table, (t) =>
      t.batch({}, async (batch) => {
        for (const row of rows) await batch.put(row, new Map([[INDEX_CELL, newToken()]]));
      }),
    );
  }
}

/** @internal A random write token: what a conditional repair compares, so a rewrite is never deleted. */
export function newToken(): Buffer {
  return randomBytes(8);
}

async function gatewayKindOf(source: ConnectionSource): Promise<string> {
  return source instanceof ConnectionPool ? source.connection((c) => c.gatewayKind()) : source.gatewayKind();
}
