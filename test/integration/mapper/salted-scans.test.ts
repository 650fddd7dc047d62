// Repository scans, counts and pages of entities whose row key is salted (`salted(...)`): every
// bucket is scanned with the bounds and the buckets are merged into key order. Against the real
// HBase, in both decorator modes.
import 'reflect-metadata';
import {
  Column,
  Connection,
  ConnectionPool,
  composite,
  Entity,
  Filter,
  int32,
  Repository,
  RowKey,
  salted,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`salted_${process.env.DECORATORS ?? 'standard'}`);

const seqKey = salted(sortableInt64, { buckets: 4 });

@Entity({ table: 'readings', families: { r: {} } })
class Reading {
  @RowKey({ codec: seqKey }) seq!: bigint;
  @Column({ family: 'r', codec: utf8 }) parity?: string;
  @Column({ family: 'r', codec: int32 }) value?: number;
}

const sensorKey = salted(composite([utf8Key, sortableInt64]), { buckets: 3 });

@Entity({ table: 'sensor_readings', families: { r: {} } })
class SensorReading {
  @RowKey({ codec: sensorKey }) id!: [string, bigint];
  @Column({ family: 'r', codec: int32 }) value?: number;
}

const COUNT = 60;
const all = Array.from({ length: COUNT }, (_, i) => BigInt(i));
const between = (from: number, to: number) => all.slice(from, to);

let admin: Connection;
let pool: ConnectionPool;
let readings: Repository<Reading>;
let sensors: Repository<SensorReading>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  pool = new ConnectionPool({ size: 3, ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Reading, SensorReading]);
  readings = new Repository(Reading, pool);
  sensors = new Repository(SensorReading, admin);
  await readings.save(
    all.map((seq) =>
      Object.assign(new Reading(), { seq, parity: seq % 2n === 0n ? 'even' : 'odd', value: Number(seq) }),
    ),
  );
  const sensorRows: SensorReading[] = [];
  for (const sensor of ['s1', 's10', 's2']) {
    for (let at = 0; at < 12; at++) {
      sensorRows.push(Object.assign(new SensorReading(), { id: [sensor, BigInt(at * 10)], value: at }));
    }
  }
  await sensors.save(sensorRows);
});

afterAll(async () => {
  await pool.close();
  await dropPrefixedTables(admin);
  await admin.close();
});

const seqsOf = (items: Array<{ seq: bigint }>) => items.map((r) => r.seq);

describe('salted keys: scans', () => {
  it('the rows really are spread over several buckets (a plain scan is not in key order)', async () => {
    const rawOrder = await readings.raw(async (table) => {
      const keys: bigint[] = [];
      for await (const [key] of table.scan({ filter: Filter.keyOnly() })) keys.push(seqKey.decode(key));
      return keys;
    });
    expect([...rawOrder].sort((a, b) => Number(a - b))).toEqual(all);
    expect(rawOrder).not.toEqual(all);
  });

  it('a full scan returns every entity in key order', async () => {
    expect(seqsOf(await readings.scan().toArray())).toEqual(all);
    expect(seqsOf(await readings.scan({ reverse: true }).toArray())).toEqual([...all].reverse());
  });

  it('start/stop return exactly the rows of [start, stop), in order', async () => {
    expect(seqsOf(await readings.scan({ start: 10n, stop: 25n }).toArray())).toEqual(between(10, 25));
    expect(seqsOf(await readings.scan({ start: 50n }).toArray())).toEqual(between(50, COUNT));
    expect(seqsOf(await readings.scan({ stop: 7n }).toArray())).toEqual(between(0, 7));
    expect(seqsOf(await readings.scan({ start: 70n }).toArray())).toEqual([]);
  });

  it('reverse scans go from start (inclusive) down to stop (exclusive)', async () => {
    expect(seqsOf(await readings.scan({ start: 24n, stop: 10n, reverse: true }).toArray())).toEqual(
      between(11, 25).reverse(),
    );
    expect(seqsOf(await readings.scan({ stop: 55n, reverse: true }).toArray())).toEqual(
      between(56, COUNT).reverse(),
    );
    expect(seqsOf(await readings.scan({ start: 3n, reverse: true }).toArray())).toEqual(
      between(0, 4).reverse(),
    );
  });

  it('limit counts merged entities; small batches merge the same way', async () => {
    expect(seqsOf(await readings.scan({ start: 10n, limit: 5 }).toArray())).toEqual(between(10, 15));
    expect(seqsOf(await readings.scan({ start: 30n, reverse: true, limit: 3 }).toArray())).toEqual([
      30n,
      29n,
      28n,
    ]);
    expect(seqsOf(await readings.scan({ start: 5n, stop: 45n, batchSize: 2 }).toArray())).toEqual(
      between(5, 45),
    );
  });

  it('select and filter apply to every bucket', async () => {
    const even = await readings
      .scan({
        start: 10n,
        stop: 25n,
        select: ['seq', 'parity'],
        filter: Filter.singleColumnValue('r', 'parity', '=', Filter.binary('even'), {
          filterIfMissing: true,
        }),
      })
      .toArray();
    expect(seqsOf(even)).toEqual(between(10, 25).filter((s) => s % 2n === 0n));
    expect(even.every((r) => r.parity === 'even' && (r as Partial<Reading>).value === undefined)).toBe(true);
  });

  it('a prefix is a prefix of the inner key, looked for in every bucket', async () => {
    const s1 = await sensors.scan({ prefix: sensorKey.inner.encodePrefix(['s1']) }).toArray();
    expect(s1.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, at) => ['s1', BigInt(at * 10)]));
    const s1Down = await sensors
      .scan({ prefix: sensorKey.inner.encodePrefix(['s1']), reverse: true, limit: 4 })
      .toArray();
    expect(s1Down.map((r) => r.id[1])).toEqual([110n, 100n, 90n, 80n]);
    // Composite bounds inside the inner key: s1 from 30 to 70.
    const window = await sensors.scan({ start: ['s1', 30n], stop: ['s1', 70n] }).toArray();
    expect(window.map((r) => r.id[1])).toEqual([30n, 40n, 50n, 60n]);
  });
});

describe('salted keys: count and page', () => {
  it('count with and without bounds', async () => {
    expect(await readings.count()).toBe(COUNT);
    expect(await readings.count({ start: 10n, stop: 25n })).toBe(15);
    expect(await readings.count({ start: 24n, stop: 10n, reverse: true })).toBe(14);
    expect(await readings.count({ start: 10n, limit: 4 })).toBe(4);
    expect(await sensors.count({ prefix: sensorKey.inner.encodePrefix(['s2']) })).toBe(12);
  });

  it('pages walk the range in key order, forwards and backwards, without gaps or repeats', async () => {
    for (const [options, expected] of [
      [{ start: 10n, stop: 25n }, between(10, 25)],
      [{ start: 24n, stop: 10n, reverse: true }, between(11, 25).reverse()],
      [{}, all],
    ] as const) {
      const seen: bigint[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await readings.page({ ...options, size: 7, after });
        seen.push(...seqsOf(page.items));
        after = page.nextCursor;
        if (after === undefined) break;
      }
      expect(seen).toEqual(expected);
    }
  });
});
