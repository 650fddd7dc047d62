// The filter builder against the real gateway: each filter kind is sent as built and must return
// exactly the rows and cells expected — which proves both that HBase's ParseFilter reads our
// strings (quoting, binary bytes, parentheses) and that they mean what the API docs say.
import { Connection, Filter, type Table, ThriftApplicationError } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('filter');
let connection: Connection;
let table: Table;

/** A value with everything the quoting must survive: quotes (leading, doubled, trailing), `)`, NUL, 0xff. */
const WEIRD = Buffer.concat([Buffer.from("'it''s)"), Buffer.from([0x00, 0xff]), Buffer.from("'")]);
/** Binary row keys, in key order. */
const K1 = Buffer.from([0x62, 0x2d, 0x27, 0x00]); // b-'\0
const K2 = Buffer.from([0x62, 0x2d, 0x27, 0x00, 0xff]); // b-'\0\xff
const K3 = Buffer.from([0x62, 0x2d, 0x29]); // b-)

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('f', { info: {}, data: {} });
  await table.batch({}, async (b) => {
    // users
    await b.put('u-1', {
      'info:name': 'alice',
      'info:plan': 'pro',
      'info:city': 'paris',
      'data:score': '10',
    });
    await b.put('u-2', { 'info:name': 'bob', 'info:plan': 'free', 'info:city': 'paris' });
    await b.put('u-3', { 'info:name': 'carol', 'info:city': 'rome', 'data:score': '7' });
    await b.put('u-4', { 'info:name': 'dave', 'info:plan': WEIRD, 'info:city': 'rome' });
    await b.put('u-5', { 'info:name': 'Eve', 'info:plan': 'pro', 'info:city': 'oslo' });
    // binary row keys
    for (const key of [K1, K2, K3]) await b.put(key, { 'info:k': 'x' });
    // SKIP and WHILE
    await b.put('s-1', { 'info:a': '1', 'info:b': '1' });
    await b.put('s-2', { 'info:a': '1', 'info:b': '0' });
    await b.put('s-3', { 'info:a': '0' });
    await b.put('w-1', { 'info:x': 'go' });
    await b.put('w-2', { 'info:x': 'go' });
    await b.put('w-3', { 'info:x': 'stop' });
    await b.put('w-4', { 'info:x': 'go' });
    // text matching
    await b.put('x-1', { 'info:name': 'café' });
    await b.put('x-2', { 'info:name': 'CAFE' });
  });
  // versions and timestamps
  await table.put('v-1', { 'info:plan': 'pro' }, { timestamp: 100 });
  await table.put('v-1', { 'info:plan': 'free' }, { timestamp: 200 });
  await table.put('v-2', { 'info:plan': 'pro' }, { timestamp: 100 });
  for (const ts of [100, 200, 300]) await table.put('t-1', { 'info:v': `v${ts}` }, { timestamp: ts });
  await table.put('t-2', { 'info:v': 'v150' }, { timestamp: 150 });
  await table.put('d-1', { 'info:ref': 'r', 'info:a': 'A' }, { timestamp: 1000 });
  await table.put('d-1', { 'info:b': 'B' }, { timestamp: 2000 });
  await table.put('d-2', { 'info:a': 'A' }, { timestamp: 1000 });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

type Rows = Record<string, Record<string, string>>;

/** Scans with the filter; rows keyed by row key, cells by column, values as latin1 (byte-exact). */
async function scan(filter: Filter, options: { rowPrefix?: string; rowStart?: string } = {}): Promise<Rows> {
  const rows: Rows = {};
  for await (const [key, data] of table.scan({ ...options, filter: filter.toBuffer() })) {
    rows[key.toString('latin1')] = Object.fromEntries(
      Object.entries(data).map(([column, value]) => [column, value.toString('latin1')]),
    );
  }
  return rows;
}

/** The row keys a filter keeps, in scan order. */
async function keys(
  filter: Filter,
  options: { rowPrefix?: string; rowStart?: string } = {},
): Promise<string[]> {
  return Object.keys(await scan(filter, options));
}

/** The columns returned per row. */
async function columns(filter: Filter, rowPrefix: string): Promise<Record<string, string[]>> {
  const rows = await scan(filter, { rowPrefix });
  return Object.fromEntries(Object.entries(rows).map(([key, cells]) => [key, Object.keys(cells)]));
}

const latin1 = (b: Buffer) => b.toString('latin1');
const pro = () => Filter.binary('pro');

describe('row filters', () => {
  it('PrefixFilter keeps the rows with the prefix, binary prefixes included', async () => {
    expect(await keys(Filter.prefix('u-'))).toEqual(['u-1', 'u-2', 'u-3', 'u-4', 'u-5']);
    expect(await keys(Filter.prefix(K1))).toEqual([latin1(K1), latin1(K2)]);
    expect(await keys(Filter.prefix(Buffer.from([0x62, 0x2d, 0x27, 0x00, 0xff])))).toEqual([latin1(K2)]);
  });

  it('InclusiveStopFilter ends the scan after the stop row', async () => {
    expect(await keys(Filter.inclusiveStop('u-3'), { rowStart: 'u-' })).toEqual(['u-1', 'u-2', 'u-3']);
    expect(await keys(Filter.inclusiveStop(K2), { rowStart: 'b-' })).toEqual([latin1(K1), latin1(K2)]);
  });

  it('PageFilter limits the rows (per region; the table has one)', async () => {
    expect(await keys(Filter.page(2), { rowPrefix: 'u-' })).toEqual(['u-1', 'u-2']);
    expect(await keys(Filter.page(0), { rowPrefix: 'u-' })).toEqual([]);
  });
});

describe('compare filters', () => {
  it('RowFilter compares row keys, cell part on the left', async () => {
    expect(await keys(Filter.row('>=', Filter.binary('u-3')), { rowPrefix: 'u-' })).toEqual([
      'u-3',
      'u-4',
      'u-5',
    ]);
    expect(await keys(Filter.row('<', Filter.binary('u-3')), { rowPrefix: 'u-' })).toEqual(['u-1', 'u-2']);
    expect(await keys(Filter.row('=', Filter.regex('^u-[24]$')))).toEqual(['u-2', 'u-4']);
    expect(await keys(Filter.row('=', Filter.binary(K2)), { rowPrefix: 'b-' })).toEqual([latin1(K2)]);
    expect(await keys(Filter.row('!=', Filter.binaryPrefix(K1)), { rowPrefix: 'b-' })).toEqual([latin1(K3)]);
  });

  it('FamilyFilter and QualifierFilter select cells', async () => {
    expect(await columns(Filter.family('=', Filter.binary('data')), 'u-')).toEqual({
      'u-1': ['data:score'],
      'u-3': ['data:score'],
    });
    expect(await columns(Filter.qualifier('=', Filter.binary('name')), 'u-')).toEqual({
      'u-1': ['info:name'],
      'u-2': ['info:name'],
      'u-3': ['info:name'],
      'u-4': ['info:name'],
      'u-5': ['info:name'],
    });
    expect(await columns(Filter.qualifier('>', Filter.binary('name')), 'u-3')).toEqual({
      'u-3': ['data:score'],
    });
  });

  it('ValueFilter matches a value holding quotes, a parenthesis, NUL and 0xff exactly', async () => {
    expect(await scan(Filter.value('=', Filter.binary(WEIRD)))).toEqual({
      'u-4': { 'info:plan': latin1(WEIRD) },
    });
    expect(await keys(Filter.value('=', Filter.binaryPrefix("'it''")))).toEqual(['u-4']);
    expect(await keys(Filter.value('=', Filter.binary(WEIRD.subarray(0, -1))))).toEqual([]);
  });

  it('regexstring matches unanchored; substring ignores case; both on UTF-8 text', async () => {
    expect(await scan(Filter.value('=', Filter.regex('^(al|bo)')), { rowPrefix: 'u-' })).toEqual({
      'u-1': { 'info:name': 'alice' },
      'u-2': { 'info:name': 'bob' },
    });
    const names = Filter.qualifier('=', Filter.binary('name'));
    expect(await scan(Filter.value('=', Filter.regex('ar')).and(names), { rowPrefix: 'u-' })).toEqual({
      'u-3': { 'info:name': 'carol' },
    });
    expect(await keys(Filter.value('=', Filter.substring('EVE')), { rowPrefix: 'u-' })).toEqual(['u-5']);
    expect(await keys(Filter.value('=', Filter.regex('é$')), { rowPrefix: 'x-' })).toEqual(['x-1']);
    expect(await keys(Filter.value('=', Filter.substring('CAFÉ')), { rowPrefix: 'x-' })).toEqual(['x-1']);
    expect(await keys(Filter.value('!=', Filter.substring('caf')), { rowPrefix: 'x-' })).toEqual([]);
  });
});

describe('column filters', () => {
  it('ColumnPrefixFilter and MultipleColumnPrefixFilter select qualifiers by prefix', async () => {
    expect(await columns(Filter.columnPrefix('ci'), 'u-1')).toEqual({ 'u-1': ['info:city'] });
    expect(await columns(Filter.multipleColumnPrefix(['ci', 'sc']), 'u-')).toEqual({
      'u-1': ['data:score', 'info:city'],
      'u-2': ['info:city'],
      'u-3': ['data:score', 'info:city'],
      'u-4': ['info:city'],
      'u-5': ['info:city'],
    });
  });

  it('ColumnRangeFilter keeps qualifiers between bounds, in every family', async () => {
    expect(await columns(Filter.columnRange({ min: 'c', max: 'name' }), 'u-1')).toEqual({
      'u-1': ['info:city'],
    });
    expect(await columns(Filter.columnRange({ min: 'c', max: 'name', maxInclusive: true }), 'u-1')).toEqual({
      'u-1': ['info:city', 'info:name'],
    });
    expect(await columns(Filter.columnRange({ min: 'name', minInclusive: false }), 'u-1')).toEqual({
      'u-1': ['data:score', 'info:plan'],
    });
    expect(await columns(Filter.columnRange({ max: 'name' }), 'u-1')).toEqual({ 'u-1': ['info:city'] });
  });

  it('ColumnPaginationFilter pages the cells of each row', async () => {
    expect(await columns(Filter.columnPagination(2, 1), 'u-')).toEqual({
      'u-1': ['info:city', 'info:name'],
      'u-2': ['info:name', 'info:plan'],
      'u-3': ['info:city', 'info:name'],
      'u-4': ['info:name', 'info:plan'],
      'u-5': ['info:name', 'info:plan'],
    });
  });

  it('ColumnCountGetFilter keeps the first cells of a row', async () => {
    expect(await columns(Filter.columnCountGet(2), 'u-1')).toEqual({ 'u-1': ['data:score', 'info:city'] });
  });
});

describe('single-column filters', () => {
  it('SingleColumnValueFilter keeps whole rows; rows without the column unless filterIfMissing', async () => {
    expect(await keys(Filter.singleColumnValue('info', 'plan', '=', pro()), { rowPrefix: 'u-' })).toEqual([
      'u-1',
      'u-3',
      'u-5',
    ]);
    const filter = Filter.singleColumnValue('info', 'plan', '=', pro(), { filterIfMissing: true });
    expect(await columns(filter, 'u-')).toEqual({
      'u-1': ['data:score', 'info:city', 'info:name', 'info:plan'],
      'u-5': ['info:city', 'info:name', 'info:plan'],
    });
    expect(
      await keys(
        Filter.singleColumnValue('info', 'plan', '=', Filter.binary(WEIRD), { filterIfMissing: true }),
      ),
    ).toEqual(['u-4']);
  });

  it('latestVersionOnly: false matches older versions too', async () => {
    const latest = Filter.singleColumnValue('info', 'plan', '=', pro(), { filterIfMissing: true });
    expect(await keys(latest, { rowPrefix: 'v-' })).toEqual(['v-2']);
    const any = Filter.singleColumnValue('info', 'plan', '=', pro(), {
      filterIfMissing: true,
      latestVersionOnly: false,
    });
    // The row comes back as usual: with its newest version.
    expect(await scan(any, { rowPrefix: 'v-' })).toEqual({
      'v-1': { 'info:plan': 'free' },
      'v-2': { 'info:plan': 'pro' },
    });
  });

  it('SingleColumnValueExcludeFilter leaves the tested column out', async () => {
    const filter = Filter.singleColumnValueExclude('info', 'plan', '=', pro(), { filterIfMissing: true });
    expect(await columns(filter, 'u-')).toEqual({
      'u-1': ['data:score', 'info:city', 'info:name'],
      'u-5': ['info:city', 'info:name'],
    });
  });

  it('ColumnValueFilter returns only the matching cells', async () => {
    expect(await scan(Filter.columnValue('info', 'plan', '=', pro()), { rowPrefix: 'u-' })).toEqual({
      'u-1': { 'info:plan': 'pro' },
      'u-5': { 'info:plan': 'pro' },
    });
  });

  it('DependentColumnFilter keeps the cells stamped like the reference column', async () => {
    expect(await scan(Filter.dependentColumn('info', 'ref'), { rowPrefix: 'd-' })).toEqual({
      'd-1': { 'info:a': 'A', 'info:ref': 'r' },
    });
    expect(
      await scan(Filter.dependentColumn('info', 'ref', { dropDependentColumn: true }), { rowPrefix: 'd-' }),
    ).toEqual({
      'd-1': { 'info:a': 'A' },
    });
    const compared = (value: string) =>
      Filter.dependentColumn('info', 'ref', { operator: '=', comparator: Filter.binary(value) });
    expect(await keys(compared('r'), { rowPrefix: 'd-' })).toEqual(['d-1']);
    expect(await keys(compared('x'), { rowPrefix: 'd-' })).toEqual([]);
  });
});

describe('cell filters', () => {
  it('KeyOnlyFilter empties the values, or replaces them by their length', async () => {
    expect(await scan(Filter.keyOnly(), { rowPrefix: 'u-2' })).toEqual({
      'u-2': { 'info:city': '', 'info:name': '', 'info:plan': '' },
    });
    const lengths = await scan(Filter.keyOnly({ lengthAsValue: true }), { rowPrefix: 'u-4' });
    expect(lengths['u-4']?.['info:plan']).toBe(latin1(Buffer.from([0, 0, 0, WEIRD.length])));
    expect(lengths['u-4']?.['info:name']).toBe(latin1(Buffer.from([0, 0, 0, 4])));
  });

  it('FirstKeyOnlyFilter returns one cell per row, the smallest column', async () => {
    expect(await columns(Filter.firstKeyOnly(), 'u-')).toEqual({
      'u-1': ['data:score'],
      'u-2': ['info:city'],
      'u-3': ['data:score'],
      'u-4': ['info:city'],
      'u-5': ['info:city'],
    });
    expect(await scan(Filter.firstKeyOnly().and(Filter.keyOnly()), { rowPrefix: 'u-1' })).toEqual({
      'u-1': { 'data:score': '' },
    });
  });

  it('TimestampsFilter keeps the versions written at the given timestamps', async () => {
    expect(await scan(Filter.timestamps([200]), { rowPrefix: 't-' })).toEqual({
      't-1': { 'info:v': 'v200' },
    });
    expect(await scan(Filter.timestamps([100, 300]), { rowPrefix: 't-' })).toEqual({
      't-1': { 'info:v': 'v300' },
    });
    expect(await scan(Filter.timestamps([150n, 100]), { rowPrefix: 't-' })).toEqual({
      't-1': { 'info:v': 'v100' },
      't-2': { 'info:v': 'v150' },
    });
  });
});

describe('operators', () => {
  const isPro = Filter.singleColumnValue('info', 'plan', '=', pro(), { filterIfMissing: true }); // u-1 u-5
  const inParis = Filter.singleColumnValue('info', 'city', '=', Filter.binary('paris'), {
    filterIfMissing: true,
  }); // u-1 u-2
  const isBob = Filter.singleColumnValue('info', 'name', '=', Filter.binary('bob'), {
    filterIfMissing: true,
  }); // u-2

  it('the example of the API docs', async () => {
    expect(await keys(Filter.prefix('u-').and(isPro))).toEqual(['u-1', 'u-5']);
  });

  it('AND and OR group as built, never by precedence', async () => {
    expect(await keys(Filter.or(isPro, Filter.and(inParis, isBob)), { rowPrefix: 'u-' })).toEqual([
      'u-1',
      'u-2',
      'u-5',
    ]);
    expect(await keys(Filter.and(Filter.or(isPro, inParis), isBob), { rowPrefix: 'u-' })).toEqual(['u-2']);
    expect(await keys(isPro.and(inParis).or(isBob), { rowPrefix: 'u-' })).toEqual(['u-1', 'u-2']);
    expect(await keys(isPro.or(inParis).or(isBob), { rowPrefix: 'u-' })).toEqual(['u-1', 'u-2', 'u-5']);
    expect(await keys(isPro.and(inParis, isBob), { rowPrefix: 'u-' })).toEqual([]);
  });

  it('SKIP drops a row as soon as its filter drops one of its cells', async () => {
    const notZero = Filter.value('!=', Filter.binary('0'));
    expect(await scan(notZero, { rowPrefix: 's-' })).toEqual({
      's-1': { 'info:a': '1', 'info:b': '1' },
      's-2': { 'info:a': '1' },
    });
    expect(await scan(Filter.skip(notZero), { rowPrefix: 's-' })).toEqual({
      's-1': { 'info:a': '1', 'info:b': '1' },
    });
  });

  it('WHILE ends the scan at the first row its filter drops', async () => {
    const notStop = Filter.value('!=', Filter.binary('stop'));
    expect(await keys(notStop, { rowPrefix: 'w-' })).toEqual(['w-1', 'w-2', 'w-4']);
    expect(await keys(Filter.while(notStop), { rowPrefix: 'w-' })).toEqual(['w-1', 'w-2']);
  });

  it('unary operators combine with lists, in both directions', async () => {
    const notZero = Filter.value('!=', Filter.binary('0'));
    expect(await keys(Filter.skip(notZero).or(Filter.prefix('s-3')), { rowPrefix: 's-' })).toEqual([
      's-1',
      's-3',
    ]);
    expect(
      await keys(Filter.skip(Filter.or(notZero, Filter.qualifier('=', Filter.binary('b')))), {
        rowPrefix: 's-',
      }),
    ).toEqual(['s-1', 's-2']);
  });
});

describe("the gateway's parser", () => {
  it('fails a whole scan on a filter string it cannot read, with no detail', async () => {
    await expect(scan(Filter.raw('NoSuchFilter()'))).rejects.toBeInstanceOf(ThriftApplicationError);
    await expect(scan(Filter.raw("ValueFilter(<, 'regexstring:a')"))).rejects.toBeInstanceOf(
      ThriftApplicationError,
    );
  });

  it('mishandles a group that mixes operators loosest first, which the builder never writes', async () => {
    const mixed = "(PrefixFilter('u-1') OR PrefixFilter('u-2') AND KeyOnlyFilter())";
    await expect(scan(Filter.raw(mixed))).rejects.toBeInstanceOf(ThriftApplicationError);
    // The same meaning, as the builder writes it:
    const built = Filter.or(Filter.prefix('u-1'), Filter.prefix('u-2').and(Filter.keyOnly()));
    expect(built.toString()).toBe("PrefixFilter('u-1') OR (PrefixFilter('u-2') AND KeyOnlyFilter())");
    const rows = await scan(built);
    expect(Object.keys(rows)).toEqual(['u-1', 'u-2']);
    expect(rows['u-1']?.['info:name']).toBe('alice');
    expect(rows['u-2']?.['info:name']).toBe('');
  });
});
