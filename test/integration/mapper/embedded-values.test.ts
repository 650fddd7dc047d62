// @Embedded value objects against the real HBase (both gateway APIs; both decorator modes): round
// trips with several codecs, partial and missing values, select, partial updates, null deletes,
// scans and pages, and the schema sync creating the families value objects use.
import 'reflect-metadata';
import {
  Column,
  Connection,
  date,
  Embedded,
  Entity,
  float64,
  int32,
  json,
  Repository,
  RowKey,
  RowKeyFields,
  schemaDiff,
  syncSchema,
  utf8,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`embedded-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

class Geo {
  @Column({ family: 'addr', codec: float64 }) lat?: number;
  @Column({ family: 'addr', codec: float64 }) lon?: number;
}

class Address {
  @Column({ family: 'addr', codec: utf8 }) street?: string;
  @Column({ family: 'addr', codec: utf8 }) city?: string;
  @Column({ family: 'addr', codec: int32 }) zip?: number;
  @Column({ family: 'addr', codec: date }) since?: Date;
  @Column({ family: 'addr', codec: json<string[]>() }) lines?: string[];
  @Embedded(() => Geo, { prefix: 'geo_' }) geo?: Geo;
}

@Entity({ table: 'customers', families: { info: {}, addr: {}, ship: {} } })
class Customer {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Embedded(() => Address) home?: Address;
  @Embedded(() => Address, { family: 'ship', prefix: 's_' }) shipping?: Address;
}

let admin: Connection;
let customers: Repository<Customer>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Customer]);
  customers = new Repository(Customer, admin);
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const address = (fields: Partial<Address>) => Object.assign(new Address(), fields);
const customer = (fields: Partial<Customer>) => Object.assign(new Customer(), fields);

describe(`@Embedded against HBase (${gatewayApi})`, () => {
  it('the schema sync created the families of the value objects', async () => {
    expect(Object.keys(await (await admin.table('customers')).families()).sort()).toEqual([
      'addr',
      'info',
      'ship',
    ]);
    expect((await schemaDiff(admin, [Customer])).changes).toEqual([]);
  });

  it('round-trips value objects with several codecs, nested ones included', async () => {
    const home = address({
      street: '1 Main St',
      city: 'Paris',
      zip: 75001,
      since: new Date('2020-02-02T00:00:00.000Z'),
      lines: ['bât. B', '3e étage'],
      geo: Object.assign(new Geo(), { lat: 48.8566, lon: 2.3522 }),
    });
    await customers.save(
      customer({ id: 'c1', name: 'Ada', home, shipping: address({ city: 'Lyon', zip: 69001 }) }),
    );
    const found = await customers.findOneOrFail('c1');
    expect(found.home).toBeInstanceOf(Address);
    expect(found.home?.geo).toBeInstanceOf(Geo);
    expect(found.home).toEqual(home);
    expect(found.shipping).toEqual(address({ city: 'Lyon', zip: 69001 }));
    // The cells are where the declaration says, each in its codec's bytes.
    const raw = await customers.raw((table) => table.row('c1'));
    expect(Object.keys(raw).sort()).toEqual([
      'addr:city',
      'addr:geo_lat',
      'addr:geo_lon',
      'addr:lines',
      'addr:since',
      'addr:street',
      'addr:zip',
      'info:name',
      'ship:s_city',
      'ship:s_zip',
    ]);
    expect(raw['addr:zip']).toEqual(int32.encode(75001));
  });

  it('missing and partial value objects: none of its columns leaves it undefined', async () => {
    await customers.save(customer({ id: 'c2', name: 'Bob', home: address({ city: 'Nice' }) }));
    const found = await customers.findOneOrFail('c2');
    expect(found.shipping).toBeUndefined();
    expect(found.home?.city).toBe('Nice');
    expect(found.home?.street).toBeUndefined();
    expect(found.home?.geo).toBeUndefined();
  });

  it('select reads the columns of a value object and nothing else', async () => {
    const [found] = await customers.findMany(['c1'], { select: ['home'] });
    expect(found?.home?.city).toBe('Paris');
    expect(found?.home?.geo?.lat).toBe(48.8566);
    expect((found as Customer).name).toBeUndefined();
    expect((found as Customer).shipping).toBeUndefined();
    const scanned = await customers.scan({ select: ['shipping'], prefix: 'c1' }).toArray();
    expect(scanned.map((c) => [c.shipping?.city, (c as Customer).home])).toEqual([['Lyon', undefined]]);
  });

  it('update writes only the given fields of a value object; null deletes them', async () => {
    await customers.update('c1', { home: { city: 'Marseille', zip: null } as never });
    let found = await customers.findOneOrFail('c1');
    expect(found.home?.city).toBe('Marseille');
    expect(found.home?.zip).toBeUndefined(); // deleted
    expect(found.home?.street).toBe('1 Main St'); // left as it was
    await customers.update('c1', { shipping: null });
    found = await customers.findOneOrFail('c1');
    expect(found.shipping).toBeUndefined();
    expect(found.home?.city).toBe('Marseille');
  });

  it('scans and pages build value objects', async () => {
    const page = await customers.page({ size: 5 });
    expect(page.items.map((c) => [c.id, c.home?.city])).toEqual([
      ['c1', 'Marseille'],
      ['c2', 'Nice'],
    ]);
    expect(page.items[0]?.home).toBeInstanceOf(Address);
  });
});
