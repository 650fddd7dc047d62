// The iteration protocol of scans, seen from a caller that drives the iterator by hand: calls made
// without waiting, early return, and the server-side scanner being closed exactly once.
import { Connection, type Table, TableNotFoundError } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('scaniter');
let connection: Connection;
let table: Table;
const ROWS = 50;
const key = (i: number) => `row-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('rows', { cf: {} });
  await table.batch({}, async (b) => {
    for (let i = 0; i < ROWS; i++) await b.put(key(i), { 'cf:n': String(i) });
  });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

/** Records which Thrift calls the connection makes while `run` runs. */
async function callsDuring(run: () => Promise<void>): Promise<string[]> {
  const spy = jest.spyOn(connection, 'call');
  try {
    await run();
    return spy.mock.calls.map(([method]) => method);
  } finally {
    spy.mockRestore();
  }
}

const count = (calls: string[], method: string) => calls.filter((m) => m === method).length;

describe('scan iterator', () => {
  it('answers next() calls made without waiting in order, across batches', async () => {
    const calls = await callsDuring(async () => {
      const iterator = table.scan({ batchSize: 7 })[Symbol.asyncIterator]();
      const results = await Promise.all(Array.from({ length: ROWS + 3 }, () => iterator.next()));
      expect(results.slice(0, ROWS).map((r) => r.value?.[0].toString())).toEqual(
        Array.from({ length: ROWS }, (_, i) => key(i)),
      );
      expect(results.slice(ROWS).every((r) => r.done)).toBe(true);
    });
    expect(count(calls, 'scannerOpenWithScan')).toBe(1);
    expect(count(calls, 'scannerClose')).toBe(1);
  });

  it('closes the scanner once on return(), after which it reports done', async () => {
    const calls = await callsDuring(async () => {
      const iterator = table.scan({ batchSize: 10 })[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.[0].toString()).toBe(key(0));
      expect((await iterator.next()).value?.[0].toString()).toBe(key(1));
      expect(await iterator.return!()).toEqual({ value: undefined, done: true });
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
      expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    });
    expect(count(calls, 'scannerClose')).toBe(1);
  });

  it('closes the scanner when a for-await loop breaks, and runs afresh each time', async () => {
    const firstKeys: string[] = [];
    const calls = await callsDuring(async () => {
      const scan = table.scan({ batchSize: 4, limit: 20 });
      for (let run = 0; run < 2; run++) {
        for await (const [row] of scan) {
          firstKeys.push(row.toString());
          break;
        }
      }
    });
    expect(firstKeys).toEqual([key(0), key(0)]);
    expect(count(calls, 'scannerOpenWithScan')).toBe(2);
    expect(count(calls, 'scannerClose')).toBe(2);
  });

  it('stops at the limit without asking for rows beyond it', async () => {
    const calls = await callsDuring(async () => {
      expect((await table.scan({ batchSize: 5, limit: 10 }).toArray()).map(([k]) => k.toString())).toEqual(
        Array.from({ length: 10 }, (_, i) => key(i)),
      );
    });
    expect(count(calls, 'scannerGetList')).toBe(2);
    expect(count(calls, 'scannerClose')).toBe(1);
  });

  it('opens nothing until the first next(), and reports done after a failure', async () => {
    const missing = connection.table('missing');
    const calls = await callsDuring(async () => {
      const iterator = missing.scan()[Symbol.asyncIterator]();
      await Promise.resolve();
      expect(jest.mocked(connection.call).mock.calls).toHaveLength(0);
      await expect(iterator.next()).rejects.toBeInstanceOf(TableNotFoundError);
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
    });
    // The gateway opens a scanner on a missing table and fails on the first read; it is closed.
    expect(calls).toEqual(['scannerOpenWithScan', 'scannerGetList', 'scannerClose']);
  });
});
