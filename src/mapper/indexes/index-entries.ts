import type { RowDataWithTimestamps } from '../../client/row-data';
import { type ConnectionSource, withTable } from '../connection-source';
import type { IndexRange } from './index-bounds';
import { INDEX_CELL, INDEX_CELL_NAME, type IndexMetadata } from './index-metadata';

/** @internal One entry read from an index table. */
export interface IndexEntryRead {
  /** The index row. */
  row: Buffer;
  /** The entity's row key (in the entity's table), the last part of the index row. */
  mainKey: Buffer;
  /** The write token its cell holds (what a Thrift2 repair compares). */
  token: Buffer;
  /** Its cell's timestamp (what a Thrift1 repair deletes up to). */
  timestamp: number;
}

/**
 * @internal The entries of a range of an index table, a batch at a time; each batch is one short
 * scan, so no connection or server-side scanner is held between batches (nor while the caller
 * checks, repairs or hands out a batch).
 */
export async function* entryBatches(
  source: ConnectionSource,
  index: IndexMetadata,
  range: IndexRange,
  reverse: boolean,
  batchSize: number,
): AsyncGenerator<IndexEntryRead[]> {
  if (range.empty) return;
  let resume: Buffer | undefined;
  for (;;) {
    const rows = await withTable(source, index.table, async (t) => {
      const start = resume === undefined ? (reverse ? range.stop : range.start) : resume;
      const stop = reverse ? range.start : range.stop;
      const out: Array<[Buffer, RowDataWithTimestamps]> = [];
      // Reversed, a resumed scan starts at the last row returned (inclusive): it is dropped.
      const skip = reverse && resume !== undefined ? 1 : 0;
      const scanner = t.scan({
        ...(start === undefined ? {} : { rowStart: start }),
        ...(stop === undefined ? {} : { rowStop: stop }),
        columns: [INDEX_CELL],
        includeTimestamp: true,
        reverse,
        limit: batchSize + skip,
        batchSize: batchSize + skip,
      });
      for await (const [key, data] of scanner) {
        if (skip === 1 && out.length === 0 && resume !== undefined && key.equals(resume)) continue;
        out.push([key, data]);
      }
      return out;
    });
    const entries: IndexEntryRead[] = [];
    for (const [row, data] of rows) {
      const cell = data[INDEX_CELL_NAME];
      if (!cell) continue;
      const parts = index.keyCodec.decode(row);
      entries.push({
        row,
        mainKey: parts[parts.length - 1] as Buffer,
        token: cell.value,
        timestamp: cell.timestamp,
      });
    }
    if (entries.length > 0) yield entries;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]![0];
    resume = reverse ? last : Buffer.concat([last, Buffer.from([0])]);
  }
}
