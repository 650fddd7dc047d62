// A port of HappyBase's and AIOHappyBase's API test suites (see shared HBASE-NOTES §6), against
// the real gateway. Each case keeps the original's inputs and expectations.
import {
  Connection,
  ConnectionPool,
  InvalidArgumentError,
  NoConnectionsAvailableError,
  NotSupportedError,
  type Table,
  TransportError,
} from '../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('happybase');
const TABLE = 'api';
let connection: Connection;
let table: Table;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable(TABLE, { cf1: {}, cf2: {}, cf3: { maxVersions: 1 } });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

const text = (value: Buffer | undefined) => value?.toString();

describe('connection', () => {
  it('rejects an invalid compat string, prefix/separator types, transport and protocol', () => {
    expect(() => new Connection({ compat: '0.1.invalid' as never })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ tablePrefix: 1 as never })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ tablePrefixSeparator: 1 as never })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ transport: 'invalid' as never })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ protocol: 'invalid' as never })).toThrow(InvalidArgumentError);
  });

  it('connects lazily (autoConnect) and double close is harmless', async () => {
    const c = new Connection({ ...gateways.default(), timeout: 10_000 });
    expect(c.isOpen).toBe(false);
    expect(Array.isArray(await c.tables())).toBe(true);
    expect(c.isOpen).toBe(true);
    await c.close();
    await c.close();
    expect(c.isOpen).toBe(false);
  });

  it('without autoConnect, calls before open() fail with a typed error', async () => {
    const c = new Connection({ ...gateways.default(), autoConnect: false });
    await expect(c.tables()).rejects.toBeInstanceOf(TransportError);
    await c.open();
    expect(Array.isArray(await c.tables())).toBe(true);
    await c.close();
  });

  it('enables, disables and reports the state of a table', async () => {
    expect(await connection.isTableEnabled(TABLE)).toBe(true);
    await connection.disableTable(TABLE);
    expect(await connection.isTableEnabled(TABLE)).toBe(false);
    await connection.enableTable(TABLE);
    expect(await connection.isTableEnabled(TABLE)).toBe(true);
  });

  it('runs minor and major compactions (Thrift1); NotSupportedError on Thrift2, which has none', async () => {
    if (gatewayApi === 'thrift1') {
      await connection.compactTable(TABLE);
      await connection.compactTable(TABLE, { major: true });
      return;
    }
    for (const options of [undefined, { major: true }]) {
      const error = await connection.compactTable(TABLE, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotSupportedError);
      expect((error as Error).message).toContain('not supported on a Thrift2 gateway');
    }
  });

  it('applies the prefix', () => {
    // Unlike HappyBase (which names it `prefix_`), an empty name is refused (commit 624234b).
    expect(() => connection.table('')).toThrow(expect.objectContaining({ argument: 'name' }));
    expect(connection.table('foo').name).toBe(`${prefix}_foo`);
    expect(connection.table('foobar', { usePrefix: false }).name).toBe('foobar');
  });

  it('lists tables without prefix; regions and families are described', async () => {
    expect(await connection.tables()).toContain(TABLE);
    const regions = await table.regions();
    expect(Array.isArray(regions)).toBe(true);
    expect(regions.length).toBeGreaterThanOrEqual(1);
    const families = await table.families();
    expect(Object.keys(families).sort()).toEqual(['cf1', 'cf2', 'cf3']);
    expect(families.cf3).toMatchObject({ name: 'cf3', maxVersions: 1 });
    expect(families.cf1?.maxVersions).toBe(3);
  });

  it('rejects createTable with no families, or families of the wrong type', async () => {
    await expect(connection.createTable('sometable', {})).rejects.toThrow(InvalidArgumentError);
    await expect(connection.createTable('sometable', 0 as never)).rejects.toThrow(InvalidArgumentError);
    expect(await connection.tables()).not.toContain('sometable');
  });
});

describe('put', () => {
  it('writes at the current time and at given timestamps', async () => {
    await table.put('r1', { 'cf1:c1': 'v1', 'cf1:c2': 'v2', 'cf2:c3': 'v3' });
    await table.put('r1', { 'cf1:c4': 'v2' }, { timestamp: 2345678 });
    await table.put('r1', { 'cf1:c4': 'v2' }, { timestamp: 1369168852994 });
    const row = await table.row('r1', { includeTimestamp: true });
    expect(row['cf1:c4']?.timestamp).toBe(1369168852994);
    expect(text(row['cf2:c3']?.value)).toBe('v3');
  });
});

describe('atomic counters', () => {
  it('follows HappyBase counter semantics', async () => {
    const [row, column] = ['row-with-counter', 'cf1:counter'];
    expect(await table.counterGet(row, column)).toBe(0n);
    expect(await table.counterInc(row, column, 10)).toBe(10n);
    expect(await table.counterGet(row, column)).toBe(10n);
    await table.counterSet(row, column, 0);
    expect(await table.counterInc(row, column)).toBe(1n);
    expect(await table.counterInc(row, column, 3)).toBe(4n);
    expect(await table.counterGet(row, column)).toBe(4n);
    await table.counterSet(row, column, 3);
    expect(await table.counterGet(row, column)).toBe(3n);
    expect(await table.counterInc(row, column, 5)).toBe(8n);
    expect(await table.counterInc(row, column, -2)).toBe(6n);
    expect(await table.counterDec(row, column)).toBe(5n);
    expect(await table.counterDec(row, column, 2)).toBe(3n);
    expect(await table.counterDec(row, column, -7)).toBe(10n);
  });

  it('sets a counter whose increments are stamped ahead of the clock', async () => {
    // 50 increments in a row land within a few milliseconds; HBase stamps each one
    // max(now, previous + 1), so the cell ends up stamped ahead of the server's clock.
    const [row, column] = ['row-fast-counter', 'cf1:counter'];
    for (let i = 0; i < 50; i += 1) await table.counterInc(row, column);
    const [newest] = await table.cells(row, column, { versions: 1, includeTimestamp: true });
    await table.counterSet(row, column, 7);
    expect(await table.counterGet(row, column)).toBe(7n);
    const [set] = await table.cells(row, column, { versions: 1, includeTimestamp: true });
    expect(set?.timestamp).toBeGreaterThan(newest?.timestamp ?? Number.POSITIVE_INFINITY);
  });

  it('keeps 64-bit precision', async () => {
    const big = 2n ** 62n + 12345n;
    await table.counterSet('row-big-counter', 'cf1:c', big);
    expect(await table.counterInc('row-big-counter', 'cf1:c', 1)).toBe(big + 1n);
  });
});

describe('batch', () => {
  it('rejects invalid options', () => {
    expect(() => table.batch({ timestamp: 'invalid' as never })).toThrow(InvalidArgumentError);
    expect(() => table.batch({ batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => table.batch({ transaction: true, batchSize: 10 })).toThrow(InvalidArgumentError);
  });

  it('sends puts, a column delete and a whole-row delete', async () => {
    const b = table.batch();
    await b.put('row1', { 'cf1:col1': 'value1', 'cf1:col2': 'value2' });
    await b.put('row2', { 'cf1:col1': 'value1', 'cf1:col2': 'value2', 'cf1:col3': 'value3' });
    await b.delete('row1', { columns: ['cf1:col4'] });
    await b.delete('another-row');
    await b.send();
    expect(Object.keys(await table.row('row2')).sort()).toEqual(['cf1:col1', 'cf1:col2', 'cf1:col3']);

    const stamped = table.batch({ timestamp: 1234567 });
    await stamped.put('row-ts', { 'cf1:c': 'v' });
    await stamped.send();
    expect((await table.row('row-ts', { includeTimestamp: true }))['cf1:c']?.timestamp).toBe(1234567);
  });

  it('a transaction that throws writes nothing; a plain batch that throws is still sent', async () => {
    await expect(
      table.batch({ transaction: true }, async (b) => {
        await b.put('fooz', { 'cf1:bar': 'baz' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await table.row('fooz', { columns: ['cf1:bar'] })).toEqual({});

    await expect(
      table.batch({}, async (b) => {
        await b.put('fooz', { 'cf1:bar': 'baz' });
        throw new Error('still sent');
      }),
    ).rejects.toThrow('still sent');
    expect(text((await table.row('fooz', { columns: ['cf1:bar'] }))['cf1:bar'])).toBe('baz');
  });

  it('sends automatically at batchSize', async () => {
    await table.batch({ batchSize: 5 }, async (b) => {
      for (let i = 0; i < 10; i++)
        await b.put(`row-batch1-${String(i).padStart(3, '0')}`, { 'cf1:': `${i}` });
    });
    await table.batch({ batchSize: 20 }, async (b) => {
      for (let i = 0; i < 95; i++)
        await b.put(`row-batch2-${String(i).padStart(3, '0')}`, { 'cf1:': `${i}` });
    });
    expect((await table.scan({ rowPrefix: 'row-batch2-' }).toArray()).length).toBe(95);
    await table.batch({}, async (b) => {
      for (let i = 0; i < 95; i++) await b.delete(`row-batch2-${String(i).padStart(3, '0')}`);
    });
    expect((await table.scan({ rowPrefix: 'row-batch2-' }).toArray()).length).toBe(0);
  });

  it('sends a batch at the end of an await using block', async () => {
    {
      await using b = table.batch();
      await b.put('row-using', { 'cf1:x': 'y' });
    }
    expect(text((await table.row('row-using'))['cf1:x'])).toBe('y');
  });

  it('last write to a cell wins; a row delete then a put keeps the put', async () => {
    await table.batch({}, async (b) => {
      for (const v of ['1', '2', '3', '4', 'last']) await b.put('row-order', { 'cf1:c': v });
    });
    expect(text((await table.row('row-order'))['cf1:c'])).toBe('last');

    await table.put('row-del-put', { 'cf1:a': 'old', 'cf2:b': 'old' });
    await table.batch({}, async (b) => {
      await b.delete('row-del-put');
      await b.put('row-del-put', { 'cf1:a': 'new' });
    });
    const row = await table.row('row-del-put');
    expect(Object.keys(row)).toEqual(['cf1:a']);
    expect(text(row['cf1:a'])).toBe('new');
  });

  it('a one-row send applies its puts and cell deletes together, with and without a timestamp', async () => {
    await table.put('row-single', { 'cf1:keep': 'k', 'cf1:gone': 'g' });
    await table.batch({}, async (b) => {
      await b.put('row-single', { 'cf1:new': 'n' });
      await b.delete('row-single', { columns: ['cf1:gone'] });
    });
    expect(Object.keys(await table.row('row-single')).sort()).toEqual(['cf1:keep', 'cf1:new']);
    // The last write to a cell wins, whichever kind it is.
    await table.batch({}, async (b) => {
      await b.delete('row-single', { columns: ['cf1:keep'] });
      await b.put('row-single', { 'cf1:keep': 'again' });
    });
    expect(text((await table.row('row-single'))['cf1:keep'])).toBe('again');
    await table.batch({}, async (b) => {
      await b.put('row-single', { 'cf1:new': 'x' });
      await b.delete('row-single', { columns: ['cf1:new'] });
    });
    expect((await table.row('row-single'))['cf1:new']).toBeUndefined();

    // With the batch's timestamp: puts carry it, deletes remove the versions up to it.
    await table.put('row-single-ts', { 'cf1:a': 'old' }, { timestamp: 100 });
    await table.batch({ timestamp: 200 }, async (b) => {
      await b.put('row-single-ts', { 'cf1:b': 'new' });
      await b.delete('row-single-ts', { columns: ['cf1:a'] });
    });
    const stamped = await table.row('row-single-ts', { includeTimestamp: true });
    expect(Object.keys(stamped)).toEqual(['cf1:b']);
    expect(stamped['cf1:b']?.timestamp).toBe(200);
  });

  it('sums batched counters per cell and sends them on send', async () => {
    const b = table.batch();
    await b.counterInc('row-bc', 'cf1:col1', 1);
    await b.counterInc('row-bc', 'cf1:col1', 2);
    await b.counterDec('row-bc', 'cf1:col1', 1);
    await b.counterDec('row-bc', 'cf1:col2', 2);
    await b.counterInc('row-bc', 'cf1:col2', 5);
    expect(await table.counterGet('row-bc', 'cf1:col1')).toBe(0n);
    expect(await table.counterGet('row-bc', 'cf1:col2')).toBe(0n);
    await b.send();
    expect(await table.counterGet('row-bc', 'cf1:col1')).toBe(2n);
    expect(await table.counterGet('row-bc', 'cf1:col2')).toBe(3n);
  });
});

describe('row, rows, cells', () => {
  const row = 'row-with-some-data';

  beforeAll(async () => {
    await table.put(row, { 'cf1:col1': 'v1old' }, { timestamp: 1234 });
    await table.put(row, { 'cf1:col1': 'v1new' }, { timestamp: 3456 });
    await table.put(row, { 'cf1:col2': 'v2', 'cf2:col1': 'v3' });
    await table.put(row, { 'cf2:col2': 'v4' }, { timestamp: 1234 });
  });

  it('row returns the latest values, narrowed by columns and timestamp', async () => {
    const all = await table.row(row);
    expect(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.toString()]))).toEqual({
      'cf1:col1': 'v1new',
      'cf1:col2': 'v2',
      'cf2:col1': 'v3',
      'cf2:col2': 'v4',
    });
    expect(Object.keys(await table.row(row, { columns: ['cf1'] })).sort()).toEqual(['cf1:col1', 'cf1:col2']);
    expect(Object.keys(await table.row(row, { columns: ['cf1:col2', 'cf2:col1'] })).sort()).toEqual([
      'cf1:col2',
      'cf2:col1',
    ]);
    const old = await table.row(row, { timestamp: 2345 });
    expect(Object.fromEntries(Object.entries(old).map(([k, v]) => [k, v.toString()]))).toEqual({
      'cf1:col1': 'v1old',
      'cf2:col2': 'v4',
    });
    expect(await table.row(row, { timestamp: 123 })).toEqual({});
    const stamped = await table.row(row, { includeTimestamp: true });
    expect(Number.isInteger(stamped['cf1:col1']?.timestamp)).toBe(true);
    expect(stamped['cf1:col1']).toEqual({ value: Buffer.from('v1new'), timestamp: 3456 });
  });

  it('row rejects bad arguments before sending', async () => {
    await expect(table.row(123 as never)).rejects.toThrow(InvalidArgumentError);
    await expect(table.row(row, { columns: 'cf1' as never })).rejects.toThrow(InvalidArgumentError);
    await expect(table.row(row, { timestamp: '1234' as never })).rejects.toThrow(InvalidArgumentError);
  });

  it('rows omits missing rows and honours timestamps', async () => {
    expect(await table.rows([])).toEqual([]);
    await table.put('rows-1', { 'cf1:col': 'old' }, { timestamp: 4000 });
    await table.put('rows-1', { 'cf1:col': 'new' });
    await table.put('rows-2', { 'cf1:col': 'new' });
    const found = await table.rows(['rows-1', 'missing', 'rows-2']);
    expect(found.map(([k, d]) => [k.toString(), text(d['cf1:col'])])).toEqual([
      ['rows-1', 'new'],
      ['rows-2', 'new'],
    ]);
    const old = await table.rows(['rows-1'], { timestamp: 5000 });
    expect(text(old[0]?.[1]['cf1:col'])).toBe('old');
  });

  it('cells returns versions newest first', async () => {
    await table.put('cells-row', { 'cf1:col': 'old' }, { timestamp: 1234 });
    await table.put('cells-row', { 'cf1:col': 'new' });
    await expect(table.cells('cells-row', 'cf1:col', { versions: 'invalid' as never })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      table.cells('cells-row', 'cf1:col', { versions: 3, timestamp: 'x' as never }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(table.cells('cells-row', 'cf1:col', { versions: 0 })).rejects.toThrow(InvalidArgumentError);
    expect((await table.cells('cells-row', 'cf1:col', { versions: 1 })).map(String)).toEqual(['new']);
    expect((await table.cells('cells-row', 'cf1:col')).map(String)).toEqual(['new', 'old']);
    expect(await table.cells('cells-row', 'cf1:col', { timestamp: 2345, includeTimestamp: true })).toEqual([
      { value: Buffer.from('old'), timestamp: 1234 },
    ]);
  });
});

describe('scan', () => {
  beforeAll(async () => {
    await table.batch({ batchSize: 1000 }, async (b) => {
      for (let i = 0; i < 2000; i++) {
        const n = String(i).padStart(5, '0');
        await b.put(`row-scan-a${n}`, {
          'cf1:col1': 'v1',
          'cf1:col2': 'v2',
          'cf2:col1': 'v1',
          'cf2:col2': 'v2',
        });
        await b.put(`row-scan-b${n}`, { 'cf1:col1': 'v1', 'cf1:col2': 'v2' });
      }
    });
  });

  const count = async (options: Parameters<Table['scan']>[0]) => (await table.scan(options).toArray()).length;

  it('rejects invalid options before sending', () => {
    expect(() => table.scan({ rowPrefix: 'foobar', rowStart: 'xyz' })).toThrow(InvalidArgumentError);
    expect(() => table.scan({ limit: 0 })).toThrow(InvalidArgumentError);
    expect(() => table.scan({ batchSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => table.scan({ scanBatching: 0 })).toThrow(InvalidArgumentError);
    const old = new Connection({ ...gateways.default(), compat: '0.90', autoConnect: false });
    expect(() => old.table('x').scan({ filter: 'foo' })).toThrow(NotSupportedError);
  });

  it('honours start/stop, columns, prefix, batch sizes, limits and timestamps', async () => {
    expect(await count({ rowStart: 'row-scan-a00012', rowStop: 'row-scan-a00022' })).toBe(10);
    expect(await count({ rowStart: 'xyz' })).toBe(0);
    expect(await count({ rowStart: 'xyz', rowStop: 'zyx' })).toBe(0);

    const rows = await table
      .scan({ rowStart: 'row-scan-', rowStop: 'row-scan-a999', columns: ['cf1:col1', 'cf2:col2'] })
      .toArray();
    expect(rows[0]?.[0].toString()).toBe('row-scan-a00000');
    expect(Object.keys(rows[0]![1]).sort()).toEqual(['cf1:col1', 'cf2:col2']);
    expect(rows.length).toBe(2000);

    expect(await count({ rowPrefix: 'row-scan-a', batchSize: 499, limit: 1000 })).toBe(1000);
    expect(await count({ rowPrefix: 'row-scan-b', batchSize: 1, limit: 10 })).toBe(10);
    expect(await count({ rowPrefix: 'row-scan-b', batchSize: 5, limit: 10 })).toBe(10);
    expect(await count({ timestamp: 123 })).toBe(0);
  });

  it('ends early when the consumer breaks out, closing the scanner', async () => {
    let seen = 0;
    for await (const _ of table.scan({ rowPrefix: 'row-scan-a', batchSize: 10 })) {
      if (++seen === 3) break;
    }
    expect(seen).toBe(3);
    // The connection is still healthy after the early close.
    expect(await count({ rowPrefix: 'row-scan-b', limit: 5 })).toBe(5);
  });

  it('returns columns in sorted order with sortedColumns', async () => {
    const data: Record<string, string> = {};
    for (let i = 0; i < 100; i++) data[`cf1:col-${String(i).padStart(3, '0')}`] = `v${i}`;
    await table.put('row-sorted', data);
    const rows = await table
      .scan({ rowStart: 'row-sorted', rowStop: 'row-sorted\0', sortedColumns: true })
      .toArray();
    expect(Object.keys(rows[0]![1])).toEqual(Object.keys(data).sort());
  });

  it('scans in reverse', async () => {
    await table.batch({ batchSize: 1000 }, async (b) => {
      for (let i = 0; i < 2000; i++)
        await b.put(`row-scan-reverse-${String(i).padStart(4, '0')}`, { 'cf1:col1': 'v1' });
    });
    expect(await count({ rowPrefix: 'row-scan-reverse', reverse: true })).toBe(2000);
    expect(await count({ rowPrefix: 'row-scan-reverse', reverse: true, limit: 10 })).toBe(10);
    const rows = await table
      .scan({ rowStart: 'row-scan-reverse-1999', rowStop: 'row-scan-reverse-0000', reverse: true })
      .toArray();
    expect(rows[0]?.[0].toString()).toBe('row-scan-reverse-1999');
    expect(rows.at(-1)?.[0].toString()).toBe('row-scan-reverse-0001');
  });

  it('applies filter strings', async () => {
    const filter = "SingleColumnValueFilter('cf1', 'col1', =, 'binary:hello there', true, true)";
    expect(await count({ filter })).toBe(0);
    await table.put('row-filter', { 'cf1:col1': 'v1' });
    const hits = await table
      .scan({
        rowPrefix: 'row-filter',
        filter: "SingleColumnValueFilter('cf1', 'col1', =, 'binary:v1', true, true)",
      })
      .toArray();
    expect(hits.map(([k]) => k.toString())).toEqual(['row-filter']);
  });
});

describe('delete', () => {
  it('deletes columns, versions and rows', async () => {
    const row = 'row-test-delete';
    await table.put(row, { 'cf1:col2': 'v2old' }, { timestamp: 1234 });
    await table.put(row, { 'cf1:col1': 'v1', 'cf1:col2': 'v2', 'cf1:col3': 'v3' });
    await table.delete(row, { columns: ['cf1:col2'], timestamp: 2345 });
    expect((await table.cells(row, 'cf1:col2', { versions: 2 })).length).toBe(1);
    await table.delete(row, { columns: ['cf1:col1'] });
    expect(Object.keys(await table.row(row)).sort()).toEqual(['cf1:col2', 'cf1:col3']);
    await table.delete(row, { timestamp: 12345 });
    expect(Object.keys(await table.row(row)).sort()).toEqual(['cf1:col2', 'cf1:col3']);
    await table.delete(row);
    expect(await table.row(row)).toEqual({});
  });
});

describe('family deletes', () => {
  it('a family name deletes the family; "cf:" is the cell with an empty qualifier', async () => {
    const row = 'row-family-delete';
    await table.put(row, { 'cf1:': 'empty', 'cf1:a': 'a', 'cf2:b': 'b', 'cf3:c': 'c' });
    await table.delete(row, { columns: ['cf1:'] });
    expect(Object.keys(await table.row(row)).sort()).toEqual(['cf1:a', 'cf2:b', 'cf3:c']);
    await table.delete(row, { columns: ['cf2'] });
    expect(Object.keys(await table.row(row)).sort()).toEqual(['cf1:a', 'cf3:c']);
    await table.batch({}, async (b) => {
      await b.delete(row, { columns: ['cf1'] });
      await b.put(row, { 'cf1:new': 'kept' });
    });
    expect(Object.keys(await table.row(row)).sort()).toEqual(['cf1:new', 'cf3:c']);
  });
});

describe('append', () => {
  it('appends and returns the new values', async () => {
    const row = 'row-append';
    const first = await table.append(row, { 'cf1:c1': 'abc', 'cf1:c2': '123' });
    expect({ c1: text(first['cf1:c1']), c2: text(first['cf1:c2']) }).toEqual({ c1: 'abc', c2: '123' });
    const second = await table.append(row, { 'cf1:c1': '123', 'cf1:c2': 'abc' });
    expect({ c1: text(second['cf1:c1']), c2: text(second['cf1:c2']) }).toEqual({
      c1: 'abc123',
      c2: '123abc',
    });
    const stamped = await table.append(row, { 'cf1:c1': '!' }, { includeTimestamp: true });
    expect(text(stamped['cf1:c1']?.value)).toBe('abc123!');
    expect(Number.isInteger(stamped['cf1:c1']?.timestamp)).toBe(true);
  });
});

describe('connection pool', () => {
  it('rejects a size of the wrong type or 0', () => {
    expect(() => new ConnectionPool({ size: 'abc' as never })).toThrow(InvalidArgumentError);
    expect(() => new ConnectionPool({ size: 0 })).toThrow(InvalidArgumentError);
  });

  it('serves concurrent workers, nests leases and survives injected failures', async () => {
    const pool = new ConnectionPool({ size: 3, ...gateways.default(), tablePrefix: prefix });
    let injected = 0;
    const worker = async () => {
      for (let i = 0; i < 50; i++) {
        await pool
          .connection(async (outer) => {
            await pool.connection(async (inner) => expect(inner).toBe(outer));
            if (Math.random() < 0.25) {
              injected++;
              throw new TransportError('injected failure');
            }
            await outer.table(TABLE).row('r1');
          })
          .catch((error) => {
            if (!(error instanceof TransportError)) throw error;
          });
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(injected).toBeGreaterThan(0);
    expect(await pool.connection((c) => c.tables())).toContain(TABLE);
    await pool.close();
  });

  it('concurrent children of one lease do not share its connection', async () => {
    const pool = new ConnectionPool({ size: 3, ...gateways.default() });
    await pool.connection(async (outer) => {
      const seen = await Promise.all([pool.connection(async (c) => c), pool.connection(async (c) => c)]);
      expect(seen[0]).toBe(outer);
      expect(seen[1]).not.toBe(outer);
    });
    await pool.close();
  });

  it('raises NoConnectionsAvailableError after the timeout', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    let release!: () => void;
    const holding = pool.connection(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(pool.connection(async () => undefined, { timeout: 100 })).rejects.toBeInstanceOf(
      NoConnectionsAvailableError,
    );
    release();
    await holding;
    await pool.close();
  });
});
