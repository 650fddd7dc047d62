// Strings that UTF-8 cannot encode (unpaired UTF-16 surrogates) must round-trip or be refused:
// Node would silently write U+FFFD for them. Keys, values and every other string are refused with
// an InvalidArgumentError naming the argument; column names keep their lossless escape of
// non-UTF-8 bytes (U+DC80–U+DCFF), since they come back from reads as such strings.
import { type Connection, InvalidArgumentError, type Table } from '../../src';
import { closeScratch, openScratchTable, uniquePrefix } from '../support/gateway';
import { rejection as invalidArgument } from '../support/rejection';

describe('unpaired surrogates in strings', () => {
  const prefix = uniquePrefix('surrogates');
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    ({ connection, table } = await openScratchTable(prefix));
  });

  afterAll(() => closeScratch(connection));

  async function rowKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const [key] of table.scan()) keys.push(key.toString('hex'));
    return keys;
  }

  async function rejection(promise: Promise<unknown>): Promise<InvalidArgumentError> {
    const error = await invalidArgument(promise);
    expect(error.message).toMatch(/unpaired surrogate/);
    return error;
  }

  it.each([
    ['a high surrogate', 'k\uD800'],
    ['a low surrogate of the escape range', 'k\uDC80'],
    ['a low surrogate of the escape range at the end', 'k\uDCFF'],
    ['a low surrogate outside the escape range', 'k\uDC00'],
    ['two surrogates in the wrong order', 'k\uDC00\uD800'],
  ])('a row key with %s is refused, and nothing is written', async (_, key) => {
    expect((await rejection(table.put(key, { 'cf:a': 'v' }))).argument).toBe('row');
    expect((await rejection(table.row(key))).argument).toBe('row');
    expect((await rejection(table.rows(['ok', key]))).argument).toBe('rows[1]');
    expect((await rejection(table.delete(key))).argument).toBe('row');
    expect((await rejection(table.counterInc(key, 'cf:n'))).argument).toBe('row');
    const batch = table.batch();
    expect((await rejection(batch.put(key, { 'cf:a': 'v' }))).argument).toBe('row');
    await batch.send();
    expect(await rowKeys()).toEqual([]);
  });

  it('a value with an unpaired surrogate is refused, naming the cell', async () => {
    const error = await rejection(table.put('k', { 'cf:a': 'v\uDC80' }));
    expect(error.argument).toBe('data["cf:a"]');
    await rejection(table.put('k', { 'cf:a': 'v\uD83D' }));
    await rejection(table.append('k', { 'cf:a': '\uDCFF' }));
    await rejection(
      table.checkAndPut('k', { column: 'cf:a', value: null }, { column: 'cf:a', value: '\uD800' }),
    );
    expect(await rowKeys()).toEqual([]);
  });

  it('scan bounds and prefixes with an unpaired surrogate are refused', async () => {
    expect(() => table.scan({ rowPrefix: 'a\uD800' })).toThrow(InvalidArgumentError);
    expect(() => table.scan({ rowStart: '\uDC80' })).toThrow(/options\.rowStart.*unpaired surrogate/);
  });

  it('well-formed text, astral characters included, round-trips in keys, values and columns', async () => {
    const key = 'clé-😀-\uFFFD';
    await table.put(key, { 'cf:名前-😀': 'valeur-🌍' });
    const row = await table.row(key);
    expect(Object.keys(row)).toEqual(['cf:名前-😀']);
    expect(row['cf:名前-😀']!.toString('utf8')).toBe('valeur-🌍');
    expect(await rowKeys()).toEqual([Buffer.from(key, 'utf8').toString('hex')]);
    await table.delete(key);
  });

  it('column names keep the escape of non-UTF-8 bytes, and round-trip', async () => {
    await table.put('escaped', { 'cf:q\uDC80\uDCFF': 'v' });
    // The qualifier holds the raw bytes 0x80 0xff, and reads back as the same string.
    const [[, cells]] = await table
      .rows(['escaped'])
      .then((rows) => rows.map(([k, d]) => [k, Object.keys(d)] as const));
    expect(cells).toEqual(['cf:q\uDC80\uDCFF']);
    const raw = await table.row('escaped', { columns: [Buffer.from([0x63, 0x66, 0x3a, 0x71, 0x80, 0xff])] });
    expect(Object.keys(raw)).toEqual(['cf:q\uDC80\uDCFF']);
    await table.delete('escaped');
  });

  it('a column name with a surrogate outside the escape is refused', async () => {
    const error = await rejection(table.put('k', { 'cf:\uD800': 'v' }));
    expect(error.argument).toMatch(/^data column/);
    await rejection(table.row('k', { columns: ['cf:\uDC00'] }));
    expect(await rowKeys()).toEqual([]);
  });
});
