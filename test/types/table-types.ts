// Compile-time checks, enforced by `npm run lint` (tsc over test/): return types follow options.
// Never executed: the function below only has to type-check.
import type { Buffer } from 'node:buffer';
import type { Cell, Connection, RowData, RowDataWithTimestamps, RowEntry, Scanner, Table } from '../../src';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T) => undefined;

declare const table: Table;
declare const connection: Connection;

export async function returnTypesFollowOptions() {
  const plain = await table.row('k');
  assertType<Equal<typeof plain, RowData>>();
  const stamped = await table.row('k', { includeTimestamp: true });
  assertType<Equal<typeof stamped, RowDataWithTimestamps>>();
  const rows = await table.rows(['k'], { includeTimestamp: true });
  assertType<Equal<typeof rows, Array<RowEntry<RowDataWithTimestamps>>>>();
  const cells = await table.cells('k', 'cf:q');
  assertType<Equal<typeof cells, Buffer[]>>();
  const stampedCells = await table.cells('k', 'cf:q', { includeTimestamp: true });
  assertType<Equal<typeof stampedCells, Cell[]>>();
  const scan = table.scan({ rowPrefix: 'a' });
  assertType<Equal<typeof scan, Scanner<RowData>>>();
  const stampedScan = table.scan({ includeTimestamp: true });
  assertType<Equal<typeof stampedScan, Scanner<RowDataWithTimestamps>>>();
  for await (const [key, data] of stampedScan) {
    assertType<Equal<typeof key, Buffer>>();
    assertType<Equal<(typeof data)[string], Cell>>();
  }
  const counter = await table.counterInc('k', 'cf:c');
  assertType<Equal<typeof counter, bigint>>();
  const batchResult = await table.batch({}, async () => 42);
  assertType<Equal<typeof batchResult, number>>();
  // @ts-expect-error: unknown options are compile errors too (and InvalidArgumentError at run time)
  table.scan({ rowPrefx: 'a' });
  // @ts-expect-error: HBase scans take no numeric row keys
  table.scan({ rowStart: 42 });
  // @ts-expect-error: table names are strings
  connection.table(Buffer.from('t'));
}
