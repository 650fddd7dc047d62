// A process may load two copies of the library: the dual package's CommonJS and ES module builds
// (a NestJS app in CommonJS using an ES module that imports hbase-mapper, say). Codecs made by
// one copy must work in the other's Repository: a salted key is still scanned bucket by bucket
// in key order, and a codec's CodecError is still recognised by a lenient read. The second copy
// is loaded with jest.isolateModules. Against the real HBase, in both decorator modes.
import 'reflect-metadata';
import {
  Column,
  Connection,
  type DecodeFailure,
  Entity,
  Repository,
  RowKey,
  syncSchema,
  utf8,
} from '../../../src';
import type * as Codecs from '../../../src/codecs';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`dual_${process.env.DECORATORS ?? 'standard'}`);

let other: typeof Codecs | undefined;
jest.isolateModules(() => {
  other = require('../../../src/codecs') as typeof Codecs;
});
const otherCopy = other!;

@Entity({ table: 'spread', families: { d: {} } })
class Reading {
  @RowKey({ codec: otherCopy.salted(otherCopy.sortableInt64, { buckets: 4 }) }) seq!: bigint;
  @Column({ family: 'd', codec: otherCopy.int32 }) value?: number;
  @Column({ family: 'd', codec: utf8 }) note?: string;
}

let admin: Connection;
let readings: Repository<Reading>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Reading]);
  readings = new Repository(Reading, admin);
  await readings.save(
    Array.from({ length: 20 }, (_, i) => Object.assign(new Reading(), { seq: BigInt(i), value: i })),
  );
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

it('the copies really are two (the salted codec is not from this copy)', () => {
  const { salted } = jest.requireActual<typeof Codecs>('../../../src/codecs');
  expect(otherCopy.salted).not.toBe(salted);
});

it('a salted key made by the other copy is scanned in key order over every bucket', async () => {
  const found = await readings.scan({ start: 5n, stop: 12n }).toArray();
  expect(found.map((r) => r.seq)).toEqual([5n, 6n, 7n, 8n, 9n, 10n, 11n]);
  expect(await readings.count({ start: 5n, stop: 12n })).toBe(7);
  const first = await readings.page({ size: 3, start: 15n });
  expect(first.items.map((r) => r.seq)).toEqual([15n, 16n, 17n]);
});

it("a CodecError of the other copy's codec is reported by a lenient read", async () => {
  const key = readings.toRow(Object.assign(new Reading(), { seq: 100n })).key;
  await admin.table('spread').put(key, { 'd:value': Buffer.from([1, 2]), 'd:note': 'kept' });
  const failures: DecodeFailure[] = [];
  const found = await readings.findOne(100n, { onDecodeError: (failure) => failures.push(failure) });
  expect(found).toMatchObject({ seq: 100n, note: 'kept' });
  expect(failures.map((f) => [f.property, f.error.codec])).toEqual([['value', 'int32']]);
  await readings.delete(100n);
});

it("a value the other copy's codec refuses is named by its field", async () => {
  await expect(readings.save(Object.assign(new Reading(), { seq: 101n, value: 1.5 }))).rejects.toMatchObject({
    argument: 'entity.value',
  });
});
