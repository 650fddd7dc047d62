import { Connection } from '../../src';
import { gateways } from './gateway';

/** The row key of row `i` of a pre-split test table: `k` and six digits, so key order is `i` order. */
export const presplitKey = (i: number): string => `k${String(i).padStart(6, '0')}`;

/**
 * Creates `name` (under `tablePrefix`) pre-split into `regions` regions of equal shares of rows
 * `0..rows-1` (family `cf`, cells `cf:a` = the key and `cf:b` = `i`), and writes the rows.
 * Split keys need Thrift2's `createTable`: the table is made through the Thrift2 gateway whatever
 * the run's API; the rows are written through `writer` (the run's API).
 */
export async function createPresplitTable(
  writer: Connection,
  tablePrefix: string,
  name: string,
  rows: number,
  regions = 16,
): Promise<string[]> {
  const splitKeys = Array.from({ length: regions - 1 }, (_, r) =>
    presplitKey(Math.round(((r + 1) * rows) / regions)),
  );
  const admin = new Connection({ ...gateways.thrift2(), tablePrefix });
  try {
    await admin.createTable(name, { cf: {} }, { splitKeys });
  } finally {
    await admin.close();
  }
  const table = writer.table(name);
  const keys = Array.from({ length: rows }, (_, i) => presplitKey(i));
  for (let from = 0; from < rows; from += 2000) {
    const batch = table.batch({ wal: false });
    for (const key of keys.slice(from, from + 2000))
      await batch.put(key, { 'cf:a': key, 'cf:b': key.slice(1) });
    await batch.send();
  }
  return keys;
}
