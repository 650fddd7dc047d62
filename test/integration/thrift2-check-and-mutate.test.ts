// checkAndMutate on the real Thrift2 gateway: compare operators with the cell on the left, the
// existence checks (value null), atomic puts and deletes, and the arguments refused before sending.
import { type Connection, InvalidArgumentError, type Table } from '../../src';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../support/gateway';
import { rejection } from '../support/rejection';

let connection: Connection;
let table: Table;

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(uniquePrefix('t2-cam'), gateways.thrift2()));
});

afterAll(async () => {
  await closeScratch(connection);
});

describe('table.checkAndMutate (Thrift2)', () => {
  it('applies puts and deletes together when the cell equals the value, and nothing otherwise', async () => {
    await table.put('order', { 'cf:state': 'open', 'cf:cart': 'a,b' });
    const missed = await table.checkAndMutate(
      'order',
      { column: 'cf:state', value: 'closed' },
      { put: { 'cf:state': 'shipped' }, delete: ['cf:cart'] },
    );
    expect(missed).toBe(false);
    expect(await table.row('order')).toEqual({
      'cf:cart': Buffer.from('a,b'),
      'cf:state': Buffer.from('open'),
    });
    const applied = await table.checkAndMutate(
      'order',
      { column: 'cf:state', op: '=', value: 'open' },
      { put: { 'cf:state': 'shipped' }, delete: ['cf:cart'] },
    );
    expect(applied).toBe(true);
    expect(await table.row('order')).toEqual({ 'cf:state': Buffer.from('shipped') });
  });

  it.each([
    ['<', 'm', true],
    ['<', 'a', false],
    ['<=', 'g', true],
    ['<=', 'f', false],
    ['>', 'a', true],
    ['>', 'z', false],
    ['>=', 'g', true],
    ['>=', 'h', false],
    ['!=', 'x', true],
    ['!=', 'g', false],
  ] as const)('reads the cell on the left: cell (g) %s %s is %s', async (op, value, expected) => {
    const row = `cmp-${op}-${value}`;
    await table.put(row, { 'cf:v': 'g' });
    const applied = await table.checkAndMutate(
      row,
      { column: 'cf:v', op, value },
      { put: { 'cf:hit': '1' } },
    );
    expect(applied).toBe(expected);
    expect((await table.row(row))['cf:hit']?.toString()).toBe(expected ? '1' : undefined);
  });

  it("value null checks that the cell does not exist ('=') or that it does ('!=')", async () => {
    expect(
      await table.checkAndMutate('fresh', { column: 'cf:v', value: null }, { put: { 'cf:v': 'first' } }),
    ).toBe(true);
    expect(
      await table.checkAndMutate('fresh', { column: 'cf:v', value: null }, { put: { 'cf:v': 'second' } }),
    ).toBe(false);
    expect(
      await table.checkAndMutate(
        'fresh',
        { column: 'cf:v', op: '!=', value: null },
        { put: { 'cf:w': 'x' } },
      ),
    ).toBe(true);
    expect(
      await table.checkAndMutate(
        'absent',
        { column: 'cf:v', op: '!=', value: null },
        { put: { 'cf:w': 'x' } },
      ),
    ).toBe(false);
    expect(await table.row('fresh')).toEqual({ 'cf:v': Buffer.from('first'), 'cf:w': Buffer.from('x') });
    // Deletes alone: the cell goes when the check holds.
    expect(
      await table.checkAndMutate('fresh', { column: 'cf:v', value: 'first' }, { delete: ['cf:w'] }),
    ).toBe(true);
    expect(await table.row('fresh')).toEqual({ 'cf:v': Buffer.from('first') });
    expect(await table.row('absent')).toEqual({});
  });

  it("counts a cell holding an empty value as absent, as HBase does ('' and null alike)", async () => {
    await table.put('empty', { 'cf:v': '' });
    expect(
      await table.checkAndMutate('empty', { column: 'cf:v', value: null }, { put: { 'cf:seen': 'null' } }),
    ).toBe(true);
    expect(
      await table.checkAndMutate(
        'empty',
        { column: 'cf:v', op: '!=', value: '' },
        { put: { 'cf:seen': 'no' } },
      ),
    ).toBe(false);
    expect((await table.row('empty'))['cf:seen']?.toString()).toBe('null');
  });

  it('deletes a whole family and writes another one in the same atomic mutation', async () => {
    await connection.deleteTable('fam', { disable: true }).catch(() => undefined);
    const two = await connection.createTable('fam', { a: {}, b: {} });
    await two.put('r', { 'a:x': '1', 'a:y': '2', 'b:k': 'old' });
    const applied = await two.checkAndMutate(
      'r',
      { column: 'b:k', value: 'old' },
      { put: { 'b:k': 'new' }, delete: ['a'] },
      { durability: 'syncWal' },
    );
    expect(applied).toBe(true);
    expect(await two.row('r')).toEqual({ 'b:k': Buffer.from('new') });
  });

  it('a concurrent reader never sees the put without the delete, nor the other way round', async () => {
    // The row always holds exactly one cell, cf:<step>; each step moves it to cf:<step + 1>. (A
    // column deleted is never written again: a delete masks later puts of its own millisecond.)
    await table.put('walk', { 'cf:0': 'x' });
    let steps = 0;
    let done = false;
    const writer = (async () => {
      try {
        for (let i = 0; i < 150; i++) {
          const moved = await table.checkAndMutate(
            'walk',
            { column: `cf:${i}`, op: '!=', value: null },
            { put: { [`cf:${i + 1}`]: 'x' }, delete: [`cf:${i}`] },
          );
          if (moved) steps++;
        }
      } finally {
        done = true;
      }
    })();
    const cellCounts = new Set<number>();
    let reads = 0;
    while (!done && reads < 10_000) {
      cellCounts.add(Object.keys(await table.row('walk')).length);
      reads++;
    }
    await writer;
    expect(steps).toBe(150);
    expect(reads).toBeGreaterThan(10);
    expect([...cellCounts]).toEqual([1]);
    expect(Object.keys(await table.row('walk'))).toEqual(['cf:150']);
  });

  it('under contention exactly one of several writers with the same expectation wins', async () => {
    await table.put('contended', { 'cf:version': '0' });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        table.checkAndMutate(
          'contended',
          { column: 'cf:version', value: '0' },
          { put: { 'cf:version': '1', 'cf:writer': String(i) } },
        ),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = outcomes.indexOf(true);
    expect((await table.row('contended'))['cf:writer']?.toString()).toBe(String(winner));
  });

  it('refuses bad arguments with InvalidArgumentError before anything is sent', async () => {
    const cases: Array<[() => Promise<unknown>, string]> = [
      [
        () => table.checkAndMutate('r', { column: 'cf', value: 'x' }, { put: { 'cf:a': '1' } }),
        'check.column',
      ],
      [
        () =>
          table.checkAndMutate(
            'r',
            { column: 'cf:a', op: '~' as never, value: 'x' },
            { put: { 'cf:a': '1' } },
          ),
        'check.op',
      ],
      [
        () => table.checkAndMutate('r', { column: 'cf:a', op: '<', value: null }, { put: { 'cf:a': '1' } }),
        'check.op',
      ],
      [() => table.checkAndMutate('r', { column: 'cf:a' } as never, { put: { 'cf:a': '1' } }), 'check.value'],
      [() => table.checkAndMutate('r', { column: 'cf:a', value: 'x' }, {}), 'mutations'],
      [
        () =>
          table.checkAndMutate(
            'r',
            { column: 'cf:a', value: 'x' },
            { put: { 'cf:a': '1' }, delete: ['cf:a'] },
          ),
        'mutations.delete[0]',
      ],
      [
        () =>
          table.checkAndMutate('r', { column: 'cf:a', value: 'x' }, { put: { 'cf:a': '1' }, delete: ['cf'] }),
        'mutations.delete[0]',
      ],
      [
        () =>
          table.checkAndMutate(
            'r',
            { column: 'cf:a', value: 'x' },
            { put: { 'cf:a': '1' } },
            {
              durability: 'sometimes' as never,
            },
          ),
        'options.durability',
      ],
    ];
    for (const [call, argument] of cases) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.argument).toBe(argument);
    }
  });
});
