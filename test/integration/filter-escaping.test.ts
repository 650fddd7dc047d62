// User input placed in a regex or a hand-written filter string is a pattern or filter code, and
// can widen what a scan returns. Filter.escapeRegex and Filter.quote make it a literal again; the
// real gateway (HBase's ParseFilter and RegexStringComparator, java.util.regex) is the judge.
import { Connection, Filter, type Table } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('filter_escaping');
let connection: Connection;
let table: Table;

/** Row keys with every Java regex metacharacter, and keys they would match as patterns. */
const KEYS = [
  'a.b',
  'axb',
  'a*b',
  'aab',
  'p(1)',
  'p1',
  'q[x]',
  'qx',
  'r\\d',
  'r1',
  's{2}',
  'ss',
  'u+v|w?$^',
  'w',
  "it's",
  'its',
  '\\Q\\E.',
  'é.ü',
  'éxü',
];

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  table = await connection.createTable('f', { cf: {} });
  await table.batch({}, async (b) => {
    for (const key of KEYS) await b.put(key, { 'cf:c': key });
  });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

async function keys(filter: Filter | string): Promise<string[]> {
  const found: string[] = [];
  for await (const [key] of table.scan({ filter })) found.push(key.toString('utf8'));
  return found.sort();
}

describe('Filter.escapeRegex', () => {
  it('an unescaped pattern of user input widens the scan (why escaping matters)', async () => {
    expect(await keys(Filter.row('=', Filter.regex('^a.b$')))).toEqual(['a*b', 'a.b', 'aab', 'axb']);
    expect(await keys(Filter.row('=', Filter.regex('.*')))).toHaveLength(KEYS.length);
  });

  it.each(KEYS)('an escaped %s matches that key only', async (key) => {
    const pattern = `^${Filter.escapeRegex(key)}$`;
    expect(await keys(Filter.row('=', Filter.regex(pattern)))).toEqual([key]);
  });

  it('matches a literal anywhere when not anchored', async () => {
    expect(await keys(Filter.value('=', Filter.regex(Filter.escapeRegex('.'))))).toEqual([
      '\\Q\\E.',
      'a.b',
      'é.ü',
    ]);
  });
});

describe('Filter.quote', () => {
  it('input that closes the quote would rewrite a hand-written filter string', async () => {
    const input = "zzz') OR PrefixFilter('";
    // Concatenated, the input turns one prefix filter into "no prefix at all".
    expect(await keys(`PrefixFilter('${input}')`)).toHaveLength(KEYS.length);
  });

  it.each(["zzz') OR PrefixFilter('", "it's", "'", "''", 'a.b'])(
    'quoted, %j is one literal argument',
    async (input) => {
      const expected = KEYS.filter((k) => k.startsWith(input)).sort();
      expect(await keys(`PrefixFilter(${Filter.quote(input)})`)).toEqual(expected);
      expect(await keys(Filter.raw(`PrefixFilter(${Filter.quote(input)})`))).toEqual(expected);
    },
  );
});
