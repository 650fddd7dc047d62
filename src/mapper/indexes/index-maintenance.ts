import { withTable } from '../connection-source';
import { checkEntries, type IndexSite, repairEntry, storedIndexRow } from './index-check';
import { entryBatches } from './index-entries';
import { INDEX_CELL } from './index-metadata';
import { newToken } from './index-writes';

/** What {@link EntityIndex.verify} found (nothing is changed). */
export interface IndexVerifyReport {
  /** The index. */
  index: string;
  /** Entities scanned in the main table (those with at least one indexed field stored). */
  entities: number;
  /** Entries in the index table. */
  entries: number;
  /** Entries that match their entity's current values. */
  valid: number;
  /** Entries whose entity is gone or holds other values (what read repair removes). */
  stale: number;
  /** Entities with every indexed field set but no entry (what `rebuild()` writes). */
  missing: number;
  /** Whether the index is exact: no stale and no missing entry. */
  consistent: boolean;
}

/** What {@link EntityIndex.rebuild} did. */
export interface IndexRebuildReport {
  /** The index. */
  index: string;
  /** Entities scanned in the main table (those with at least one indexed field stored). */
  entities: number;
  /** Entries written (one per entity with every indexed field set). */
  written: number;
  /** Stale entries removed. */
  removed: number;
}

/** Entities and entries handled per round trip by verify and rebuild. */
const BATCH = 1000;
const WHOLE_INDEX = { start: undefined, stop: undefined };

/** @internal See {@link EntityIndex.verify}. */
export async function verifyIndex(site: IndexSite): Promise<IndexVerifyReport> {
  const report: IndexVerifyReport = {
    index: site.index.name,
    entities: 0,
    entries: 0,
    valid: 0,
    stale: 0,
    missing: 0,
    consistent: false,
  };
  for await (const batch of expectedEntries(site)) {
    report.entities += batch.entities;
    if (batch.rows.length === 0) continue;
    const present = await withTable(site.source, site.index.table, (t) => t.exists(batch.rows));
    report.missing += present.filter((p) => !p).length;
  }
  for await (const entries of entryBatches(site.source, site.index, WHOLE_INDEX, false, BATCH)) {
    report.entries += entries.length;
    const checked = await checkEntries(site, entries, false);
    report.valid += checked.filter((c) => c.data !== undefined).length;
    report.stale += checked.filter((c) => c.data === undefined).length;
  }
  report.consistent = report.stale === 0 && report.missing === 0;
  return report;
}

/** @internal See {@link EntityIndex.rebuild}. */
export async function rebuildIndex(site: IndexSite): Promise<IndexRebuildReport> {
  const report: IndexRebuildReport = { index: site.index.name, entities: 0, written: 0, removed: 0 };
  for await (const batch of expectedEntries(site)) {
    report.entities += batch.entities;
    if (batch.rows.length === 0) continue;
    await withTable(site.source, site.index.table, (t) =>
      t.batch({}, async (b) => {
        for (const row of batch.rows) await b.put(row, new Map([[INDEX_CELL, newToken()]]));
      }),
    );
    report.written += batch.rows.length;
  }
  for await (const entries of entryBatches(site.source, site.index, WHOLE_INDEX, false, BATCH)) {
    for (const c of await checkEntries(site, entries, false)) {
      if (c.data !== undefined) continue;
      await repairEntry(site, c.entry);
      report.removed++;
    }
  }
  return report;
}

/**
 * The entries the entity rows should have, a batch of rows at a time: computed from the indexed
 * cells as stored (a raw scan of those columns), as the read check does. Never through entities:
 * reading them would run `@AfterLoad` hooks, and a hook that changes an indexed field would make
 * this pass write entries its own check then finds stale.
 */
async function* expectedEntries(site: IndexSite): AsyncGenerator<{ entities: number; rows: Buffer[] }> {
  let resume: Buffer | undefined;
  for (;;) {
    const scanned = await withTable(site.source, site.table, async (t) => {
      const out: Array<[Buffer, Buffer | undefined]> = [];
      const scanner = t.scan({
        ...(resume === undefined ? {} : { rowStart: resume }),
        columns: site.index.fields.map((f) => f.column),
        limit: BATCH,
        batchSize: BATCH,
      });
      for await (const [key, data] of scanner) out.push([key, storedIndexRow(site.index, data, key)]);
      return out;
    });
    const rows = scanned.flatMap(([, row]) => (row === undefined ? [] : [row]));
    if (scanned.length > 0) yield { entities: scanned.length, rows };
    if (scanned.length < BATCH) return;
    resume = Buffer.concat([scanned[scanned.length - 1]![0], Buffer.from([0])]);
  }
}
