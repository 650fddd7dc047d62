// @Index declarations, index row keys and the bounds of index reads, without a server (the
// integration suite test/integration/mapper/indexes.test.ts runs them against HBase).
import 'reflect-metadata';
import {
  Column,
  Embedded,
  Entity,
  Index,
  InvalidArgumentError,
  MetadataError,
  Repository,
  RowKey,
  sortableInt32,
  utf8,
  utf8Key,
  validateEntity,
} from '../../../src';
import { prefixUpperBound } from '../../../src/client/bytes';
import { indexRange } from '../../../src/mapper/indexes/index-bounds';
import { indexesOf } from '../../../src/mapper/indexes/index-metadata';
import { indexEntriesOf } from '../../../src/mapper/indexes/index-writes';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';
import { declaredTables } from '../../../src/mapper/schema-plan';

@Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
@Entity({ table: 'ns:users', families: { info: {} } })
class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Index() @Column({ family: 'info', codec: utf8Key }) email?: string | null;
  @Column({ family: 'info', codec: utf8Key }) plan?: string;
  @Column({ family: 'info', codec: sortableInt32 }) age?: number;
  @Index({ name: 'byCity' }) @Column({ family: 'info', codec: utf8 }) city?: string;
}

const meta = entityMetadata(User);
const [byEmail, byCity, byPlanAndAge] = ['byEmail', 'byCity', 'byPlanAndAge'].map(
  (name) => indexesOf(meta).find((i) => i.name === name)!,
);

it('resolves field and class indexes, their tables and whether they are ordered', () => {
  expect(indexesOf(meta).map((i) => [i.name, i.table, i.ordered])).toEqual(
    expect.arrayContaining([
      ['byEmail', 'ns:users.idx.byEmail', true],
      ['byCity', 'ns:users.idx.byCity', false],
      ['byPlanAndAge', 'ns:users.idx.byPlanAndAge', true],
    ]),
  );
  expect(byPlanAndAge!.fields.map((f) => f.property)).toEqual(['plan', 'age']);
});

it('index rows sort by value, then by entity key, and end with the key', () => {
  const rows = [
    ['b@x', 'k1'],
    ['a@x', 'k2'],
    ['a@x', 'k1'],
    ['a', 'k9'],
  ].map(([email, id]) => indexEntriesOf(meta, { id, email }, Buffer.from(id!), 'entity')[0]!.row);
  const sorted = [...rows].sort(Buffer.compare);
  expect(sorted.map((r) => byEmail!.keyCodec.decode(r))).toEqual([
    ['a', Buffer.from('k9')],
    ['a@x', Buffer.from('k1')],
    ['a@x', Buffer.from('k2')],
    ['b@x', Buffer.from('k1')],
  ]);
});

it('writes entries only for indexes whose fields are all set; refuses half a composite', () => {
  const key = Buffer.from('u1');
  expect(indexEntriesOf(meta, { id: 'u1' }, key, 'entity')).toEqual([]);
  expect(indexEntriesOf(meta, { id: 'u1', email: null }, key, 'entity')).toEqual([]);
  expect(indexEntriesOf(meta, { id: 'u1', plan: 'pro', age: 3 }, key, 'entity').map((e) => e.table)).toEqual([
    'ns:users.idx.byPlanAndAge',
  ]);
  expect(() => indexEntriesOf(meta, { id: 'u1', plan: 'pro' }, key, 'changes')).toThrow(/changes\.age/);
  expect(() => indexEntriesOf(meta, { id: 'u1', age: 1.5, plan: 'p' }, key, 'entity')).toThrow(
    InvalidArgumentError,
  );
});

it('turns lookups and ranges into row bounds', () => {
  const exact = indexRange(byEmail!, { equals: 'a' }, 'options');
  expect(exact.start).toEqual(byEmail!.keyCodec.encodePrefix(['a']));
  expect(exact.stop).toEqual(prefixUpperBound(exact.start!));
  const range = indexRange(byPlanAndAge!, { gt: ['pro', 17], lte: ['pro', 30] }, 'options');
  expect(
    Buffer.compare(range.start!, byPlanAndAge!.keyCodec.encode(['pro', 18, Buffer.from('k')])),
  ).toBeLessThan(1);
  expect(Buffer.compare(range.start!, byPlanAndAge!.keyCodec.encode(['pro', 17, Buffer.from('zz')]))).toBe(1);
  expect(Buffer.compare(range.stop!, byPlanAndAge!.keyCodec.encode(['pro', 30, Buffer.from('zz')]))).toBe(1);
  expect(indexRange(byEmail!, {}, 'options')).toEqual({ start: undefined, stop: undefined });
  expect(() => indexRange(byCity!, { gte: 'A' }, 'options')).toThrow(/options\.gte/);
  expect(() => indexRange(byEmail!, { equals: 'a', lt: 'b' }, 'options')).toThrow(/options\.lt/);
  expect(() => indexRange(byPlanAndAge!, { equals: ['a', 1, 2] }, 'options')).toThrow(InvalidArgumentError);
});

it('computes the end of a prefix', () => {
  expect(prefixUpperBound(Buffer.from([1, 2]))).toEqual(Buffer.from([1, 3]));
  expect(prefixUpperBound(Buffer.from([1, 0xff]))).toEqual(Buffer.from([2]));
  expect(prefixUpperBound(Buffer.from([0xff, 0xff]))).toBeUndefined();
});

it('validates declarations when the repository is created', () => {
  @Entity({ table: 'c1', families: { f: {} } })
  class OnCounterless {
    @RowKey({ codec: utf8 }) id!: string;
    @Index({ name: 'x.y' }) @Column({ family: 'f', codec: utf8 }) a?: string;
  }
  expect(() => validateEntity(OnCounterless)).toThrow(MetadataError);
  @Index({ name: 'byB', fields: ['b'] })
  @Entity({ table: 'c2', families: { f: {} } })
  class Unknown {
    @RowKey({ codec: utf8 }) id!: string;
  }
  expect(() => new Repository(Unknown, undefined as never)).toThrow(MetadataError);
});

it('refuses @Index in a value object, naming its path', () => {
  class Address {
    @Index() @Column({ family: 'a', codec: utf8Key }) city?: string;
  }
  @Entity({ table: 'customers', families: { a: {} } })
  class Customer {
    @RowKey({ codec: utf8 }) id!: string;
    @Embedded(() => Address) home?: Address;
  }
  expect(() => new Repository(Customer, undefined as never)).toThrow(MetadataError);
  expect(() => indexesOf(entityMetadata(Customer))).toThrow(/home\.city.*value object Address/);
});

it('refuses one index table declared by two entities of a table over other fields', () => {
  @Entity({ table: 'shared', families: { f: {} } })
  class ByEmail {
    @RowKey({ codec: utf8 }) id!: string;
    @Index({ name: 'lookup' }) @Column({ family: 'f', codec: utf8Key }) email?: string;
  }
  @Entity({ table: 'shared', families: { f: {} } })
  class ByName {
    @RowKey({ codec: utf8 }) id!: string;
    @Index({ name: 'lookup' }) @Column({ family: 'f', codec: utf8Key }) name?: string;
  }
  @Entity({ table: 'shared', families: { f: {} } })
  class AlsoByEmail {
    @RowKey({ codec: utf8 }) id!: string;
    @Index({ name: 'lookup' }) @Column({ family: 'f', codec: utf8Key }) email?: string;
  }
  expect(() => declaredTables([ByEmail, ByName])).toThrow(MetadataError);
  expect(() => declaredTables([ByEmail, ByName])).toThrow(/index lookup .*f:name.*ByEmail.*f:email/);
  // The same column with the same codec: the entries are the same, the table is shared safely.
  expect([...declaredTables([ByEmail, AlsoByEmail]).keys()]).toEqual(['shared', 'shared.idx.lookup']);
});
