// Issue 13, items 20-23, against the real HBase in both decorator modes: Java Bytes encodings
// (BigDecimal, byte, char) and Jackson-style JSON longs, delimited text keys written by other
// tools, row/entity conversion for ETL, lenient reads, and per-call timestamp/versions reads.
// The Java byte vectors follow Bytes.toBytes(BigDecimal) (putInt(scale) + BigInteger.toByteArray())
// and were checked once against hbase-common 2.6.1's Bytes (see the unit suite java-extras).
import 'reflect-metadata';
import {
  bigDecimal,
  CodecError,
  Column,
  Connection,
  char16,
  type DecodeFailure,
  decimalString,
  Entity,
  fromRow,
  InvalidArgumentError,
  int8,
  int32,
  jsonBigInt,
  Repository,
  RowKey,
  RowKeyFields,
  syncSchema,
  type Table,
  toRow,
  utf8,
  Versions,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`javaetl_${process.env.DECORATORS ?? 'standard'}`);

interface Ledger {
  id: bigint | number;
  entries: Array<bigint | number>;
}

@Entity({ table: 'accounts', families: { a: { maxVersions: 1 }, h: { maxVersions: 5 } } })
class Account {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'a', codec: bigDecimal }) balance?: string | null;
  @Column({ family: 'a', codec: int8 }) level?: number;
  @Column({ family: 'a', codec: char16 }) grade?: string;
  @Column({ family: 'a', codec: jsonBigInt<Ledger>() }) ledger?: Ledger;
  @Column({ family: 'a', codec: int32 }) visits?: number;
  @Versions({ family: 'h', qualifier: 'plan', codec: utf8 }) plans?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

@Entity({ table: 'regions', families: { r: {} }, keyDelimiter: '#' })
class Region {
  declare [RowKeyFields]?: ['country', 'id'];
  @RowKey({ part: 0, codec: utf8 }) country!: string;
  @RowKey({ part: 1, codec: decimalString }) id!: number;
  @Column({ family: 'r', codec: utf8 }) name?: string;
}

let connection: Connection;
let accounts: Repository<Account>;
let regions: Repository<Region>;
let accountTable: Table;
let regionTable: Table;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Account, Region]);
  accounts = new Repository(Account, connection);
  regions = new Repository(Region, connection);
  accountTable = connection.table('accounts');
  regionTable = connection.table('regions');
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

const account = (fields: Partial<Account>) => Object.assign(new Account(), fields);
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('Java Bytes encodings through HBase (item 20)', () => {
  it('reads cells written as Java writes BigDecimal, byte and char, and Jackson writes longs', async () => {
    await accountTable.put('java-1', {
      'a:balance': hex('00000002 04e2'), // Bytes.toBytes(new BigDecimal("12.50"))
      'a:level': hex('ff'), // (byte) -1
      'a:grade': hex('20ac'), // ByteBuffer.putChar('€')
      'a:ledger': Buffer.from('{"id":9223372036854775807,"entries":[1,-9223372036854775808]}'),
    });
    await accountTable.put('java-2', { 'a:balance': hex('fffffffe 0c') }); // new BigDecimal("1.2E+3")
    await accountTable.put('java-3', { 'a:balance': hex('00000000 ff7fffffffffffffff') }); // -2^63 - 1
    const [one, two, three] = await accounts.findMany(['java-1', 'java-2', 'java-3']);
    expect(one).toMatchObject({
      balance: '12.50',
      level: -1,
      grade: '€',
      ledger: { id: 9223372036854775807n, entries: [1, -9223372036854775808n] },
    });
    expect(two?.balance).toBe('1.2E+3');
    expect(three?.balance).toBe('-9223372036854775809');
  });

  it('writes the bytes Java reads back', async () => {
    await accounts.save(
      account({
        id: 'js-1',
        balance: '-0.001',
        level: -128,
        grade: 'A',
        ledger: { id: 2n ** 63n - 1n, entries: [2n ** 64n] },
      }),
    );
    const row = await accountTable.row('js-1');
    expect(row['a:balance']?.toString('hex')).toBe('00000003ff'); // scale 3, unscaled -1
    expect(row['a:level']?.toString('hex')).toBe('80');
    expect(row['a:grade']?.toString('hex')).toBe('0041');
    expect(row['a:ledger']?.toString()).toBe('{"id":9223372036854775807,"entries":[18446744073709551616]}');
  });
});

describe('delimited keys written by other tools (item 21)', () => {
  beforeAll(async () => {
    for (const key of ['IND#1', 'IND#10', 'IND#2', 'INDX#1', 'USA#1']) {
      await regionTable.put(key, { 'r:name': `name of ${key}` });
    }
  });

  it('reads and scans "IND#1" keys as typed parts, in text order', async () => {
    expect(await regions.findOne({ country: 'IND', id: 10 })).toMatchObject({
      country: 'IND',
      id: 10,
      name: 'name of IND#10',
    });
    const ind = await regions.scan({ prefix: { country: 'IND' } }).toArray();
    // Whole-part prefix: INDX#1 is not in it; the order is the keys' text order, not numeric.
    expect(ind.map((r) => r.id)).toEqual([1, 10, 2]);
    expect(await regions.count({ start: { country: 'IND', id: 2 }, stop: { country: 'USA', id: 1 } })).toBe(
      2,
    );
  });

  it('writes keys as the other tools do, and rejects a part containing the separator before sending', async () => {
    await regions.save(Object.assign(new Region(), { country: 'FRA', id: 7, name: 'Paris' }));
    expect((await regionTable.row('FRA#7'))['r:name']?.toString()).toBe('Paris');
    let error: unknown;
    try {
      await regions.save(Object.assign(new Region(), { country: 'F#RA', id: 8, name: 'x' }));
    } catch (e) {
      error = e;
    }
    // Bad input to save(): an InvalidArgumentError naming the entity, the codec's error as cause.
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('entity');
    expect((error as Error).cause).toBeInstanceOf(CodecError);
    expect((error as Error).message).toMatch(/part 0 \(utf8\) contains the separator "#"/);
    const all = await regionTable.scan({ rowPrefix: 'F' }).toArray();
    expect(all.map(([key]) => key.toString())).toEqual(['FRA#7']);
  });
});

describe('rows and entities for ETL code (item 22)', () => {
  it('toRow gives exactly what save writes', async () => {
    const entity = account({ id: 'etl-1', balance: '3.14', level: 3, visits: 12, plans: [{ value: 'pro' }] });
    const row = toRow(Account, entity);
    expect(row.key.toString()).toBe('etl-1');
    expect(Object.keys(row.cells).sort()).toEqual(['a:balance', 'a:level', 'a:visits', 'h:plan']);
    expect(row.deletes).toEqual([]);
    await accounts.save(entity);
    const stored = await accountTable.row('etl-1');
    expect(stored).toEqual(row.cells);
    expect(accounts.toRow(entity)).toEqual(row);
    // A null field is a delete, as save sends it.
    expect(toRow(Account, account({ id: 'etl-1', balance: null })).deletes).toEqual(['a:balance']);
  });

  it('a row written with toRow through the raw client reads back as the entity', async () => {
    const row = toRow(Account, account({ id: 'etl-2', grade: 'Z', ledger: { id: 1n << 60n, entries: [] } }));
    await accountTable.put(row.key, row.cells);
    expect(await accounts.findOne('etl-2')).toMatchObject({
      grade: 'Z',
      ledger: { id: 1n << 60n, entries: [] },
    });
  });

  it('fromRow maps raw rows from row(), rows() and scan(), timestamps included', async () => {
    const raw = await accountTable.row('etl-1');
    const entity = fromRow(Account, 'etl-1', raw);
    expect(entity).toBeInstanceOf(Account);
    expect(entity).toMatchObject({
      id: 'etl-1',
      balance: '3.14',
      level: 3,
      visits: 12,
      plans: [{ value: 'pro' }],
    });
    const withTimestamps = await accountTable.row('etl-1', { includeTimestamp: true });
    const timed = accounts.fromRow('etl-1', withTimestamps);
    expect(timed.plans?.[0]?.timestamp).toBe(withTimestamps['h:plan']?.timestamp);
    const scanned = await accountTable.scan({ rowPrefix: 'etl-' }).toArray();
    expect(scanned.map(([key, data]) => fromRow(Account, key, data).id)).toEqual(['etl-1', 'etl-2']);
    expect(() => fromRow(Account, '', raw)).toThrow(InvalidArgumentError);
    expect(() => fromRow(Account, 'k', { 'a:level': 'x' as never })).toThrow(/row\["a:level"\]/);
  });
});

describe('lenient reads (item 22)', () => {
  beforeAll(async () => {
    await accountTable.put('bad-1', {
      'a:level': hex('0102'),
      'a:visits': hex('00000005'),
      'a:balance': hex('00'),
    });
    await accountTable.put('bad-2', { 'a:grade': hex('41'), 'a:visits': hex('00000006') });
  });

  it('fails the read by default, naming the codec', async () => {
    await expect(accounts.findOne('bad-1')).rejects.toThrow(CodecError);
    await expect(accounts.scan({ prefix: Buffer.from('bad-') }).toArray()).rejects.toThrow(CodecError);
  });

  it('with onDecodeError, leaves bad fields undefined and reports each one', async () => {
    const failures: DecodeFailure[] = [];
    const onDecodeError = (failure: DecodeFailure) => failures.push(failure);
    const one = await accounts.findOne('bad-1', { select: ['level', 'visits', 'balance'], onDecodeError });
    expect(one).toMatchObject({ id: 'bad-1', visits: 5 });
    expect(one?.level).toBeUndefined();
    expect(failures.map((f) => [f.entity, f.key.toString(), f.property, f.column, f.error.codec])).toEqual([
      ['Account', 'bad-1', 'balance', 'a:balance', 'bigDecimal'],
      ['Account', 'bad-1', 'level', 'a:level', 'int8'],
    ]);
    failures.length = 0;
    const scanned = await accounts.scan({ prefix: Buffer.from('bad-'), onDecodeError }).toArray();
    expect(scanned.map((a) => a.visits)).toEqual([5, 6]);
    expect(failures.map((f) => f.property).sort()).toEqual(['balance', 'grade', 'level']);
    failures.length = 0;
    const page = await accounts.page({ prefix: Buffer.from('bad-'), size: 1, onDecodeError });
    expect(page.items[0]?.visits).toBe(5);
    expect(failures).toHaveLength(2);
    expect((await accounts.findMany(['bad-2'], { onDecodeError }))[0]?.grade).toBeUndefined();
  });

  it('rejects an invalid onDecodeError before reading', async () => {
    await expect(accounts.findOne('bad-1', { onDecodeError: 'skip' as never })).rejects.toThrow(
      expect.objectContaining({ argument: 'options.onDecodeError' }),
    );
    expect(() => accounts.scan({ onDecodeError: 5 as never })).toThrow(InvalidArgumentError);
  });
});

describe('scan, page and count read only own options (issue 13 item 12)', () => {
  /** Runs `fn` with `values` on Object.prototype (prototype pollution), removed afterwards. */
  async function polluted<T>(values: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    const proto = Object.prototype as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) proto[key] = value;
    try {
      return await fn();
    } finally {
      for (const key of Object.keys(values)) delete proto[key];
    }
  }

  it('an inherited onDecodeError does not make a scan or a page lenient', async () => {
    const failures: unknown[] = [];
    const onDecodeError = (failure: unknown) => failures.push(failure);
    await polluted({ onDecodeError }, async () => {
      await expect(accounts.scan({ prefix: Buffer.from('bad-') }).toArray()).rejects.toThrow(CodecError);
      await expect(accounts.page({ prefix: Buffer.from('bad-'), size: 1 })).rejects.toThrow(CodecError);
    });
    expect(failures).toHaveLength(0);
  });

  it('page() takes neither size nor after nor limit from the prototype', async () => {
    await polluted({ size: 1 }, async () => {
      await expect(accounts.page({ prefix: Buffer.from('bad-') } as never)).rejects.toMatchObject({
        argument: 'options.size',
      });
    });
    await polluted({ limit: 3, after: 'not-a-cursor' }, async () => {
      const page = await accounts.page({ prefix: Buffer.from('bad-'), size: 1, select: ['id', 'visits'] });
      expect(page.items.map((a) => a.id)).toEqual(['bad-1']);
    });
  });

  it('an inherited undefined bound is not a bound given as undefined', async () => {
    await polluted({ start: undefined, prefix: undefined }, async () => {
      const found = await accounts.scan({ stop: 'bad-2', select: ['id', 'visits'] }).toArray();
      expect(found.map((a) => a.id)).toContain('bad-1');
    });
  });

  it('count() refuses onDecodeError, select and batchSize, which it would ignore', async () => {
    for (const option of [{ onDecodeError: 'throw' }, { select: ['id'] }, { batchSize: 10 }]) {
      const name = Object.keys(option)[0];
      await expect(accounts.count(option as never)).rejects.toMatchObject({ argument: `options.${name}` });
    }
    expect(await accounts.count({ prefix: Buffer.from('bad-') })).toBe(2);
  });
});

describe('per-call timestamp and versions (item 23)', () => {
  beforeAll(async () => {
    for (const [timestamp, plan] of [
      [1000, 'free'],
      [2000, 'pro'],
      [3000, 'team'],
      [4000, 'enterprise'],
    ] as const) {
      await accountTable.put(
        'time-1',
        { 'h:plan': plan, 'a:visits': int32.encode(timestamp / 1000) },
        { timestamp },
      );
    }
    await accountTable.put('time-2', { 'a:visits': int32.encode(9) }, { timestamp: 5000 });
  });

  it('reads rows as they were before a timestamp (exclusive), in finds and scans', async () => {
    expect((await accounts.findOne('time-1'))?.visits).toBe(4);
    const before = await accounts.findOne('time-1', { timestamp: 3000 });
    expect(before?.visits).toBe(2);
    expect(before?.plans?.map((p) => p.value)).toEqual(['pro', 'free']);
    expect(await accounts.findOne('time-1', { timestamp: 1000 })).toBeUndefined();
    expect(
      (await accounts.findMany(['time-1', 'time-2'], { timestamp: 2001n })).map((a) => a.visits),
    ).toEqual([2]);
    const scanned = await accounts.scan({ prefix: Buffer.from('time-'), timestamp: 4500 }).toArray();
    expect(scanned.map((a) => [a.id, a.visits, a.plans?.[0]?.value])).toEqual([['time-1', 4, 'enterprise']]);
    expect(
      (await accounts.page({ prefix: Buffer.from('time-'), size: 5, timestamp: 6000 })).items,
    ).toHaveLength(2);
    expect(await accounts.count({ prefix: Buffer.from('time-'), timestamp: 4500 })).toBe(1);
  });

  it('reads as many versions as asked', async () => {
    const two = await accounts.findOne('time-1', { versions: 2 });
    expect(two?.plans).toEqual([
      { value: 'enterprise', timestamp: 4000 },
      { value: 'team', timestamp: 3000 },
    ]);
    const older = await accounts.findOne('time-1', { versions: 1, timestamp: 3000 });
    expect(older?.plans).toEqual([{ value: 'pro', timestamp: 2000 }]);
  });

  it('rejects invalid values before sending', async () => {
    await expect(accounts.findOne('time-1', { versions: 0 })).rejects.toThrow(
      expect.objectContaining({ argument: 'options.versions' }),
    );
    await expect(accounts.findMany(['time-1'], { timestamp: -1 })).rejects.toThrow(
      expect.objectContaining({ argument: 'options.timestamp' }),
    );
    expect(() => accounts.scan({ timestamp: 1.5 })).toThrow(
      expect.objectContaining({ argument: 'options.timestamp' }),
    );
  });
});
