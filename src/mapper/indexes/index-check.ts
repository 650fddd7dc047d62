import type { RowData } from '../../client/row-data';
import type { Table } from '../../client/table';
import { bytes, type CompositeCodec, composite, type KeyCodec } from '../../codecs';
import { isCodecError } from '../../codecs/codec-error';
import { type ConnectionSource, withTable } from '../connection-source';
import type { IndexEntryRead } from './index-entries';
import { INDEX_CELL, type IndexMetadata } from './index-metadata';
import { newToken } from './index-writes';

/** @internal Where an index's entries and its entities live. */
export interface IndexSite {
  source: ConnectionSource;
  /** The entity's table (without the connection's prefix). */
  table: string;
  index: IndexMetadata;
}

/** @internal An entry and the entity row it was checked against. */
export interface CheckedEntry {
  entry: IndexEntryRead;
  /** The entity's current row when it matches the entry; `undefined` when the entry is stale. */
  data: RowData | undefined;
}

/**
 * @internal Each entry with its entity's current row when that row matches it (one multi-get).
 * The match compares the indexed cells' bytes as stored, never decoded: a cell that does not
 * decode, in an indexed field or elsewhere, fails no check (an indexed cell's bytes simply give
 * another entry), and a codec whose decode–encode round trip changes bytes cannot make a valid
 * entry look stale. `wholeRows`: read the entities' whole rows (to decode them), not only the
 * indexed cells.
 */
export async function checkEntries(
  site: IndexSite,
  entries: readonly IndexEntryRead[],
  wholeRows: boolean,
): Promise<CheckedEntry[]> {
  const columns = wholeRows ? [] : site.index.fields.map((f) => f.column);
  const rows = await withTable(site.source, site.table, (t) =>
    t.rows(
      entries.map((e) => e.mainKey),
      { columns },
    ),
  );
  const byKey = new Map<string, RowData>(rows.map(([k, d]) => [k.toString('latin1'), d]));
  return entries.map((entry) => {
    const data = byKey.get(entry.mainKey.toString('latin1'));
    const matches = data !== undefined && storedIndexRow(site.index, data, entry.mainKey)?.equals(entry.row);
    return { entry, data: matches ? data : undefined };
  });
}

/**
 * @internal The index row an entity's stored cells give (with its row key), or `undefined` when
 * an indexed cell is absent (or has not the width its codec writes).
 */
export function storedIndexRow(index: IndexMetadata, data: RowData, key: Buffer): Buffer | undefined {
  const cells = index.fields.map((f) => data[f.columnName]);
  if (cells.some((c) => c === undefined)) return undefined;
  try {
    return storedKeyCodec(index).encode([...cells, key]);
  } catch (error) {
    if (isCodecError(error)) return undefined;
    throw error;
  }
}

const storedCodecs = new WeakMap<IndexMetadata, CompositeCodec<unknown[], readonly unknown[]>>();

/**
 * The index's key codec with each field part taking the cell's bytes as they are: a cell holds
 * `codec.encode(value)`, the very bytes the index part writes, so the index row is built from the
 * stored bytes (escaped, or width-checked, exactly as the part would be) without decoding them.
 */
function storedKeyCodec(index: IndexMetadata): CompositeCodec<unknown[], readonly unknown[]> {
  let codec = storedCodecs.get(index);
  if (!codec) {
    const parts = index.keyCodec.parts.slice(0, -1).map(
      (part): KeyCodec<unknown> =>
        Object.freeze({
          name: `stored(${part.name})`,
          orderPreserving: true as const,
          fixedWidth: part.fixedWidth,
          encode: (value: unknown) => value as Buffer,
          decode: (value: Buffer) => value,
        }),
    );
    codec = composite([...parts, bytes]) as unknown as CompositeCodec<unknown[], readonly unknown[]>;
    storedCodecs.set(index, codec);
  }
  return codec;
}

/**
 * @internal Deletes a stale entry, unless it was rewritten since it was read: on a Thrift2 gateway
 * only if its cell still holds the token read (one `checkAndMutate`); on Thrift1 only the versions
 * up to the timestamp read. Then reads the entity once more: if a write landed meanwhile and now
 * matches, the entry is written back, so a repair racing a save never leaves it unindexed.
 */
export async function repairEntry(site: IndexSite, entry: IndexEntryRead): Promise<void> {
  await withTable(site.source, site.index.table, async (t: Table) => {
    if ((await t.connection.gatewayKind()) === 'thrift2') {
      await t.checkAndMutate(entry.row, { column: INDEX_CELL, value: entry.token }, { delete: [INDEX_CELL] });
    } else {
      await t.delete(entry.row, { columns: [INDEX_CELL], timestamp: entry.timestamp });
    }
  });
  const [again] = await checkEntries(site, [entry], false);
  if (again?.data !== undefined) {
    await withTable(site.source, site.index.table, (t) =>
      t.put(entry.row, new Map([[INDEX_CELL, newToken()]])),
    );
  }
}
