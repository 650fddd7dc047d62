// Invalid arguments across the public API: each is rejected with InvalidArgumentError naming the
// argument, before anything reaches the server — verified by the table staying empty.
import { Connection, ConnectionPool, InvalidArgumentError, type Table } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('badinput');
let connection: Connection;
let table: Table;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('t', { cf: {} });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

const cases: Array<[string, string, () => unknown]> = [
  ['put: numeric row key', 'row', () => table.put(42 as never, { 'cf:q': 'v' })],
  ['put: empty row key', 'row', () => table.put('', { 'cf:q': 'v' })],
  ['put: undefined row key', 'row', () => table.put(undefined as never, { 'cf:q': 'v' })],
  ['put: column without family separator', 'data column', () => table.put('r', { nofamily: 'v' })],
  ['put: column with empty family', 'data column', () => table.put('r', { ':q': 'v' })],
  ['put: numeric value', 'data["cf:q"]', () => table.put('r', { 'cf:q': 42 as never })],
  ['put: null value', 'data["cf:q"]', () => table.put('r', { 'cf:q': null as never })],
  ['put: data is an array', 'data', () => table.put('r', [['cf:q', 'v']] as never)],
  ['put: negative timestamp', 'options.timestamp', () => table.put('r', { 'cf:q': 'v' }, { timestamp: -1 })],
  [
    'put: fractional timestamp',
    'options.timestamp',
    () => table.put('r', { 'cf:q': 'v' }, { timestamp: 1.5 }),
  ],
  ['put: wal not boolean', 'options.wal', () => table.put('r', { 'cf:q': 'v' }, { wal: 'no' as never })],
  ['put: unknown option', 'options.ttl', () => table.put('r', { 'cf:q': 'v' }, { ttl: 5 } as never)],
  ['delete: columns not an array', 'options.columns', () => table.delete('r', { columns: 'cf' as never })],
  ['delete: empty column', 'options.columns[0]', () => table.delete('r', { columns: [''] })],
  ['row: object key', 'row', () => table.row({} as never)],
  ['rows: not an array', 'rows', () => table.rows('r' as never)],
  ['rows: one empty key', 'rows[1]', () => table.rows(['a', ''])],
  ['cells: column without qualifier separator', 'column', () => table.cells('r', 'cf')],
  ['cells: versions 0', 'options.versions', () => table.cells('r', 'cf:q', { versions: 0 })],
  ['scan: limit 0', 'options.limit', () => table.scan({ limit: 0 })],
  ['scan: batchSize 1.5', 'options.batchSize', () => table.scan({ batchSize: 1.5 })],
  ['scan: prefix with start', 'options.rowPrefix', () => table.scan({ rowPrefix: 'a', rowStart: 'b' })],
  ['scan: filter not bytes', 'options.filter', () => table.scan({ filter: 5 as never })],
  ['counterInc: fractional amount', 'value', () => table.counterInc('r', 'cf:c', 1.5)],
  ['counterInc: amount beyond 64 bits', 'value', () => table.counterInc('r', 'cf:c', 2n ** 63n)],
  ['counterSet: string value', 'value', () => table.counterSet('r', 'cf:c', '5' as never)],
  ['append: value of wrong type', 'data["cf:q"]', () => table.append('r', { 'cf:q': true as never })],
  [
    'checkAndPut: family-only put column',
    'put.column',
    () => table.checkAndPut('r', { column: 'cf:q', value: null }, { column: 'cf', value: 'v' }),
  ],
  ['batch: batchSize 0', 'options.batchSize', () => table.batch({ batchSize: 0 })],
  [
    'batch: transaction with batchSize',
    'options.batchSize',
    () => table.batch({ transaction: true, batchSize: 5 }),
  ],
  ['batch: callback not a function', 'fn', () => table.batch({}, 'later' as never)],
  [
    'createTable: family options of wrong type',
    'families.cf.maxVersions',
    () => connection.createTable('x', { cf: { maxVersions: '3' as never } }),
  ],
  [
    'createTable: unknown family option',
    'families.cf.versions',
    () => connection.createTable('x', { cf: { versions: 3 } as never }),
  ],
  [
    'createTable: family name with a colon inside',
    'families',
    () => connection.createTable('x', { 'cf:q': {} }),
  ],
  [
    'deleteTable: disable not boolean',
    'options.disable',
    () => connection.deleteTable('t', { disable: 1 as never }),
  ],
  ['table: name not a string', 'name', () => connection.table(5 as never)],
  ['pool: size negative', 'options.size', () => new ConnectionPool({ size: -1 })],
  [
    'pool: lease timeout negative',
    'options.timeout',
    () => new ConnectionPool({ size: 1, ...gateways.default() }).connection(async () => 1, { timeout: -5 }),
  ],
];

describe('bad input', () => {
  it.each(cases)('%s → InvalidArgumentError naming %s', async (_name, argument, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(/expected/);
  });

  it('wrote nothing', async () => {
    expect(await table.scan().toArray()).toEqual([]);
    expect(await connection.tables()).toEqual(['t']);
  });
});
