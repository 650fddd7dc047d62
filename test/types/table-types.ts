// Compile-time checks, enforced by `npm run lint` (tsc over test/): return types follow options.
// Never executed: the function below only has to type-check.
import type { Buffer } from 'node:buffer';
import type {
  Cell,
  Connection,
  RowData,
  RowDataWithTimestamps,
  RowEntry,
  RowVersions,
  RowVersionsWithTimestamps,
  Scanner,
  Table,
} from '../../src';

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
  // Thrift2 reads with versions: each column maps to its versions.
  const versions = await table.row('k', { versions: 3 });
  assertType<Equal<typeof versions, RowVersions>>();
  const stampedVersions = await table.row('k', { versions: 3, includeTimestamp: true });
  assertType<Equal<typeof stampedVersions, RowVersionsWithTimestamps>>();
  const exactVersions = await table.rows(['k'], {
    versions: 3,
    includeTimestamp: true,
    timestampType: 'bigint',
  });
  assertType<Equal<typeof exactVersions, Array<RowEntry<RowVersionsWithTimestamps<bigint>>>>>();
  const ranged = await table.row('k', { timeRange: { from: 0, to: 10n } });
  assertType<Equal<typeof ranged, RowData>>();
  const versionScan = table.scan({ versions: 2, limit: 10 });
  assertType<Equal<typeof versionScan, Scanner<RowVersions>>>();
  for await (const [, data] of table.scan({ versions: 2, includeTimestamp: true })) {
    assertType<Equal<(typeof data)[string], Cell[]>>();
  }
  const applied = await table.checkAndMutate(
    'k',
    { column: 'cf:a', op: '<', value: null },
    { put: { 'cf:a': '1' } },
  );
  assertType<Equal<typeof applied, boolean>>();
  const one = await table.exists('k');
  assertType<Equal<typeof one, boolean>>();
  const many = await table.exists(['k', 'l']);
  assertType<Equal<typeof many, boolean[]>>();
  const timeline = await table.row('k', { consistency: 'timeline', replicaId: 1 });
  assertType<Equal<typeof timeline, RowData>>();
  // @ts-expect-error: consistency is 'strong' or 'timeline'
  table.row('k', { consistency: 'eventual' });
  // @ts-expect-error: durability is one of the named levels
  table.put('k', { 'cf:a': '1' }, { durability: 'sometimes' });
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
