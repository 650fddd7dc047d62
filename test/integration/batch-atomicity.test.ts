// What a batch's deletes and puts of one row look like to a reader. On Thrift2 they reach the
// gateway in one mutateRow, which HBase applies atomically: a reader running at the same time never
// sees the row half-written. On both APIs, a row (or family) deleted and then written in one batch
// keeps what was written after the delete. This file addresses both APIs by name, so it runs once
// (not in the integration-thrift2 project).
import { Connection, type Table } from '../../src';
import {
  closeScratch,
  type GatewayOptions,
  openScratchTable,
  thrift1Gateways,
  thrift2Gateways,
  uniquePrefix,
} from '../support/gateway';

/** Rounds of the concurrent writer; the reader reads until the writer is done (or this many times). */
const ROUNDS = 200;
const MAX_READS = 5000;

const text = (row: Record<string, Buffer>) =>
  Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value.toString()]));

describe('on Thrift2, one batch writes a row atomically', () => {
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    ({ connection, table } = await openScratchTable(uniquePrefix('atomic'), thrift2Gateways.default()));
  });

  afterAll(async () => {
    await closeScratch(connection);
  });

  it("sends a row's puts and cell deletes in one call", async () => {
    await table.put('one-call', { 'cf:old': 'x' });
    const calls: string[] = [];
    const call = connection.call.bind(connection);
    const spy = jest.spyOn(connection, 'call').mockImplementation((method, invoke) => {
      calls.push(method);
      return call(method, invoke);
    });
    try {
      await table.batch({}, async (batch) => {
        await batch.put('one-call', { 'cf:new': 'y', 'cf:n': '1' });
        await batch.delete('one-call', { columns: ['cf:old'] });
      });
    } finally {
      spy.mockRestore();
    }
    // gatewayKind() is the batch asking which API it speaks (known: no call goes out for it).
    expect(calls.filter((method) => method !== 'gatewayKind')).toEqual(['mutateRows']);
    expect(text(await table.row('one-call'))).toEqual({ 'cf:n': '1', 'cf:new': 'y' });
  });

  it(`a concurrent reader never sees a half-applied row (${ROUNDS} rounds)`, async () => {
    // Round i writes `cf:n` = i and the cell `cf:q<i>`, and deletes `cf:q<i-1>`, in one batch. A
    // whole round shows as `cf:n` = i with `cf:q<i>` alone; half of one would show two q cells (the
    // puts without the delete) or none (the delete without the puts). A fresh qualifier per round:
    // a delete marker masks later puts of its own cell stamped in the same millisecond.
    const row = 'contended';
    await table.put(row, { 'cf:n': '0', 'cf:q0': '0' });
    const reader = new Connection({
      ...thrift2Gateways.default(),
      tablePrefix: connection.tablePrefix,
    });
    let writing = true;
    const writer = (async () => {
      try {
        for (let i = 1; i <= ROUNDS; i++) {
          await table.batch({}, async (batch) => {
            await batch.put(row, { 'cf:n': String(i), [`cf:q${i}`]: String(i) });
            await batch.delete(row, { columns: [`cf:q${i - 1}`] });
          });
        }
      } finally {
        writing = false;
      }
    })();
    const torn: Array<Record<string, string>> = [];
    let reads = 0;
    const seen = new Set<string>();
    try {
      while (writing && reads < MAX_READS) {
        const cells = text(await reader.table('t').row(row));
        reads++;
        const n = cells['cf:n']!;
        seen.add(n);
        const qualifiers = Object.keys(cells).filter((column) => column.startsWith('cf:q'));
        if (qualifiers.length !== 1 || qualifiers[0] !== `cf:q${n}` || cells[`cf:q${n}`] !== n)
          torn.push(cells);
      }
      await writer;
    } finally {
      await reader.close();
    }
    expect(torn).toEqual([]);
    // The reader did run while the writer wrote: it saw the row at many different rounds.
    expect(seen.size).toBeGreaterThan(10);
    expect(text(await table.row(row))).toEqual({ 'cf:n': String(ROUNDS), [`cf:q${ROUNDS}`]: String(ROUNDS) });
  });
});

describe.each([
  ['Thrift1', thrift1Gateways.default],
  ['Thrift2', thrift2Gateways.default],
] as Array<[string, () => GatewayOptions]>)('on %s, a delete then a write in one batch', (api, gateway) => {
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    const opened = await openScratchTable(uniquePrefix(`del-put-${api}`), gateway());
    connection = opened.connection;
    await connection.createTable('two', { cf: {}, other: {} });
    table = connection.table('two');
  });

  afterAll(async () => {
    await closeScratch(connection);
  });

  // Rounds back to back, so that some fall in the millisecond of the previous write: the delete must
  // still mask only what was there before it.
  it('a whole-row delete then puts of the row keeps the puts (20 rounds)', async () => {
    for (let i = 0; i < 20; i++) {
      const row = `row-${i}`;
      await table.put(row, { 'cf:old': 'x', 'other:old': 'x' });
      await table.batch({}, async (batch) => {
        await batch.delete(row);
        await batch.put(row, { 'cf:new': String(i) });
      });
      expect(text(await table.row(row))).toEqual({ 'cf:new': String(i) });
    }
  });

  it('a family delete then puts in that family and in another keeps the puts (20 rounds)', async () => {
    for (let i = 0; i < 20; i++) {
      const row = `family-${i}`;
      await table.put(row, { 'cf:old': 'x', 'other:old': 'x' });
      await table.batch({}, async (batch) => {
        await batch.delete(row, { columns: ['cf'] });
        await batch.put(row, { 'cf:new': String(i), 'other:new': String(i) });
      });
      expect(text(await table.row(row))).toEqual({
        'cf:new': String(i),
        'other:new': String(i),
        'other:old': 'x',
      });
    }
  });

  it('a family delete of one family and puts in another, in one batch', async () => {
    for (let i = 0; i < 20; i++) {
      const row = `other-${i}`;
      await table.put(row, { 'cf:old': 'x', 'other:old': 'x' });
      await table.batch({}, async (batch) => {
        await batch.delete(row, { columns: ['other'] });
        await batch.put(row, { 'cf:new': String(i) });
      });
      expect(text(await table.row(row))).toEqual({ 'cf:new': String(i), 'cf:old': 'x' });
    }
  });
});
