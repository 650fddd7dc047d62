// Repositories against the real HBase, in both decorator modes (projects integration and
// integration-legacy compile this file differently).
import 'reflect-metadata';
import {
  Column,
  ColumnMap,
  Connection,
  ConnectionPool,
  Counter,
  date,
  descending,
  Entity,
  EntityNotFoundError,
  float64,
  InvalidArgumentError,
  int32,
  json,
  Repository,
  RowKey,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
  Versions,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`mapper_${process.env.DECORATORS ?? 'standard'}`);

abstract class Audited {
  @Column({ family: 'meta', codec: utf8 }) createdBy?: string;
  @Column({ family: 'meta', codec: date }) createdAt?: Date;
}

@Entity({
  table: 'users',
  families: { info: { maxVersions: 1 }, stats: {}, meta: {}, tags: {}, hist: { maxVersions: 5 } },
})
class User extends Audited {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string | null;
  @Column({ family: 'info', codec: int32 }) age?: number | null;
  @Column({ family: 'info', codec: float64 }) score?: number;
  @Column({ family: 'info', codec: json<{ theme: string }>() }) prefs?: { theme: string };
  @Counter({ family: 'stats' }) logins?: bigint;
  @ColumnMap({ family: 'tags', codec: utf8 }) tags?: Map<string, string> | null;
  @Versions({ family: 'hist', qualifier: 'plan', codec: utf8 }) plans?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

@Entity({ table: 'events', families: { e: {} } })
class Event {
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
  @Column({ family: 'e', codec: utf8 }) kind?: string;
}

const user = (fields: Partial<User>) => Object.assign(new User(), fields);
const event = (userId: string, at: number, kind: string) =>
  Object.assign(new Event(), { userId, at: BigInt(at), kind });

let admin: Connection;
let pool: ConnectionPool;
let users: Repository<User>;
let events: Repository<Event>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  pool = new ConnectionPool({ size: 3, ...gateways.default(), tablePrefix: prefix });
  const report = await syncSchema(admin, [User, Event]);
  expect(report.created.sort()).toEqual(['events', 'users']);
  users = new Repository(User, pool);
  events = new Repository(Event, admin);
});

afterAll(async () => {
  await pool.close();
  await dropPrefixedTables(admin);
  await admin.close();
});

describe('schema sync', () => {
  it('creates nothing twice and reports differences without changing anything', async () => {
    @Entity({ table: 'users', families: { info: { maxVersions: 3 }, extra: {} } })
    class UserV2 {
      @RowKey({ codec: utf8 }) id!: string;
    }
    const report = await syncSchema(admin, [UserV2]);
    expect(report.created).toEqual([]);
    expect(report.existing).toEqual(['users']);
    expect(report.differences).toEqual([
      {
        table: 'users',
        family: 'info',
        problem: 'setting differs',
        setting: 'maxVersions',
        expected: 3,
        actual: 1,
      },
      { table: 'users', family: 'extra', problem: 'missing family' },
    ]);
  });
});

describe('repository', () => {
  it('saves and finds an entity with every kind of field', async () => {
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    await users.save(
      user({
        id: 'u1',
        name: 'Ada',
        age: 36,
        score: 9.5,
        prefs: { theme: 'dark' },
        tags: new Map([
          ['lang', 'en'],
          ['team', 'core'],
        ]),
        createdBy: 'admin',
        createdAt,
        plans: [
          { value: 'free', timestamp: 1000 },
          { value: 'pro', timestamp: 2000 },
        ],
      }),
    );
    const found = await users.findOne('u1');
    expect(found).toBeInstanceOf(User);
    expect(found).toMatchObject({
      id: 'u1',
      name: 'Ada',
      age: 36,
      score: 9.5,
      prefs: { theme: 'dark' },
      createdBy: 'admin',
    });
    expect(found?.createdAt?.toISOString()).toBe(createdAt.toISOString());
    expect(found?.tags).toEqual(
      new Map([
        ['lang', 'en'],
        ['team', 'core'],
      ]),
    );
    expect(found?.plans).toEqual([
      { value: 'pro', timestamp: 2000 },
      { value: 'free', timestamp: 1000 },
    ]);
    expect(await users.findOne('nobody')).toBeUndefined();
  });

  it('projections read only the selected fields', async () => {
    const partial = await users.findOne('u1', { select: ['name'] });
    expect(partial).toMatchObject({ id: 'u1', name: 'Ada' });
    expect((partial as User).age).toBeUndefined();
    expect((partial as User).tags).toBeUndefined();
  });

  it('undefined leaves a cell, null deletes it (save and update)', async () => {
    await users.save(user({ id: 'u2', name: 'Bob', age: 40 }));
    await users.save(user({ id: 'u2', age: undefined, name: null }));
    expect(await users.findOne('u2')).toMatchObject({ id: 'u2', age: 40 });
    expect((await users.findOne('u2'))?.name).toBeUndefined();
    await users.update('u2', { age: null, name: 'Robert' });
    const updated = await users.findOne('u2');
    expect(updated?.name).toBe('Robert');
    expect(updated?.age).toBeUndefined();
    await expect(users.update('u2', { id: 'other' })).rejects.toThrow(InvalidArgumentError);
  });

  it('findOneOrFail, findMany and exists', async () => {
    await expect(users.findOneOrFail('nobody')).rejects.toBeInstanceOf(EntityNotFoundError);
    expect((await users.findOneOrFail('u1')).name).toBe('Ada');
    expect((await users.findMany(['u2', 'missing', 'u1'])).map((u) => u.id)).toEqual(['u2', 'u1']);
    expect(await users.findMany([])).toEqual([]);
    expect(await users.exists('u1')).toBe(true);
    expect(await users.exists('missing')).toBe(false);
  });

  it('increments counters; save never writes them', async () => {
    expect(await users.increment('u1', 'logins')).toBe(1n);
    expect(await users.increment('u1', 'logins', 10)).toBe(11n);
    await users.save(user({ id: 'u1', logins: 999n }));
    expect((await users.findOne('u1'))?.logins).toBe(11n);
    await expect(users.increment('u1', 'name' as never)).rejects.toThrow(InvalidArgumentError);
  });

  it('a column map of null deletes the family', async () => {
    await users.save(user({ id: 'u3', name: 'Cy', tags: new Map([['a', '1']]) }));
    await users.save(user({ id: 'u3', tags: null }));
    const found = await users.findOne('u3');
    expect(found?.tags).toBeUndefined();
    expect(found?.name).toBe('Cy');
  });

  it('rejects undefined, null and empty keys and bounds', async () => {
    await expect(users.findOne(undefined as never)).rejects.toThrow(InvalidArgumentError);
    await expect(users.findOne('')).rejects.toThrow(InvalidArgumentError);
    await expect(users.delete(null as never)).rejects.toThrow(InvalidArgumentError);
    expect(() => users.scan({ start: undefined })).toThrow(InvalidArgumentError);
    expect(() => users.scan({ prefix: '' })).toThrow(InvalidArgumentError);
    await expect(events.findOne({ userId: 'u1' })).rejects.toThrow(/events|at/);
  });

  it('deletes by key, entity and many', async () => {
    await users.save([
      user({ id: 'd1', name: 'x' }),
      user({ id: 'd2', name: 'y' }),
      user({ id: 'd3', name: 'z' }),
    ]);
    await users.delete('d1');
    await users.delete(user({ id: 'd2' }));
    expect(await users.exists('d1')).toBe(false);
    expect(await users.exists('d2')).toBe(false);
    await users.delete(['d3']);
    expect(await users.exists('d3')).toBe(false);
  });

  it('returns the pooled connection of a scan however the scan ends', async () => {
    // One connection and a lease timeout: a scan that kept its lease would make the next one fail.
    const single = new ConnectionPool({ size: 1, ...gateways.default(), tablePrefix: prefix });
    const scoped = new Repository(User, single);
    const timeout = { timeout: 2000 };
    try {
      await scoped.save([user({ id: 'p1', name: 'a' }), user({ id: 'p2', name: 'b' })]);
      expect((await scoped.scan({ prefix: 'p' }).toArray()).map((u) => u.id)).toEqual(['p1', 'p2']);
      for await (const found of scoped.scan({ prefix: 'p' })) {
        expect(found.id).toBe('p1');
        break;
      }
      const iterator = scoped.scan({ prefix: 'p' })[Symbol.asyncIterator]();
      await iterator.return?.();
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
      // A row the codecs cannot decode fails the scan, which still gives the connection back.
      await single.connection((c) => c.table('users').put('p3', { 'info:age': 'xyz' }));
      await expect(scoped.scan({ prefix: 'p' }).toArray()).rejects.toThrow(/age|int32|4 bytes/);
      await single.connection(async (c) => expect(await c.table('users').row('p1')).not.toEqual({}), timeout);
    } finally {
      await single.close();
    }
  });

  it('gives the raw table as an escape hatch', async () => {
    const row = await users.raw((table) => table.row('u1', { columns: ['info:name'] }));
    expect(row['info:name']?.toString()).toBe('Ada');
  });
});

describe('composite keys', () => {
  beforeAll(async () => {
    const all = [
      event('alice', 300, 'login'),
      event('alice', 100, 'signup'),
      event('alice', 200, 'purchase'),
      event('bob', 150, 'signup'),
      event('al', 999, 'other'),
    ];
    await events.save(all);
  });

  it('a prefix scan on leading parts returns that user only, newest first', async () => {
    const found = await events.scan({ prefix: { userId: 'alice' } }).toArray();
    expect(found.map((e) => [e.userId, e.at, e.kind])).toEqual([
      ['alice', 300n, 'login'],
      ['alice', 200n, 'purchase'],
      ['alice', 100n, 'signup'],
    ]);
    expect(found[0]).toBeInstanceOf(Event);
  });

  it('range scans and reverse scans follow key order', async () => {
    const range = await events
      .scan({ start: { userId: 'alice', at: 250n }, stop: { userId: 'alice', at: 100n } })
      .toArray();
    expect(range.map((e) => e.at)).toEqual([200n]);
    const reversed = await events.scan({ prefix: { userId: 'alice' }, reverse: true }).toArray();
    expect(reversed.map((e) => e.at)).toEqual([100n, 200n, 300n]);
  });

  it('finds by full composite key, counts and pages', async () => {
    expect((await events.findOne({ userId: 'bob', at: 150n }))?.kind).toBe('signup');
    expect(await events.count()).toBe(5);
    expect(await events.count({ prefix: { userId: 'alice' } })).toBe(3);
    const first = await events.page({ prefix: { userId: 'alice' }, size: 2 });
    expect(first.items.map((e) => e.at)).toEqual([300n, 200n]);
    expect(first.nextCursor).toBeDefined();
    const second = await events.page({ prefix: { userId: 'alice' }, size: 2, after: first.nextCursor });
    expect(second.items.map((e) => e.at)).toEqual([100n]);
    expect(second.nextCursor).toBeUndefined();
  });
});
