// Batched counter increments are summed per cell; a sum beyond a signed 64-bit integer is an
// InvalidArgumentError when it is queued, before anything is sent (so a transaction writes
// nothing, and the puts queued before it are not sent behind the caller's back). Against the
// real HBase.
import type { Connection, Table } from '../../src';
import { closeScratch, openScratchTable, uniquePrefix } from '../support/gateway';
import { rejection } from '../support/rejection';

const prefix = uniquePrefix('batchcounters');
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
let connection: Connection;
let table: Table;

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(prefix));
});

afterAll(() => closeScratch(connection));

describe('batched counters', () => {
  it('a transaction whose counter sum overflows writes nothing', async () => {
    const error = await rejection(
      table.batch({ transaction: true }, async (batch) => {
        await batch.put('tx', { 'cf:name': 'written?' });
        await batch.counterInc('tx', 'cf:n', MAX);
        await batch.counterInc('tx', 'cf:n', 1);
      }),
    );
    expect(error.argument).toBe('value');
    expect(error.message).toMatch(/64-bit/);
    expect(await table.row('tx')).toEqual({});
  });

  it('the overflowing increment is refused when queued; what was queued before is kept', async () => {
    const batch = table.batch();
    await batch.put('kept', { 'cf:name': 'yes' });
    await batch.counterInc('kept', 'cf:n', MAX - 5n);
    expect((await rejection(batch.counterInc('kept', 'cf:n', 6))).argument).toBe('value');
    await batch.counterDec('kept', 'cf:m', MAX);
    expect((await rejection(batch.counterDec('kept', 'cf:m', 2))).argument).toBe('value');
    expect(await table.row('kept')).toEqual({}); // nothing sent yet
    await batch.send();
    expect((await table.row('kept'))['cf:name']?.toString()).toBe('yes');
    expect(await table.counterGet('kept', 'cf:n')).toBe(MAX - 5n);
    expect(await table.counterGet('kept', 'cf:m')).toBe(-MAX);
  });

  it('sums that come back into range on the way are fine; the extremes are reachable', async () => {
    await table.batch({}, async (batch) => {
      await batch.counterInc('edge', 'cf:max', MAX);
      await batch.counterInc('edge', 'cf:min', MIN);
      await batch.counterInc('edge', 'cf:back', MAX);
      await batch.counterInc('edge', 'cf:back', -MAX);
      await batch.counterInc('edge', 'cf:back', 7);
    });
    expect(await table.counterGet('edge', 'cf:max')).toBe(MAX);
    expect(await table.counterGet('edge', 'cf:min')).toBe(MIN);
    expect(await table.counterGet('edge', 'cf:back')).toBe(7n);
  });
});
