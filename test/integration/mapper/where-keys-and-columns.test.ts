// The `where` option against the real HBase (both gateway APIs), where its effect is server-side:
// the last part of a `keyDelimiter` key compared whole (not as a prefix), a count with a `filter`
// of its own, a select of a whole family (a column map, a value object in it) beside a where on
// a cell of that family, where on embedded value objects, a scan `prefix` fixing key parts for a
// where on a later one, and a where no key can meet (nothing read).
import 'reflect-metadata';
import {
  and,
  between,
  Column,
  ColumnMap,
  Connection,
  Embedded,
  Entity,
  exists,
  Filter,
  gte,
  inList,
  missing,
  ne,
  not,
  Repository,
  RowKey,
  sortableInt32,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`wherekc-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'coded', families: { d: {} }, keyDelimiter: '#' })
class Coded {
  @RowKey({ part: 0, codec: utf8 }) country!: string;
  @RowKey({ part: 1, codec: utf8 }) id!: string;
  @Column({ family: 'd', codec: utf8 }) v?: string;
}

class GeoPoint {
  @Column({ family: 'a', codec: sortableInt32 }) lat?: number;
}

class Address {
  @Column({ family: 'a', codec: utf8 }) city?: string;
  @Column({ family: 'a', codec: sortableInt32 }) zip?: number;
  @Embedded(() => GeoPoint, { prefix: 'geo_' }) geo?: GeoPoint;
}

@Entity({ table: 'customers', families: { a: {}, f: {} } })
class Customer {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'f', codec: utf8 }) plan?: string;
  @Column({ family: 'f', codec: utf8 }) other?: string;
  @ColumnMap({ family: 'f', prefix: 'tag_', codec: utf8 }) tags?: Map<string, string>;
  @Embedded(() => Address, { prefix: 'home_' }) home?: Address;
  @Embedded(() => Address, { family: 'f', prefix: 'work_' }) work?: Address;
}

let admin: Connection;
let coded: Repository<Coded>;
let customers: Repository<Customer>;

const customer = (id: string, fields: Partial<Customer>) => Object.assign(new Customer(), { id, ...fields });
const address = (city: string | undefined, zip?: number, lat?: number) =>
  Object.assign(new Address(), {
    ...(city === undefined ? {} : { city }),
    ...(zip === undefined ? {} : { zip }),
    ...(lat === undefined ? {} : { geo: Object.assign(new GeoPoint(), { lat }) }),
  });

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Coded, Customer]);
  coded = new Repository(Coded, admin);
  customers = new Repository(Customer, admin);
  await coded.save(
    [
      ['FR', 'A'],
      ['FR', 'AB'],
      ['FR', 'B'],
      ['FRA', 'A'],
      ['DE', 'A'],
    ].map(([country, id]) => Object.assign(new Coded(), { country, id, v: `${country}-${id}` })),
  );
  await customers.save([
    customer('c1', {
      plan: 'pro',
      other: 'x',
      tags: new Map([['a', '1']]),
      home: address('Paris', 75001, 48),
      work: address('Lyon'),
    }),
    customer('c2', { plan: 'pro', other: 'y', tags: new Map([['b', '2']]), home: address('Lyon', 69001) }),
    customer('c3', { plan: 'free', home: address('Paris', 75002) }),
    customer('c4', { plan: 'pro', other: 'x' }),
  ]);
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const keys = (items: Coded[]) => items.map((c) => `${c.country}#${c.id}`);
const ids = (items: Array<{ id: string }>) => items.map((c) => c.id);

describe('the last part of a keyDelimiter key compares the whole key', () => {
  it('eq, ne and inList on it match whole ids, not ids starting with them', async () => {
    expect(keys(await coded.scan({ where: { country: 'FR', id: 'A' } }).toArray())).toEqual(['FR#A']);
    expect(keys(await coded.scan({ where: { country: 'FR', id: ne('A') } }).toArray())).toEqual([
      'FR#AB',
      'FR#B',
    ]);
    expect(
      keys(await coded.scan({ where: { country: 'FR', id: inList(['A', 'B']) }, reverse: true }).toArray()),
    ).toEqual(['FR#B', 'FR#A']);
    expect(await coded.count({ where: { country: 'FR', id: 'A' } })).toBe(1);
    expect(keys(await coded.scan({ where: and({ country: 'FR' }, not({ id: 'A' })) }).toArray())).toEqual([
      'FR#AB',
      'FR#B',
    ]);
  });

  it('a scan prefix fixes the leading parts for a where on a later part', async () => {
    expect(keys(await coded.scan({ prefix: { country: 'FR' }, where: { id: 'A' } }).toArray())).toEqual([
      'FR#A',
    ]);
    expect(await customers.count({ prefix: 'c', where: { plan: 'pro' } })).toBe(3);
  });
});

describe('count with a filter of its own', () => {
  it('reads whole rows: the user filter sees its cells', async () => {
    const filter = Filter.singleColumnValue('f', 'other', '=', Filter.binary('x'), { filterIfMissing: true });
    expect(await customers.count({ filter, where: { plan: 'pro' } })).toBe(2);
    expect(ids(await customers.scan({ filter, where: { plan: 'pro' } }).toArray())).toEqual(['c1', 'c4']);
  });
});

describe('select of a whole family beside a where on a cell of it', () => {
  it('a column map keeps its whole family', async () => {
    const found = await customers.scan({ select: ['tags'], where: { plan: 'pro' } }).toArray();
    expect(ids(found as Customer[])).toEqual(['c1', 'c2', 'c4']);
    expect(found.map((c) => Object.fromEntries(c.tags ?? new Map()))).toEqual([{ a: '1' }, { b: '2' }, {}]);
  });

  it('a column map and a value object in the same family', async () => {
    const found = await customers.scan({ select: ['tags', 'work'], where: { plan: 'pro' } }).toArray();
    expect(found[0]!.tags).toEqual(new Map([['a', '1']]));
    expect(found[0]!.work?.city).toBe('Lyon');
  });
});

describe('where on embedded value objects', () => {
  it('conditions on their fields, nested value objects included', async () => {
    expect(ids(await customers.scan({ where: { home: { city: 'Paris' } } }).toArray())).toEqual(['c1', 'c3']);
    expect(
      ids(await customers.scan({ where: { home: { city: 'Paris', zip: gte(75002) } } }).toArray()),
    ).toEqual(['c3']);
    expect(
      ids(await customers.scan({ where: { home: { geo: { lat: between(40, 50) } } } }).toArray()),
    ).toEqual(['c1']);
    expect(await customers.count({ where: { work: { city: 'Lyon' } } })).toBe(1);
    // Tested, not selected: not returned.
    const picked = await customers.scan({ select: ['plan'], where: { home: { city: 'Lyon' } } }).toArray();
    expect(picked.map((c) => ({ ...c }))).toEqual([{ id: 'c2', plan: 'pro' }]);
  });

  it('exists() and missing() on a whole value object: any or none of its columns', async () => {
    expect(ids(await customers.scan({ where: { home: exists() } }).toArray())).toEqual(['c1', 'c2', 'c3']);
    expect(ids(await customers.scan({ where: { home: missing() } }).toArray())).toEqual(['c4']);
    expect(ids(await customers.scan({ where: { work: exists() }, reverse: true }).toArray())).toEqual(['c1']);
    expect(await customers.count({ where: { work: missing() } })).toBe(3);
  });
});

describe('a where no key can meet', () => {
  it('finds nothing, in every read', async () => {
    const where = { id: between('d', 'b') };
    expect(await customers.scan({ where }).toArray()).toEqual([]);
    expect(await customers.scan({ where, reverse: true }).toArray()).toEqual([]);
    expect(await customers.count({ where })).toBe(0);
    expect(await customers.page({ where, size: 2 })).toEqual({ items: [] });
    expect(await customers.findFirst({ where })).toBeUndefined();
  });
});
