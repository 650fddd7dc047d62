// Malformed calls across the client's public API (Connection, Table, Batch, scans, ConnectionPool,
// Filter builders, codecs): each is a typed error naming the argument and the expectation — a
// rejected promise from a Promise-returning method, never a synchronous throw — and not one byte
// reaches the gateway (a counting proxy stands in front of the real one) and nothing is written
// (the table and the table list are the same afterwards).
import {
  type BytesLike,
  boolean as booleanCodec,
  bytes as bytesCodec,
  type Cell,
  CodecError,
  Connection,
  ConnectionPool,
  composite,
  counter as counterCodec,
  date,
  decimalString,
  descending,
  Filter,
  fixedString,
  float32,
  float64,
  int16,
  int32,
  int64,
  json,
  NotSupportedError,
  type RowData,
  salted,
  sortableFloat64,
  sortableInt32,
  sortableInt64,
  type Table,
  utf8,
  utf8Key,
} from '../../src';
import { type BadInputCase, bad, badSync, expectRejected, uniqueCases } from '../support/bad-input';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

const prefix = uniquePrefix('badinput');
let proxy: TcpProxy;
/** Straight to the gateway: sets the table up, and reads it back at the end. */
let admin: Connection;
/** Through the counting proxy: every malformed call goes here. */
let connection: Connection;
let table: Table;
let pool: ConnectionPool;
let before: { rows: Array<[string, Record<string, Cell>]>; tables: string[] };

const any = (value: unknown) => value as never;

async function snapshot(): Promise<typeof before> {
  const rows = await admin
    .table('t')
    .scan({ includeTimestamp: true })
    .toArray()
    .then((entries) =>
      entries.map(([key, data]) => [key.toString('utf8'), data] as [string, Record<string, Cell>]),
    );
  return { rows, tables: await admin.tables() };
}

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await admin.createTable('t', { cf: {}, other: {} });
  const seeded = admin.table('t');
  await seeded.put('seed-1', { 'cf:q': 'v1', 'other:x': 'y' });
  await seeded.put('seed-2', { 'cf:q': 'v2' });
  await seeded.counterSet('seed-1', 'cf:c', 5);
  before = await snapshot();

  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
  const through = { host: '127.0.0.1', port: proxy.port, tablePrefix: prefix, timeout: 10_000 };
  connection = new Connection(through);
  await connection.open();
  // Opening asked the gateway its API (one getThriftServerType): the cases are counted from here.
  proxy.bytesFromClients = 0;
  table = connection.table('t');
  pool = new ConnectionPool({ size: 2, ...through });
});

afterAll(async () => {
  await pool?.close();
  await connection?.close();
  await proxy?.close();
  await dropPrefixedTables(admin);
  await admin.close();
});

/** Bad row keys, each given to every method that takes one. */
const BAD_ROWS: Array<[string, unknown]> = [
  ['a number', 42],
  ['an empty string', ''],
  ['undefined', undefined],
  ['null', null],
  ['a plain object', {}],
  ['an array', ['a']],
  ['a boolean', true],
  ['a bigint', 1n],
  ['an empty Buffer', Buffer.alloc(0)],
  ['longer than the 32,767-byte key limit', 'k'.repeat(32_768)],
  ['with an unpaired surrogate', 'k\uD800'],
  ['with an escape meant for column names', 'k\uDC80'],
];

/** Bad cell columns (`family:qualifier` required), for the methods that take one cell. */
const BAD_CELL_COLUMNS: Array<[string, unknown]> = [
  ['a number', 42],
  ['an empty string', ''],
  ['a family only', 'cf'],
  ['an empty family', ':q'],
  ['undefined', undefined],
  ['null', null],
  ['an object', {}],
];

/** Bad values of 64-bit counter amounts. */
const BAD_AMOUNTS: Array<[string, unknown]> = [
  ['fractional', 1.5],
  ['a string', '5'],
  ['beyond int64', 2n ** 63n],
  ['below int64', -(2n ** 63n) - 1n],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['an unsafe integer', 2 ** 53],
  ['null', null],
];

/** Bad `data` arguments of put/append. */
const BAD_DATA: Array<[string, unknown, string]> = [
  ['null', null, 'data'],
  ['a string', 'cf:q=v', 'data'],
  ['a number', 5, 'data'],
  ['an array of pairs', [['cf:q', 'v']], 'data'],
  ['a column without family separator', { nofamily: 'v' }, 'data column'],
  ['a column with an empty family', { ':q': 'v' }, 'data column'],
  ['a numeric value', { 'cf:q': 42 }, 'data["cf:q"]'],
  ['a null value', { 'cf:q': null }, 'data["cf:q"]'],
  ['a boolean value', { 'cf:q': true }, 'data["cf:q"]'],
  ['an object value', { 'cf:q': {} }, 'data["cf:q"]'],
  ['an undefined value', { 'cf:q': undefined }, 'data["cf:q"]'],
  ['a card number as a number', { 'cf:q': 4111111111111111 }, 'data["cf:q"]'],
];

/** Bad table names, for every method that takes one. */
const BAD_TABLE_NAMES: Array<[string, unknown]> = [
  ['a number', 5],
  ['null', null],
  ['undefined', undefined],
  ['an object', {}],
  ['a Buffer', Buffer.from('t')],
  ['empty (with a prefix: only the prefix)', ''],
  ['with a NUL byte', 'a\0b'],
  ['a path', '../x'],
  ['two namespace separators', 'a:b:c'],
  ['with a space', 'a b'],
  ['256 characters long', 'n'.repeat(256)],
];

const rowCases = (method: string, call: (row: never) => unknown): BadInputCase[] =>
  BAD_ROWS.map(([what, row]) => bad(`${method}: row key is ${what}`, 'row', () => call(any(row))));

const cellColumnCases = (method: string, argument: string, call: (column: never) => unknown) =>
  BAD_CELL_COLUMNS.map(([what, column]) =>
    bad(`${method}: column is ${what}`, argument, () => call(any(column))),
  );

const amountCases = (method: string, argument: string, call: (amount: never) => unknown) =>
  BAD_AMOUNTS.map(([what, amount]) => bad(`${method}: amount is ${what}`, argument, () => call(any(amount))));

const dataCases = (method: string, call: (data: never) => unknown) =>
  BAD_DATA.map(([what, data, argument]) =>
    bad(`${method}: data is ${what}`, argument, () => call(any(data))),
  );

const tableNameCases = (method: string, call: (name: never) => unknown, sync = false) =>
  BAD_TABLE_NAMES.map(([what, name]) =>
    (sync ? badSync : bad)(`${method}: table name is ${what}`, 'name', () => call(any(name))),
  );

/** The same malformed options, for each method that takes an options object. */
const optionsObjectCases = (method: string, call: (options: never) => unknown, sync = false) =>
  (
    [
      ['a string', 'x', 'options'],
      ['a number', 5, 'options'],
      ['an array', [], 'options'],
      ['a class instance', new Date(0), 'options'],
      ['an unknown key', { bogus: 1 }, 'options.bogus'],
    ] as Array<[string, unknown, string]>
  ).map(([what, options, argument]) =>
    (sync ? badSync : bad)(`${method}: options is ${what}`, argument, () => call(any(options))),
  );

const connectionCases = (): BadInputCase[] => [
  badSync('new Connection: port negative', 'options.port', () => new Connection({ port: -1 })),
  badSync('new Connection: port beyond 65535', 'options.port', () => new Connection({ port: 70_000 })),
  badSync('new Connection: port not digits', 'options.port', () => new Connection({ port: any('90a') })),
  badSync('new Connection: host a number', 'options.host', () => new Connection({ host: any(5) })),
  badSync('new Connection: timeout negative', 'options.timeout', () => new Connection({ timeout: -1 })),
  badSync(
    'new Connection: unknown transport',
    'options.transport',
    () => new Connection({ transport: any('udp') }),
  ),
  badSync(
    'new Connection: unknown protocol',
    'options.protocol',
    () => new Connection({ protocol: any('json') }),
  ),
  badSync('new Connection: unknown compat', 'options.compat', () => new Connection({ compat: any('0.1') })),
  badSync(
    'new Connection: tablePrefix a number',
    'options.tablePrefix',
    () => new Connection({ tablePrefix: any(5) }),
  ),
  badSync(
    'new Connection: autoConnect a string',
    'options.autoConnect',
    () => new Connection({ autoConnect: any('yes') }),
  ),
  badSync('new Connection: tls a number', 'options.tls', () => new Connection({ tls: any(5) })),
  badSync('new Connection: tls.ca a number', 'options.tls.ca', () => new Connection({ tls: { ca: any(5) } })),
  badSync(
    'new Connection: retry attempts 0',
    'options.retry.attempts',
    () => new Connection({ retry: { attempts: 0 } }),
  ),
  badSync('new Connection: unknown option', 'options.colour', () => new Connection(any({ colour: 'red' }))),
  badSync('new Connection: options a number', 'options', () => new Connection(any(5))),
  badSync(
    'new Connection: url with an unknown scheme',
    'options.url',
    () => new Connection({ url: 'ftp://h:1' }),
  ),
  badSync(
    'new Connection: header value with CR/LF',
    'options.httpHeaders.x-a',
    () => new Connection({ transport: 'http', httpHeaders: { 'x-a': 'a\r\nb' } }),
  ),
  ...tableNameCases('table', (name) => connection.table(name), true),
  badSync('table: usePrefix a string', 'options.usePrefix', () =>
    connection.table('t', any({ usePrefix: 'no' })),
  ),
  ...optionsObjectCases('table', (options) => connection.table('t', options), true),
  ...tableNameCases('createTable', (name) => connection.createTable(name, { cf: {} })),
  bad('createTable: families null', 'families', () => connection.createTable('x', any(null))),
  bad('createTable: families a string', 'families', () => connection.createTable('x', any('cf'))),
  bad('createTable: families an array', 'families', () => connection.createTable('x', any(['cf']))),
  bad('createTable: maxVersions a string', 'families.cf.maxVersions', () =>
    connection.createTable('x', { cf: { maxVersions: any('3') } }),
  ),
  bad('createTable: maxVersions 0', 'families.cf.maxVersions', () =>
    connection.createTable('x', { cf: { maxVersions: 0 } }),
  ),
  bad('createTable: inMemory a string', 'families.cf.inMemory', () =>
    connection.createTable('x', { cf: { inMemory: any('yes') } }),
  ),
  bad('createTable: timeToLive -2', 'families.cf.timeToLive', () =>
    connection.createTable('x', { cf: { timeToLive: -2 } }),
  ),
  bad('createTable: compression a number', 'families.cf.compression', () =>
    connection.createTable('x', { cf: { compression: any(1) } }),
  ),
  bad('createTable: blockCacheEnabled a number', 'families.cf.blockCacheEnabled', () =>
    connection.createTable('x', { cf: { blockCacheEnabled: any(1) } }),
  ),
  bad('createTable: unknown family option', 'families.cf.versions', () =>
    connection.createTable('x', { cf: any({ versions: 3 }) }),
  ),
  bad('createTable: family options a string', 'families.cf', () =>
    connection.createTable('x', { cf: any('defaults') }),
  ),
  ...tableNameCases('deleteTable', (name) => connection.deleteTable(name)),
  bad('deleteTable: disable a number', 'options.disable', () =>
    connection.deleteTable('t', { disable: any(1) }),
  ),
  ...optionsObjectCases('deleteTable', (options) => connection.deleteTable('t', options)),
  ...tableNameCases('enableTable', (name) => connection.enableTable(name)),
  ...tableNameCases('disableTable', (name) => connection.disableTable(name)),
  ...tableNameCases('isTableEnabled', (name) => connection.isTableEnabled(name)),
  ...tableNameCases('compactTable', (name) => connection.compactTable(name)),
  bad('compactTable: major a string', 'options.major', () =>
    connection.compactTable('t', { major: any('yes') }),
  ),
  ...optionsObjectCases('compactTable', (options) => connection.compactTable('t', options)),
  bad('Connection.using: options invalid', 'options.port', () =>
    Connection.using({ port: -1 }, async () => 1),
  ),
  bad('Connection.using: callback not a function', 'fn', () =>
    Connection.using({ host: '127.0.0.1', port: proxy.port }, any('later')),
  ),
];

const readCases = (): BadInputCase[] => [
  ...rowCases('row', (row) => table.row(row)),
  bad('row: columns a string', 'options.columns', () => table.row('r', { columns: any('cf') })),
  bad('row: columns with an empty item', 'options.columns[0]', () => table.row('r', { columns: [''] })),
  bad('row: columns with a number', 'options.columns[1]', () => table.row('r', { columns: ['cf', any(5)] })),
  bad('row: timestamp negative', 'options.timestamp', () => table.row('r', { timestamp: -1 })),
  bad('row: timestamp fractional', 'options.timestamp', () => table.row('r', { timestamp: 1.5 })),
  bad('row: timestamp a string', 'options.timestamp', () => table.row('r', { timestamp: any('1') })),
  bad('row: includeTimestamp a string', 'options.includeTimestamp', () =>
    table.row('r', { includeTimestamp: any('yes') }),
  ),
  ...optionsObjectCases('row', (options) => table.row('r', options)),
  bad('rows: a string', 'rows', () => table.rows(any('r'))),
  bad('rows: null', 'rows', () => table.rows(any(null))),
  bad('rows: an object', 'rows', () => table.rows(any({ 0: 'r' }))),
  ...BAD_ROWS.map(([what, row]) =>
    bad(`rows: second key is ${what}`, 'rows[1]', () => table.rows(['a', any(row)])),
  ),
  bad('rows: columns a string', 'options.columns', () => table.rows(['a'], { columns: any('cf') })),
  ...optionsObjectCases('rows', (options) => table.rows(['a'], options)),
  ...rowCases('cells', (row) => table.cells(row, 'cf:q')),
  ...cellColumnCases('cells', 'column', (column) => table.cells('r', column)),
  bad('cells: versions 0', 'options.versions', () => table.cells('r', 'cf:q', { versions: 0 })),
  bad('cells: versions fractional', 'options.versions', () => table.cells('r', 'cf:q', { versions: 1.5 })),
  bad('cells: versions beyond 2^31-1', 'options.versions', () =>
    table.cells('r', 'cf:q', { versions: 2 ** 31 }),
  ),
  bad('cells: timestamp negative', 'options.timestamp', () => table.cells('r', 'cf:q', { timestamp: -5 })),
  bad('cells: includeTimestamp a number', 'options.includeTimestamp', () =>
    table.cells('r', 'cf:q', { includeTimestamp: any(1) }),
  ),
  ...optionsObjectCases('cells', (options) => table.cells('r', 'cf:q', options)),
];

const scanCases = (): BadInputCase[] => {
  const scan = (options: unknown) => () => table.scan(any(options));
  return [
    badSync('scan: limit 0', 'options.limit', scan({ limit: 0 })),
    badSync('scan: limit negative', 'options.limit', scan({ limit: -1 })),
    badSync('scan: limit a string', 'options.limit', scan({ limit: '10' })),
    badSync('scan: batchSize 0', 'options.batchSize', scan({ batchSize: 0 })),
    badSync('scan: batchSize fractional', 'options.batchSize', scan({ batchSize: 1.5 })),
    badSync('scan: batchSize beyond 2^31-1', 'options.batchSize', scan({ batchSize: 2 ** 31 })),
    badSync('scan: scanBatching 0', 'options.scanBatching', scan({ scanBatching: 0 })),
    badSync(
      'scan: scanBatching with a whole-row filter',
      'options.scanBatching',
      scan({ scanBatching: 2, filter: Filter.page(5) }),
    ),
    badSync('scan: rowStart a number', 'options.rowStart', scan({ rowStart: 42 })),
    badSync('scan: rowStop an object', 'options.rowStop', scan({ rowStop: {} })),
    badSync('scan: rowPrefix a number', 'options.rowPrefix', scan({ rowPrefix: 5 })),
    badSync('scan: rowPrefix with rowStart', 'options.rowPrefix', scan({ rowPrefix: 'a', rowStart: 'b' })),
    badSync('scan: rowPrefix with rowStop', 'options.rowPrefix', scan({ rowPrefix: 'a', rowStop: 'b' })),
    badSync('scan: columns a string', 'options.columns', scan({ columns: 'cf' })),
    badSync('scan: columns with an empty item', 'options.columns[0]', scan({ columns: [''] })),
    badSync('scan: filter a number', 'options.filter', scan({ filter: 5 })),
    badSync(
      'scan: filter a plain object',
      'options.filter',
      scan({ filter: { toString: () => 'KeyOnlyFilter()' } }),
    ),
    badSync('scan: timestamp negative', 'options.timestamp', scan({ timestamp: -1 })),
    badSync('scan: includeTimestamp a number', 'options.includeTimestamp', scan({ includeTimestamp: 1 })),
    badSync('scan: sortedColumns a string', 'options.sortedColumns', scan({ sortedColumns: 'yes' })),
    badSync('scan: reverse a number', 'options.reverse', scan({ reverse: 1 })),
    badSync('scan: cacheBlocks a string', 'options.cacheBlocks', scan({ cacheBlocks: 'no' })),
    ...optionsObjectCases('scan', (options) => table.scan(options), true),
    ...(
      [
        ['0.90', { filter: 'KeyOnlyFilter()' }, 'options.filter'],
        ['0.94', { sortedColumns: true }, 'options.sortedColumns'],
        ['0.96', { reverse: true }, 'options.reverse'],
      ] as const
    ).map(([compat, options, feature]) =>
      badSync(
        `scan: ${feature} on compat ${compat}`,
        feature,
        () => new Connection({ host: '127.0.0.1', port: proxy.port, compat }).table('t').scan(options),
        NotSupportedError,
      ),
    ),
  ];
};

const writeCases = (): BadInputCase[] => [
  {
    ...bad('append: on compat 0.96', 'append', () =>
      new Connection({ host: '127.0.0.1', port: proxy.port, compat: '0.96' })
        .table('t')
        .append('r', { 'cf:q': 'v' }),
    ),
    error: NotSupportedError,
  },
  ...rowCases('put', (row) => table.put(row, { 'cf:q': 'v' })),
  ...dataCases('put', (data) => table.put('r', data)),
  bad('put: timestamp negative', 'options.timestamp', () =>
    table.put('r', { 'cf:q': 'v' }, { timestamp: -1 }),
  ),
  bad('put: timestamp fractional', 'options.timestamp', () =>
    table.put('r', { 'cf:q': 'v' }, { timestamp: 1.5 }),
  ),
  bad('put: wal a string', 'options.wal', () => table.put('r', { 'cf:q': 'v' }, { wal: any('no') })),
  ...optionsObjectCases('put', (options) => table.put('r', { 'cf:q': 'v' }, options)),
  ...rowCases('delete', (row) => table.delete(row)),
  bad('delete: columns a string', 'options.columns', () => table.delete('r', { columns: any('cf') })),
  bad('delete: columns with an empty item', 'options.columns[0]', () => table.delete('r', { columns: [''] })),
  bad('delete: columns with a number', 'options.columns[0]', () => table.delete('r', { columns: [any(5)] })),
  bad('delete: timestamp negative', 'options.timestamp', () => table.delete('r', { timestamp: -1 })),
  bad('delete: wal a string', 'options.wal', () => table.delete('r', { wal: any('no') })),
  ...optionsObjectCases('delete', (options) => table.delete('r', options)),
  ...rowCases('append', (row) => table.append(row, { 'cf:q': 'v' })),
  ...dataCases('append', (data) => table.append('r', data)),
  bad('append: includeTimestamp a string', 'options.includeTimestamp', () =>
    table.append('r', { 'cf:q': 'v' }, { includeTimestamp: any('yes') }),
  ),
  ...optionsObjectCases('append', (options) => table.append('r', { 'cf:q': 'v' }, options)),
  ...rowCases('checkAndPut', (row) =>
    table.checkAndPut(row, { column: 'cf:q', value: null }, { column: 'cf:q', value: 'v' }),
  ),
  ...cellColumnCases('checkAndPut check', 'check.column', (column) =>
    table.checkAndPut('r', { column, value: null }, { column: 'cf:q', value: 'v' }),
  ),
  ...cellColumnCases('checkAndPut put', 'put.column', (column) =>
    table.checkAndPut('r', { column: 'cf:q', value: null }, { column, value: 'v' }),
  ),
  bad('checkAndPut: check null', 'check', () =>
    table.checkAndPut('r', any(null), { column: 'cf:q', value: 'v' }),
  ),
  bad('checkAndPut: put a string', 'put', () =>
    table.checkAndPut('r', { column: 'cf:q', value: null }, any('cf:q=v')),
  ),
  bad('checkAndPut: check value a number', 'check.value', () =>
    table.checkAndPut('r', { column: 'cf:q', value: any(5) }, { column: 'cf:q', value: 'v' }),
  ),
  bad('checkAndPut: put value null', 'put.value', () =>
    table.checkAndPut('r', { column: 'cf:q', value: null }, { column: 'cf:q', value: any(null) }),
  ),
  bad('checkAndPut: put value a number', 'put.value', () =>
    table.checkAndPut('r', { column: 'cf:q', value: null }, { column: 'cf:q', value: any(42) }),
  ),
];

const counterCases = (): BadInputCase[] => [
  ...rowCases('counterGet', (row) => table.counterGet(row, 'cf:c')),
  ...cellColumnCases('counterGet', 'column', (column) => table.counterGet('r', column)),
  ...rowCases('counterInc', (row) => table.counterInc(row, 'cf:c')),
  ...cellColumnCases('counterInc', 'column', (column) => table.counterInc('r', column)),
  ...amountCases('counterInc', 'value', (amount) => table.counterInc('r', 'cf:c', amount)),
  ...rowCases('counterDec', (row) => table.counterDec(row, 'cf:c')),
  ...amountCases('counterDec', 'value', (amount) => table.counterDec('r', 'cf:c', amount)),
  ...rowCases('counterSet', (row) => table.counterSet(row, 'cf:c', 1)),
  ...cellColumnCases('counterSet', 'column', (column) => table.counterSet('r', column, 1)),
  ...amountCases('counterSet', 'value', (amount) => table.counterSet('r', 'cf:c', amount)),
];

const batchCases = (): BadInputCase[] => {
  const badOptions: Array<[string, unknown, string]> = [
    ['batchSize 0', { batchSize: 0 }, 'options.batchSize'],
    ['batchSize negative', { batchSize: -1 }, 'options.batchSize'],
    ['batchSize fractional', { batchSize: 1.5 }, 'options.batchSize'],
    ['batchSize a string', { batchSize: '10' }, 'options.batchSize'],
    ['transaction a string', { transaction: 'yes' }, 'options.transaction'],
    ['transaction with batchSize', { transaction: true, batchSize: 5 }, 'options.batchSize'],
    ['timestamp negative', { timestamp: -1 }, 'options.timestamp'],
    ['wal a string', { wal: 'no' }, 'options.wal'],
    ['an unknown option', { size: 5 }, 'options.size'],
    ['options a string', 'x', 'options'],
  ];
  const b = () => table.batch();
  return [
    ...badOptions.map(([what, options, argument]) =>
      badSync(`batch(): ${what}`, argument, () => table.batch(any(options))),
    ),
    ...badOptions.map(([what, options, argument]) =>
      bad(`batch(fn): ${what}`, argument, () => table.batch(any(options), async () => undefined)),
    ),
    bad('batch(fn): counters summed past int64', 'value', () =>
      table.batch({ transaction: true }, async (batch) => {
        await batch.counterInc('r', 'cf:c', 2n ** 63n - 1n);
        await batch.counterInc('r', 'cf:c', 1n);
      }),
    ),
    bad('batch(fn): callback a string', 'fn', () => table.batch({}, any('later'))),
    bad('batch(fn): callback an object', 'fn', () => table.batch({}, any({}))),
    bad('batch(fn): callback null', 'fn', () => table.batch({}, any(null))),
    ...rowCases('batch.put', (row) => b().put(row, { 'cf:q': 'v' })),
    ...dataCases('batch.put', (data) => b().put('r', data)),
    bad('batch.put: wal a string', 'options.wal', () => b().put('r', { 'cf:q': 'v' }, { wal: any(1) })),
    ...optionsObjectCases('batch.put', (options) => b().put('r', { 'cf:q': 'v' }, options)),
    ...rowCases('batch.delete', (row) => b().delete(row)),
    bad('batch.delete: columns a string', 'options.columns', () => b().delete('r', { columns: any('cf') })),
    bad('batch.delete: columns with an empty item', 'options.columns[0]', () =>
      b().delete('r', { columns: [''] }),
    ),
    ...optionsObjectCases('batch.delete', (options) => b().delete('r', options)),
    ...rowCases('batch.counterInc', (row) => b().counterInc(row, 'cf:c')),
    ...cellColumnCases('batch.counterInc', 'column', (column) => b().counterInc('r', column)),
    ...amountCases('batch.counterInc', 'value', (amount) => b().counterInc('r', 'cf:c', amount)),
    ...amountCases('batch.counterDec', 'value', (amount) => b().counterDec('r', 'cf:c', amount)),
    bad('a failing callback in a transaction sends nothing', 'data["cf:q"]', () =>
      table.batch({ transaction: true }, async (batch) => {
        await batch.put('written-if-sent', { 'cf:q': 'v' });
        await batch.put('r', { 'cf:q': any(5) });
      }),
    ),
  ];
};

const poolCases = (): BadInputCase[] => [
  badSync('new ConnectionPool: options missing', 'options', () => new ConnectionPool(any(undefined))),
  badSync('new ConnectionPool: size 0', 'options.size', () => new ConnectionPool({ size: 0 })),
  badSync('new ConnectionPool: size negative', 'options.size', () => new ConnectionPool({ size: -1 })),
  badSync('new ConnectionPool: size fractional', 'options.size', () => new ConnectionPool({ size: 1.5 })),
  badSync('new ConnectionPool: size a string', 'options.size', () => new ConnectionPool({ size: any('4') })),
  badSync('new ConnectionPool: port invalid', 'options.port', () => new ConnectionPool({ size: 1, port: 0 })),
  badSync(
    'new ConnectionPool: unknown option',
    'options.colour',
    () => new ConnectionPool(any({ size: 1, colour: 1 })),
  ),
  bad('pool.connection: callback a string', 'fn', () => pool.connection(any('later'))),
  bad('pool.connection: callback undefined', 'fn', () => pool.connection(any(undefined))),
  bad('pool.connection: timeout negative', 'options.timeout', () =>
    pool.connection(async () => 1, { timeout: -5 }),
  ),
  bad('pool.connection: timeout a string', 'options.timeout', () =>
    pool.connection(async () => 1, { timeout: any('5') }),
  ),
  ...optionsObjectCases('pool.connection', (options) => pool.connection(async () => 1, options)),
  bad('pool.acquire: timeout negative', 'options.timeout', () => pool.acquire({ timeout: -1 })),
  bad('pool.acquire: timeout beyond 2^31-1', 'options.timeout', () => pool.acquire({ timeout: 2 ** 31 })),
  ...optionsObjectCases('pool.acquire', (options) => pool.acquire(options)),
  bad('pool.close: timeout negative', 'options.timeout', () => pool.close({ timeout: -1 })),
  bad('pool.close: timeout fractional', 'options.timeout', () => pool.close({ timeout: 0.5 })),
  ...optionsObjectCases('pool.close', (options) => pool.close(options)),
];

const filterCases = (): BadInputCase[] => [
  badSync('Filter.prefix: a number', 'prefix', () => Filter.prefix(any(42))),
  badSync('Filter.inclusiveStop: null', 'stopRow', () => Filter.inclusiveStop(any(null))),
  badSync('Filter.page: negative', 'pageSize', () => Filter.page(-1)),
  badSync('Filter.page: fractional', 'pageSize', () => Filter.page(1.5)),
  badSync('Filter.page: a string', 'pageSize', () => Filter.page(any('10'))),
  badSync('Filter.columnPrefix: undefined', 'prefix', () => Filter.columnPrefix(any(undefined))),
  badSync('Filter.multipleColumnPrefix: empty', 'prefixes', () => Filter.multipleColumnPrefix([])),
  badSync('Filter.multipleColumnPrefix: a number inside', 'prefixes[1]', () =>
    Filter.multipleColumnPrefix(['a', any(1)]),
  ),
  badSync('Filter.columnRange: min a number', 'bounds.min', () => Filter.columnRange({ min: any(1) })),
  badSync('Filter.columnPagination: limit negative', 'limit', () => Filter.columnPagination(-1, 0)),
  badSync('Filter.columnPagination: offset NaN', 'offset', () => Filter.columnPagination(1, Number.NaN)),
  badSync('Filter.columnCountGet: beyond 2^31-1', 'limit', () => Filter.columnCountGet(2 ** 31)),
  badSync('Filter.timestamps: empty', 'timestamps', () => Filter.timestamps([])),
  badSync('Filter.timestamps: a negative one', 'timestamps[1]', () => Filter.timestamps([1, -1])),
  badSync('Filter.binary: an object', 'value', () => Filter.binary(any({}))),
  badSync('Filter.binaryPrefix: an array', 'prefix', () => Filter.binaryPrefix(any([1]))),
  badSync('Filter.regex: a RegExp', 'pattern', () => Filter.regex(any(/a/))),
  badSync('Filter.substring: a Buffer', 'text', () => Filter.substring(any(Buffer.from('a')))),
  badSync('Filter.value: unknown operator', 'operator', () => Filter.value(any('=='), Filter.binary('x'))),
  badSync('Filter.value: comparator a string', 'comparator', () => Filter.value('=', any('binary:x'))),
  badSync('Filter.qualifier: < with substring', 'operator', () =>
    Filter.qualifier(any('<'), Filter.substring('a')),
  ),
  badSync('Filter.singleColumnValue: empty family', 'family', () =>
    Filter.singleColumnValue('', 'q', '=', Filter.binary('x')),
  ),
  badSync('Filter.singleColumnValue: qualifier a number', 'qualifier', () =>
    Filter.singleColumnValue('f', any(1), '=', Filter.binary('x')),
  ),
  badSync('Filter.dependentColumn: empty family', 'family', () => Filter.dependentColumn('', 'q')),
  badSync('Filter.raw: blank', 'expression', () => Filter.raw('  ')),
  badSync('Filter.raw: a number', 'expression', () => Filter.raw(any(1))),
  badSync('Filter.and: a string operand', 'filters[0]', () => Filter.and(any('KeyOnlyFilter()'))),
  badSync('Filter.or: an undefined operand', 'filters[1]', () => Filter.or(Filter.keyOnly(), any(undefined))),
  badSync('Filter.skip: a string', 'filter', () => Filter.skip(any('x'))),
  badSync('Filter.while: null', 'filter', () => Filter.while(any(null))),
  badSync('Filter.keyOnly: options a string', 'options', () => Filter.keyOnly(any('lenAsVal'))),
];

const codecCases = (): BadInputCase[] => {
  const codec = (name: string, codecName: string, call: () => unknown) =>
    badSync(name, codecName, call, CodecError);
  return [
    codec('int16.encode: beyond 2^15', 'int16', () => int16.encode(2 ** 15)),
    codec('int16.encode: a string', 'int16', () => int16.encode(any('1'))),
    codec('int32.encode: fractional', 'int32', () => int32.encode(1.5)),
    codec('int32.encode: beyond 2^31', 'int32', () => int32.encode(2 ** 31)),
    codec('int64.encode: beyond int64', 'int64', () => int64.encode(2n ** 63n)),
    codec('int64.encode: unsafe number', 'int64', () => int64.encode(2 ** 53)),
    codec('counter.encode: a string', 'counter', () => counterCodec.encode(any('1'))),
    codec('float32.encode: a string', 'float32', () => float32.encode(any('1.5'))),
    codec('float64.encode: a bigint', 'float64', () => float64.encode(any(1n))),
    codec('boolean.encode: a number', 'boolean', () => booleanCodec.encode(any(1))),
    codec('utf8.encode: a number', 'utf8', () => utf8.encode(any(5))),
    codec('utf8Key.encode: null', 'utf8Key', () => utf8Key.encode(any(null))),
    codec('bytes.encode: a string', 'bytes', () => bytesCodec.encode(any('x'))),
    codec('date.encode: an invalid Date', 'date', () => date.encode(new Date(Number.NaN))),
    codec('date.encode: a string', 'date', () => date.encode(any('2020-01-01'))),
    codec('decimalString.encode: Infinity', 'decimalString', () =>
      decimalString.encode(Number.POSITIVE_INFINITY),
    ),
    codec('json.encode: a function', 'json', () => json().encode(any(() => 1))),
    codec('json.encode: a bigint', 'json', () => json().encode(1n)),
    codec('sortableInt32.encode: fractional', 'sortableInt32', () => sortableInt32.encode(0.5)),
    codec('sortableInt64.encode: a string', 'sortableInt64', () => sortableInt64.encode(any('1'))),
    codec('sortableFloat64.encode: a string', 'sortableFloat64', () => sortableFloat64.encode(any('1'))),
    codec('fixedString(2).encode: too long', 'fixedString(2)', () => fixedString(2).encode('abc')),
    codec('fixedString: width 0', 'fixedString', () => fixedString(0)),
    codec('salted: 0 buckets', 'salted', () => salted(utf8Key, { buckets: 0 })),
    codec('salted: hash a string', 'salted', () => salted(utf8Key, { buckets: 4, hash: any('fnv') })),
    codec('composite: no parts', 'composite', () => composite(any([]))),
    codec('composite: a value codec as a part', 'composite', () => composite([utf8Key, any(int32)])),
    codec('descending: not a codec', 'descending', () => descending(any(5))),
    codec('composite.encode: a part of the wrong type', 'composite(utf8Key, sortableInt32)', () =>
      composite([utf8Key, sortableInt32]).encode(any(['a', 'b'])),
    ),
  ];
};

const cases = uniqueCases([
  ...connectionCases(),
  ...readCases(),
  ...scanCases(),
  ...writeCases(),
  ...counterCases(),
  ...batchCases(),
  ...poolCases(),
  ...filterCases(),
  ...codecCases(),
]);

describe(`bad input to the client: ${cases.length} cases`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRejected(c, () => proxy.bytesFromClients);
  });

  it('sent nothing through the proxy and wrote nothing', async () => {
    expect(await snapshot()).toEqual(before);
    // The proxy did carry traffic before the cases: the counter counts.
    expect(proxy.bytesFromClients).toBe(0);
    await table.row('seed-1');
    expect(proxy.bytesFromClients).toBeGreaterThan(0);
  });
});

// Used only as types in the cases above.
export type { BytesLike, RowData };
