// The `where` option beside the other scan options, against the real HBase (both gateway APIs):
// select of other fields (the filtered cells are fetched, not returned), filter, prefix and
// bounds, counters, salted keys, findFirst. The operators themselves: where-properties.test.ts.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Counter,
  Entity,
  exists,
  Filter,
  gte,
  inList,
  lt,
  missing,
  NotSupportedError,
  ne,
  not,
  or,
  Repository,
  RowKey,
  salted,
  sortableInt32,
  startsWith,
  syncSchema,
  utf8,
  utf8Key,
  Versions,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`whereopts-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'users', families: { info: {}, stats: {} } })
class User {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info', codec: utf8 }) plan?: string;
  @Column({ family: 'info', codec: sortableInt32 }) age?: number;
  @Column({ family: 'stats', codec: utf8 }) email?: string;
  @Counter({ family: 'stats' }) logins?: bigint;
}

@Entity({ table: 'tickets', families: { t: { maxVersions: 3 } } })
class Ticket {
  @RowKey({ codec: utf8Key }) id!: string;
  @Versions({ family: 't', codec: utf8 }) status?: Array<{ value: string; timestamp?: number }>;
}

@Entity({ table: 'salty', families: { s: {} } })
class Salty {
  @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
  @Column({ family: 's', codec: utf8 }) v?: string;
}

let admin: Connection;
let users: Repository<User>;
let salty: Repository<Salty>;
const user = (id: string, fields: Partial<User>) => Object.assign(new User(), { id, ...fields });

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [User, Salty, Ticket]);
  users = new Repository(User, admin);
  salty = new Repository(Salty, admin);
  await users.save([
    user('u1', { name: 'Ada', plan: 'pro', age: 36, email: 'ada@example.org' }),
    user('u2', { name: 'Bob', plan: 'free', age: 17 }),
    user('u3', { name: 'Cy', plan: 'pro', age: 15, email: 'cy@example.org' }),
    user('u4', { name: 'Di', age: 52 }),
    user('v1', { name: 'Eve', plan: 'pro', age: 40 }),
  ]);
  await users.increment('u1', 'logins', 5);
  await users.increment('u2', 'logins', 2);
  await new Repository(Ticket, admin).save([
    Object.assign(new Ticket(), {
      id: 't1',
      status: [
        { value: 'open', timestamp: 1000 },
        { value: 'new', timestamp: 900 },
      ],
    }),
    Object.assign(new Ticket(), {
      id: 't2',
      status: [
        { value: 'new', timestamp: 1000 },
        { value: 'open', timestamp: 900 },
      ],
    }),
  ]);
  await salty.save(
    ['a', 'b', 'c', 'd', 'e'].map((id) => Object.assign(new Salty(), { id, v: id.toUpperCase() })),
  );
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const ids = (items: Array<{ id: string }>) => items.map((u) => u.id);

it('select of other fields: the filtered cells are fetched for the filter, not returned', async () => {
  const found = await users.scan({ select: ['name'], where: { plan: 'pro', age: gte(18) } }).toArray();
  expect(found.map((u) => ({ ...u }))).toEqual([
    { id: 'u1', name: 'Ada' },
    { id: 'v1', name: 'Eve' },
  ]);
  // A field both selected and filtered is returned.
  const both = await users.scan({ select: ['age'], where: { age: lt(18) } }).toArray();
  expect(both.map((u) => ({ ...u }))).toEqual([
    { id: 'u2', age: 17 },
    { id: 'u3', age: 15 },
  ]);
  // In another family than the selected field.
  const mailed = await users.findFirst({ select: ['name'], where: { email: exists() }, reverse: true });
  expect({ ...mailed }).toEqual({ id: 'u3', name: 'Cy' });
});

it('ANDs with filter, prefix and bounds', async () => {
  expect(ids(await users.scan({ prefix: 'u', where: { plan: 'pro' } }).toArray())).toEqual(['u1', 'u3']);
  expect(ids(await users.scan({ start: 'u2', stop: 'v', where: { plan: ne('free') } }).toArray())).toEqual([
    'u3',
    'u4',
  ]);
  const filter = Filter.singleColumnValue('info', 'name', '!=', Filter.binary('Ada'));
  expect(ids(await users.scan({ filter, where: { plan: 'pro' } }).toArray())).toEqual(['u3', 'v1']);
  expect(await users.count({ prefix: 'u', where: or({ plan: missing() }, { age: lt(16) }) })).toBe(2);
  expect(ids(await users.scan({ where: { id: startsWith('v') } }).toArray())).toEqual(['v1']);
  expect(
    ids(await users.scan({ where: { id: inList(['u4', 'u2', 'zz']) }, reverse: true }).toArray()),
  ).toEqual(['u4', 'u2']);
});

it('counters compare as 8-byte integers; pages and counts carry the where', async () => {
  expect(ids(await users.scan({ where: { logins: 5n } }).toArray())).toEqual(['u1']);
  expect(ids(await users.scan({ where: not({ logins: exists() }) }).toArray())).toEqual(['u3', 'u4', 'v1']);
  const first = await users.page({ size: 1, where: { plan: 'pro' } });
  const second = await users.page({ size: 1, where: { plan: 'pro' }, after: first.nextCursor! });
  expect([...ids(first.items), ...ids(second.items)]).toEqual(['u1', 'u3']);
  expect(await users.count({ where: { plan: 'pro' } })).toBe(3);
  expect(await users.findFirst({ where: { plan: 'gold' } })).toBeUndefined();
});

it('salted keys: equality on the key (every bucket is scanned with the filter)', async () => {
  expect(ids(await salty.scan({ where: { id: inList(['b', 'd']) } }).toArray())).toEqual(['b', 'd']);
  expect(ids(await salty.scan({ where: { id: ne('a'), v: ne('E') } }).toArray())).toEqual(['b', 'c', 'd']);
  expect(await salty.count({ where: { id: 'c' } })).toBe(1);
});

it('a @Versions field is tested by its newest version, also in a scan reading histories', async () => {
  const tickets = new Repository(Ticket, admin);
  // Only t2's newest status is 'new' (t1 had it before 'open').
  expect(ids(await tickets.scan({ where: { status: 'new' } }).toArray())).toEqual(['t2']);
  expect(ids(await tickets.scan({ where: { status: ne('new') } }).toArray())).toEqual(['t1']);
  const withHistories = tickets.scan({ versions: 2, where: { status: 'new' } }).toArray();
  if (gatewayApi === 'thrift1') {
    // Thrift1 scans read the latest versions only.
    await expect(withHistories).rejects.toBeInstanceOf(NotSupportedError);
    return;
  }
  const found = await withHistories;
  expect(found.map((t) => [t.id, t.status?.map((s) => s.value)])).toEqual([['t2', ['new', 'open']]]);
  // Within a time range the newest version is the newest in the range.
  const before = await tickets.scan({ timeRange: { from: 0, to: 950 }, where: { status: 'new' } }).toArray();
  expect(ids(before)).toEqual(['t1']);
});
