// Table names and row keys are checked against HBase's rules before anything is sent (the gateway
// answers bad ones with an opaque internal error, or worse); names HBase accepts still work.
// Against the real HBase, plus a connection to a closed port that proves nothing was sent.
import { Connection, InvalidArgumentError, type Table } from '../../src';
import { closeScratch, openScratchTable, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('tablenames');
let connection: Connection;
let table: Table;
/** Nothing listens on port 1: a call that were sent would fail with ConnectionFailedError. */
const offline = new Connection({ host: '127.0.0.1', port: 1, timeout: 2000 });
const offlinePrefixed = new Connection({ host: '127.0.0.1', port: 1, timeout: 2000, tablePrefix: 'app' });

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(prefix));
});

afterAll(() => closeScratch(connection));

async function rejectedWith(argument: string, run: () => Promise<unknown>): Promise<void> {
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).argument).toBe(argument);
}

const badNames = [
  'a\0b',
  '../x',
  'a:b:c',
  'a b',
  'tab\tle',
  '.hidden',
  '-dash',
  'x'.repeat(256),
  'é'.repeat(128), // 256 bytes of UTF-8
  'ns-1:t', // a namespace allows letters, digits and _ only
  'ümlaut:t',
  'emoji\u{1F600}',
  'zookeeper',
];

describe('table names', () => {
  it.each(badNames)('%j is refused before anything is sent', async (name) => {
    await rejectedWith('name', () => offline.createTable(name, { cf: {} }));
    await rejectedWith('name', () => offline.deleteTable(name));
    await rejectedWith('name', () => offline.enableTable(name));
    await rejectedWith('name', () => offline.isTableEnabled(name));
    await rejectedWith('name', async () => offline.table(name));
    await rejectedWith('name', async () => offline.table(name, { usePrefix: false }));
  });

  it('with a prefix, the whole name is checked, and createTable("") is refused', async () => {
    await rejectedWith('name', () => offlinePrefixed.createTable('', { cf: {} }));
    await rejectedWith('name', async () => offlinePrefixed.table('x'.repeat(252)));
    expect(offlinePrefixed.table('x'.repeat(251)).name).toBe(`app_${'x'.repeat(251)}`);
    await rejectedWith('name', async () => offlinePrefixed.table('a b'));
  });

  it('names HBase accepts work: letters beyond ASCII, digits, _, - and .', async () => {
    const created = await connection.createTable('défi-1.x_y', { cf: {} });
    await created.put('r', { 'cf:q': 'v' });
    expect((await created.row('r'))['cf:q']?.toString()).toBe('v');
    expect(await connection.tables()).toContain('défi-1.x_y');
    await connection.deleteTable('défi-1.x_y', { disable: true });
  });
});

describe('row key sizes', () => {
  // Finding a row's region scans hbase:meta from "<table>,<row>,99999999999999", which must fit in
  // HBase's 32,767-byte row limit: so a table's longest row key is 32,767 - 16 - its name's bytes.
  const longestFor = (name: string) => 32_767 - 16 - Buffer.byteLength(name);

  it('a key longer than the table allows is refused before anything is sent', async () => {
    const t = offline.table('t');
    const tooLong = Buffer.alloc(longestFor('t') + 1, 0x61);
    expect(t.maxRowKey).toBe(32_750);
    await rejectedWith('row', () => t.put(tooLong, { 'cf:q': 'v' }));
    await rejectedWith('row', () => t.row(tooLong));
    await rejectedWith('rows[1]', () => t.rows(['a', tooLong]));
    await rejectedWith('row', () => t.delete(tooLong));
    await rejectedWith('row', () => t.counterInc(tooLong, 'cf:c'));
    await rejectedWith('row', () => t.batch({}, (b) => b.put(tooLong, { 'cf:q': 'v' })));
    // A bound may be one byte longer (the key just above the longest one), never stored.
    const tooLongBound = Buffer.alloc(longestFor('t') + 2, 0x61);
    await rejectedWith('options.rowStart', async () => t.scan({ rowStart: tooLongBound }));
    await rejectedWith('options.rowStop', async () => t.scan({ rowStop: tooLongBound }));
    await rejectedWith('options.rowPrefix', async () => t.scan({ rowPrefix: tooLong }));
    // A namespaced name counts with its namespace, except for "default:".
    expect(offline.table('ns:t').maxRowKey).toBe(32_767 - 16 - 4);
    expect(offline.table('default:t').maxRowKey).toBe(32_750);
  });

  it('a key of exactly the longest length is written, read and scanned', async () => {
    const longest = Buffer.alloc(longestFor(table.name), 0x62);
    expect(table.maxRowKey).toBe(longest.length);
    await table.put(longest, { 'cf:q': 'long' });
    expect((await table.row(longest))['cf:q']?.toString()).toBe('long');
    const [[key]] = await table.scan({ rowStart: longest, limit: 1 }).toArray();
    expect(key.equals(longest)).toBe(true);
  });
});
