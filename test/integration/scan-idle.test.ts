// A scan iterator that is left unfinished (dropped without `return()`) must not keep its
// server-side scanner open: after `idleTimeout` without a pull the scanner is closed, and a scan
// that is pulled again afterwards resumes where it was. Against the real HBase; the scanner calls
// are observed on the real connection (nothing stands in for the gateway).
import {
  Connection,
  IllegalArgumentError,
  InvalidArgumentError,
  ScanExpiredError,
  type Table,
} from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('scanidle');
const keys = Array.from({ length: 20 }, (_, i) => `row-${String(i).padStart(2, '0')}`);
let connection: Connection;
let table: Table;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('t', { cf: {} });
  await table.batch({}, async (batch) => {
    for (const key of keys) await batch.put(key, { 'cf:a': key, 'cf:b': 'x', 'cf:c': 'y' });
  });
});

afterAll(async () => {
  jest.restoreAllMocks();
  await dropPrefixedTables(connection);
  await connection.close();
});

/** Records the scanner ids the connection opens, and resolves `nextClose()` on each close. */
function watchScanners(target: Connection) {
  const opened: number[] = [];
  let closes = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  const call = target.call.bind(target);
  const spy = jest.spyOn(target, 'call').mockImplementation(async (method, invoke) => {
    const result = await call(method, invoke);
    if (method === 'scannerOpenWithScan') opened.push(result as number);
    if (method === 'scannerClose') {
      closes++;
      for (const waiter of waiters.filter((w) => w.count <= closes)) waiter.resolve();
      waiters = waiters.filter((w) => w.count > closes);
    }
    return result;
  });
  return {
    opened,
    /** Resolves once `count` scanners have been closed in all; fails after 15 s. */
    closed(count: number): Promise<void> {
      if (closes >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${count} scanner closes not seen in 15 s`)), 15_000);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    restore: () => spy.mockRestore(),
  };
}

/**
 * Whether the gateway still knows the scanner (a closed one is "scanner ID is invalid" on Thrift1,
 * "Invalid scanner Id" on Thrift2).
 */
async function scannerIsOpen(id: number): Promise<boolean> {
  try {
    await connection.call('scannerGetList', (c) => c.scannerRows(id, 0));
    return true;
  } catch (error) {
    if (
      error instanceof IllegalArgumentError &&
      /scanner ID is invalid|Invalid scanner Id/.test(error.message)
    )
      return false;
    throw error;
  }
}

describe('idle scans', () => {
  it('a dropped iterator closes its server-side scanner after idleTimeout', async () => {
    const watch = watchScanners(connection);
    try {
      const iterator = table.scan({ batchSize: 3, idleTimeout: 100 })[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.value?.[0].toString()).toBe('row-00');
      expect(watch.opened).toHaveLength(1);
      expect(await scannerIsOpen(watch.opened[0]!)).toBe(true);
      // The iterator is dropped here: no return(), no further next().
      await watch.closed(1);
      expect(await scannerIsOpen(watch.opened[0]!)).toBe(false);
    } finally {
      watch.restore();
    }
  });

  it.each([false, true])(
    'a scan pulled again after idleTimeout resumes without gaps or repeats (reverse: %s)',
    async (reverse) => {
      const watch = watchScanners(connection);
      try {
        const expected = reverse ? [...keys].reverse() : keys;
        const iterator = table.scan({ batchSize: 3, idleTimeout: 100, reverse })[Symbol.asyncIterator]();
        const seen: string[] = [];
        for (let i = 0; i < 4; i++) seen.push((await iterator.next()).value![0].toString());
        await watch.closed(1);
        expect(await scannerIsOpen(watch.opened[0]!)).toBe(false);
        for (let r = await iterator.next(); !r.done; r = await iterator.next())
          seen.push(r.value[0].toString());
        expect(seen).toEqual(expected);
        expect(watch.opened).toHaveLength(2);
      } finally {
        watch.restore();
      }
    },
  );

  it('a limited scan keeps its limit across a resume', async () => {
    const watch = watchScanners(connection);
    try {
      const iterator = table.scan({ batchSize: 2, idleTimeout: 100, limit: 7 })[Symbol.asyncIterator]();
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push((await iterator.next()).value![0].toString());
      await watch.closed(1);
      for (let r = await iterator.next(); !r.done; r = await iterator.next())
        seen.push(r.value[0].toString());
      expect(seen).toEqual(keys.slice(0, 7));
    } finally {
      watch.restore();
    }
  });

  it('a scanBatching scan (rows may come in parts) cannot resume: the next pull is a ScanExpiredError', async () => {
    const watch = watchScanners(connection);
    try {
      const iterator = table
        .scan({ batchSize: 2, scanBatching: 2, idleTimeout: 100 })
        [Symbol.asyncIterator]();
      await iterator.next();
      await watch.closed(1);
      await expect(iterator.next()).rejects.toThrow(ScanExpiredError);
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
      expect(await scannerIsOpen(watch.opened[0]!)).toBe(false);
    } finally {
      watch.restore();
    }
  });

  it('validates idleTimeout', () => {
    for (const idleTimeout of [0, -1, 1.5, '100', 2 ** 31]) {
      expect(() => table.scan({ idleTimeout: idleTimeout as number })).toThrow(InvalidArgumentError);
      try {
        table.scan({ idleTimeout: idleTimeout as number });
      } catch (error) {
        expect((error as InvalidArgumentError).argument).toBe('options.idleTimeout');
      }
    }
  });
});
