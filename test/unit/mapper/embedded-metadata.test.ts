// @Embedded value objects: their metadata (the flattened columns a typed `where` can use), the
// declaration errors, and toRow/fromRow. Runs in both decorator modes (jest projects `unit` and
// `unit-legacy`).
import 'reflect-metadata';
import {
  Column,
  Counter,
  date,
  defineEmbeddable,
  defineEntity,
  Embedded,
  Entity,
  float64,
  fromRow,
  InvalidArgumentError,
  int32,
  json,
  MetadataError,
  RowKey,
  toRow,
  utf8,
  validateEntity,
} from '../../../src';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';

const legacy = process.env.DECORATORS === 'legacy';

class Geo {
  @Column({ family: 'addr', codec: float64 }) lat?: number;
  @Column({ family: 'addr', codec: float64 }) lon?: number;
}

class Address {
  @Column({ family: 'addr', codec: utf8 }) street?: string;
  @Column({ family: 'addr', qualifier: 'town', codec: utf8 }) city?: string;
  @Column({ family: 'addr', codec: int32 }) zip?: number;
  @Embedded(() => Geo, { prefix: 'geo_' }) geo?: Geo;
}

@Entity({ table: 'customers', families: { info: {}, addr: {}, bill: {} } })
class Customer {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Embedded(() => Address) home?: Address;
  @Embedded(() => Address, { prefix: 'work_' }) work?: Address;
  @Embedded(() => Address, { family: 'bill' }) billing?: Address;
}

function metadataError(entity: Function): MetadataError {
  try {
    validateEntity(entity as never);
  } catch (error) {
    expect(error).toBeInstanceOf(MetadataError);
    return error as MetadataError;
  }
  throw new Error('expected a MetadataError');
}

describe(`@Embedded (${legacy ? 'experimentalDecorators' : 'standard decorators'})`, () => {
  it('flattens every column of the value objects, with path, family, prefix and codec', () => {
    const meta = entityMetadata(Customer);
    expect(meta.embedded.map((e) => e.property)).toEqual(['home', 'work', 'billing']);
    const columns = meta.embeddedColumns.map((c) => [c.property, c.columnName, c.codec.name]);
    expect(columns).toEqual([
      ['home.street', 'addr:street', utf8.name],
      ['home.city', 'addr:town', utf8.name],
      ['home.zip', 'addr:zip', int32.name],
      ['home.geo.lat', 'addr:geo_lat', float64.name],
      ['home.geo.lon', 'addr:geo_lon', float64.name],
      ['work.street', 'addr:work_street', utf8.name],
      ['work.city', 'addr:work_town', utf8.name],
      ['work.zip', 'addr:work_zip', int32.name],
      ['work.geo.lat', 'addr:work_geo_lat', float64.name],
      ['work.geo.lon', 'addr:work_geo_lon', float64.name],
      ['billing.street', 'bill:street', utf8.name],
      ['billing.city', 'bill:town', utf8.name],
      ['billing.zip', 'bill:zip', int32.name],
      ['billing.geo.lat', 'bill:geo_lat', float64.name],
      ['billing.geo.lon', 'bill:geo_lon', float64.name],
    ]);
    const city = meta.embeddedColumns.find((c) => c.property === 'work.city')!;
    expect(city.path).toEqual(['work', 'city']);
    expect(city.field).toBe('city');
    expect(city.family).toBe('addr');
    expect(city.column.toString()).toBe('addr:work_town');
  });

  it('toRow writes the set fields; null deletes a cell, or every cell of a value object', () => {
    const customer = Object.assign(new Customer(), {
      id: 'c1',
      home: Object.assign(new Address(), { street: 'Main St', zip: 75001, city: null as never }),
      work: null as never,
      billing: { city: 'Lyon', geo: { lat: 45.75 } } as Address, // a plain object will do
    });
    const row = toRow(Customer, customer);
    expect(Object.keys(row.cells).sort()).toEqual(['addr:street', 'addr:zip', 'bill:geo_lat', 'bill:town']);
    expect(row.cells['addr:zip']).toEqual(int32.encode(75001));
    expect(row.deletes).toEqual([
      'addr:town',
      'addr:work_street',
      'addr:work_town',
      'addr:work_zip',
      'addr:work_geo_lat',
      'addr:work_geo_lon',
    ]);
  });

  it('fromRow builds value objects from present columns only', () => {
    const row = {
      'addr:street': utf8.encode('Main St'),
      'addr:geo_lon': float64.encode(2.35),
      'bill:zip': int32.encode(69001),
    };
    const customer = fromRow(Customer, 'c1', row);
    expect(customer.home).toBeInstanceOf(Address);
    expect(customer.home?.street).toBe('Main St');
    expect(customer.home?.city).toBeUndefined(); // its column is absent
    expect(customer.home?.geo).toBeInstanceOf(Geo);
    expect(customer.home?.geo?.lon).toBe(2.35);
    expect(customer.home?.geo?.lat).toBeUndefined();
    expect(customer.work).toBeUndefined(); // none of its columns
    expect(customer.billing?.zip).toBe(69001);
    expect(customer.billing?.geo).toBeUndefined();
    expect(toRow(Customer, customer).cells).toEqual(row); // and back
  });

  it('a lenient read leaves a field that does not decode undefined and reports its path', () => {
    const failures: string[] = [];
    const customer = fromRow(
      Customer,
      'c1',
      { 'addr:zip': Buffer.from([1]), 'addr:street': utf8.encode('x') },
      { onDecodeError: (f) => failures.push(`${f.property} ${f.column}`) },
    );
    expect(failures).toEqual(['home.zip addr:zip']);
    expect(customer.home?.street).toBe('x');
    expect(customer.home?.zip).toBeUndefined();
  });

  it('refuses a value that is not an object, naming the path', () => {
    const bad = Object.assign(new Customer(), { id: 'c1', home: 'Main St' as never });
    expect(() => toRow(Customer, bad)).toThrow(InvalidArgumentError);
    expect(() => toRow(Customer, bad)).toThrow(/entity\.home/);
    const badZip = Object.assign(new Customer(), { id: 'c1', work: { geo: { lat: 'north' } } as never });
    expect(() => toRow(Customer, badZip)).toThrow(/Invalid entity\.work\.geo\.lat/);
  });

  it('works with defineEntity', () => {
    class Shop {
      id!: string;
      address?: Address;
    }
    defineEntity(Shop, {
      table: 'shops',
      families: { addr: {} },
      rowKey: { id: { codec: utf8 } },
      embedded: { address: { target: () => Address, prefix: 'a_' } },
    });
    expect(entityMetadata(Shop).embeddedColumns.map((c) => c.columnName)).toEqual([
      'addr:a_street',
      'addr:a_town',
      'addr:a_zip',
      'addr:a_geo_lat',
      'addr:a_geo_lon',
    ]);
  });

  it('defineEmbeddable declares a value object without decorators', () => {
    class Money {
      amount?: number;
      currency?: string;
    }
    defineEmbeddable(Money, {
      columns: {
        amount: { family: 'p', codec: int32 },
        currency: { family: 'p', qualifier: 'cur', codec: utf8 },
      },
    });
    class Order {
      id!: string;
      total?: Money;
    }
    defineEntity(Order, {
      table: 'orders',
      families: { p: {} },
      rowKey: { id: { codec: utf8 } },
      embedded: { total: { target: () => Money, prefix: 'total_' } },
    });
    const row = toRow(
      Order,
      Object.assign(new Order(), { id: 'o1', total: { amount: 12, currency: 'EUR' } }),
    );
    expect(Object.keys(row.cells)).toEqual(['p:total_amount', 'p:total_cur']);
    expect(fromRow(Order, 'o1', row.cells).total).toEqual(
      Object.assign(new Money(), { amount: 12, currency: 'EUR' }),
    );
    expect(() => defineEmbeddable(Money, { columns: [] as never })).toThrow(/schema\.columns/);
  });

  describe('declaration errors name the path', () => {
    it('a family the entity does not declare', () => {
      @Entity({ table: 't', families: { info: {} } })
      class NoAddr {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Address) home?: Address;
      }
      const error = metadataError(NoAddr);
      expect(error.property).toBe('home.street');
      expect(error.message).toMatch(/column family "addr"/);
    });

    it('two value objects on the same columns', () => {
      @Entity({ table: 't', families: { addr: {} } })
      class Twice {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Address) home?: Address;
        @Embedded(() => Address) work?: Address;
      }
      expect(metadataError(Twice).message).toMatch(
        /work\.street: maps to column "addr:street", which home\.street/,
      );
    });

    it('a field a value object cannot hold', () => {
      class WithCounter {
        @Counter({ family: 'addr' }) visits?: bigint;
      }
      @Entity({ table: 't', families: { addr: {} } })
      class Holder {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => WithCounter) stats?: WithCounter;
      }
      expect(metadataError(Holder).message).toMatch(
        /stats\.visits: is a @Counter .* @Column and @Embedded fields only/,
      );
    });

    it('a cycle', () => {
      class Node {
        @Column({ family: 'f', codec: utf8 }) label?: string;
        @Embedded(() => Node, { prefix: 'n_' }) next?: Node;
      }
      @Entity({ table: 't', families: { f: {} } })
      class Graph {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Node) root?: Node;
      }
      expect(metadataError(Graph).message).toMatch(/root\.next: embeds Node inside itself/);
    });

    it('no class, an empty class, a bad option', () => {
      class Empty {}
      @Entity({ table: 't', families: { f: {} } })
      class NoClass {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded((() => undefined) as never) x?: object;
      }
      @Entity({ table: 't', families: { f: {} } })
      class EmptyValue {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Empty) x?: Empty;
      }
      @Entity({ table: 't', families: { f: {} } })
      class BadOption {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Geo, { prefx: 'a' } as never) x?: Geo;
      }
      expect(metadataError(NoClass).message).toMatch(
        /x: @Embedded needs a function that returns the value-object class/,
      );
      expect(metadataError(EmptyValue).message).toMatch(/declares no field/);
      expect(metadataError(BadOption).message).toMatch(/unknown option `prefx`/);
    });

    it('a field declared as another class (caught with experimentalDecorators)', () => {
      @Entity({ table: 't', families: { addr: {} } })
      class Mismatch {
        @RowKey({ codec: utf8 }) id!: string;
        // biome-ignore lint/suspicious/noExplicitAny: a mismatch the compiler refuses, forced here
        @(Embedded(() => Geo) as any) home?: Address;
        @Embedded(() => Geo, { prefix: 'ok_' }) nullable?: Geo | null; // design:type Object: fine
      }
      if (legacy) {
        expect(metadataError(Mismatch).message).toMatch(
          /home: is declared as Address, but @Embedded builds Geo/,
        );
      } else {
        expect(() => validateEntity(Mismatch)).not.toThrow();
      }
    });

    it('codecs: explicit, or inferred from the design type (experimentalDecorators)', () => {
      class Stamp {
        @Column({ family: 'f', codec: json<{ by: string }>() }) meta?: { by: string };
        @Column({ family: 'f' }) at?: Date;
      }
      @Entity({ table: 't', families: { f: {} } })
      class Stamped {
        @RowKey({ codec: utf8 }) id!: string;
        @Embedded(() => Stamp) stamp?: Stamp;
      }
      if (legacy) {
        expect(entityMetadata(Stamped).embeddedColumns[1]!.codec).toBe(date);
      } else {
        expect(metadataError(Stamped).property).toBe('stamp.at');
      }
    });
  });
});
