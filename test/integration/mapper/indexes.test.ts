// Secondary indexes (@Index) against the real HBase, on both gateway APIs: lookups, ranges,
// composite indexes, read repair of stale entries, concurrent saves of one entity, a save cut
// between its index write and its entity write, rebuild() and verify().
import 'reflect-metadata';
import {
  Column,
  Connection,
  ConnectionClosedError,
  Entity,
  Index,
  InvalidArgumentError,
  MetadataError,
  Repository,
  RowKey,
  sortableInt32,
  syncSchema,
  utf8,
  utf8Key,
  validateEntity,
} from '../../../src';
import { indexEntriesOf, writeWithIndexes } from '../../../src/mapper/indexes/index-writes';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

const prefix = uniquePrefix(`indexes-${process.env.DECORATORS ?? 'standard'}-${gatewayApi}`);

@Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
@Entity({ table: 'users', families: { info: { maxVersions: 1 } } })
class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Index() @Column({ family: 'info', codec: utf8Key }) email?: string | null;
  @Column({ family: 'info', codec: utf8Key }) plan?: string | null;
  @Index() @Column({ family: 'info', codec: sortableInt32 }) age?: number | null;
  // utf8 does not keep order: exact lookups only.
  @Index({ name: 'byCity' }) @Column({ family: 'info', codec: utf8 }) city?: string | null;
}

const user = (fields: Partial<User> & { id: string }) => Object.assign(new User(), fields);

let connection: Connection;
let users: Repository<User>;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  const report = await syncSchema(connection, [User]);
  expect(report.created.sort()).toEqual(
    ['users', 'users.idx.byAge', 'users.idx.byCity', 'users.idx.byEmail', 'users.idx.byPlanAndAge'].sort(),
  );
  users = new Repository(User, connection);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

/** The raw rows of an index table. */
async function entryCount(index: string): Promise<number> {
  const rows = await connection.table(`users.idx.${index}`).scan().toArray();
  return rows.length;
}

describe('lookups and ranges', () => {
  beforeAll(async () => {
    await users.save([
      user({ id: 'a1', email: 'ada@example.org', plan: 'pro', age: 36, city: 'London' }),
      user({ id: 'a2', email: 'alan@example.org', plan: 'free', age: 41, city: 'London' }),
      user({ id: 'a3', email: 'grace@example.org', plan: 'pro', age: 17, city: 'New York' }),
      user({ id: 'a4', email: 'linus@example.org', plan: 'pro', age: 28, city: 'Helsinki' }),
      user({ id: 'a5', email: 'margaret@example.org', plan: 'free', age: 28 }),
    ]);
  });

  it('finds by exact value; many entities may share one', async () => {
    expect((await users.index('byEmail').find('ada@example.org')).map((u) => u.id)).toEqual(['a1']);
    expect(await users.index('byEmail').find('nobody@example.org')).toEqual([]);
    expect((await users.index('byCity').find('London')).map((u) => u.id).sort()).toEqual(['a1', 'a2']);
    expect((await users.index('byAge').find(28)).map((u) => u.id).sort()).toEqual(['a4', 'a5']);
    expect((await users.index('byEmail').findOne('grace@example.org'))?.age).toBe(17);
    expect(await users.index('byCity').count({ equals: 'London' })).toBe(2);
  });

  it('scans ranges in value order, reversed, limited', async () => {
    const byAge = users.index('byAge');
    const ids = async (o: object) => (await byAge.scan(o).toArray()).map((u) => `${u.id}:${u.age}`);
    expect(await ids({ gte: 18, lt: 41 })).toEqual(['a4:28', 'a5:28', 'a1:36']);
    expect(await ids({ gt: 28, lte: 41 })).toEqual(['a1:36', 'a2:41']);
    expect(await ids({ gte: 18, reverse: true })).toEqual(['a2:41', 'a1:36', 'a5:28', 'a4:28']);
    expect(await ids({ lt: 40, reverse: true, limit: 2 })).toEqual(['a1:36', 'a5:28']);
    // Small batches: the scan resumes across several index reads, in both directions.
    expect(await ids({ batchSize: 1 })).toEqual(['a3:17', 'a4:28', 'a5:28', 'a1:36', 'a2:41']);
    expect(await ids({ batchSize: 2, reverse: true })).toEqual(['a2:41', 'a1:36', 'a5:28', 'a4:28', 'a3:17']);
    expect(await byAge.count({ gte: 18 })).toBe(4);
  });

  it('reads a composite index by leading values and ranges', async () => {
    const idx = users.index('byPlanAndAge');
    expect((await idx.find(['pro'])).map((u) => u.id)).toEqual(['a3', 'a4', 'a1']);
    expect((await idx.find(['pro', 28])).map((u) => u.id)).toEqual(['a4']);
    expect((await idx.scan({ gte: ['pro', 18], lt: ['pro', 40] }).toArray()).map((u) => u.id)).toEqual([
      'a4',
      'a1',
    ]);
    expect((await idx.scan({ gte: ['free'], lt: ['pro'] }).toArray()).map((u) => u.id)).toEqual(['a5', 'a2']);
  });

  it('refuses bad input before anything is sent', async () => {
    expect(() => users.index('byNothing')).toThrow(InvalidArgumentError);
    expect(() => users.index('byCity').scan({ gte: 'A' })).toThrow(InvalidArgumentError);
    expect(() => users.index('byAge').scan({ gte: 1, gt: 2 })).toThrow(InvalidArgumentError);
    expect(() => users.index('byAge').scan({ equals: 1, lt: 2 })).toThrow(InvalidArgumentError);
    expect(() => users.index('byAge').scan({ equals: 'old' as never })).toThrow(InvalidArgumentError);
    expect(() => users.index('byPlanAndAge').scan({ equals: 'pro' })).toThrow(InvalidArgumentError);
    expect(() => users.index('byAge').scan({ limit: 0 })).toThrow(InvalidArgumentError);
    await expect(users.index('byEmail').find(undefined as never)).rejects.toThrow(InvalidArgumentError);
    // An update of one field of a composite index cannot write its entry without reading.
    await expect(users.update('a1', { plan: 'free' })).rejects.toThrow(/changes\.age/);
    expect((await users.findOneOrFail('a1')).plan).toBe('pro');
  });
});

describe('stale entries', () => {
  it('an update leaves the old entry stale: never returned, repaired on read', async () => {
    await users.save(user({ id: 'b1', email: 'old@example.org', plan: 'x', age: 1 }));
    await users.update('b1', { email: 'new@example.org' });
    const before = await entryCount('byEmail');
    expect(await users.index('byEmail').find('old@example.org')).toEqual([]);
    expect(await entryCount('byEmail')).toBe(before - 1);
    expect((await users.index('byEmail').find('new@example.org')).map((u) => u.id)).toEqual(['b1']);
  });

  it('a delete or a null leaves entries stale: never returned, repaired on read', async () => {
    await users.save(user({ id: 'b2', email: 'gone@example.org', plan: 'x', age: 2, city: 'Gone' }));
    await users.delete('b2');
    expect(await users.index('byEmail').find('gone@example.org')).toEqual([]);
    expect(await users.index('byCity').find('Gone')).toEqual([]);
    await users.save(user({ id: 'b3', email: 'null@example.org', plan: 'x', age: 3 }));
    await users.save(user({ id: 'b3', email: null }));
    expect(await users.index('byEmail').find('null@example.org')).toEqual([]);
  });

  it('many concurrent saves of one entity: reads return only current values, verify() is clean', async () => {
    const values = Array.from({ length: 40 }, (_, i) => `v${String(i).padStart(2, '0')}@example.org`);
    await Promise.all(values.map((email) => users.save(user({ id: 'c1', email }))));
    const current = (await users.findOneOrFail('c1')).email;
    for (const email of values) {
      const found = await users.index('byEmail').find(email);
      expect(found.map((u) => u.id)).toEqual(email === current ? ['c1'] : []);
    }
    const report = await users.index('byEmail').verify();
    expect(report).toMatchObject({ stale: 0, missing: 0, consistent: true });
  });

  it('readers racing writers never get an entity whose current value differs', async () => {
    const values = ['r0', 'r1', 'r2', 'r3'].map((v) => `${v}@example.org`);
    await users.save(user({ id: 'c2', email: values[0] }));
    let wrong = 0;
    let seen = 0;
    const writers = Array.from({ length: 60 }, (_, i) =>
      users.save(user({ id: 'c2', email: values[i % 4] })),
    );
    const readers = Array.from({ length: 60 }, async (_, i) => {
      for (const u of await users.index('byEmail').find(values[i % 4])) {
        seen++;
        if (u.email !== values[i % 4]) wrong++;
      }
    });
    await Promise.all([...writers, ...readers]);
    expect(wrong).toBe(0);
    expect(seen).toBeGreaterThan(0);
    const current = (await users.findOneOrFail('c2')).email;
    expect((await users.index('byEmail').find(current!)).map((u) => u.id)).toEqual(['c2']);
    // The last save of each value wrote its entry after its row: the current value is indexed.
    expect(await users.index('byEmail').verify()).toMatchObject({ missing: 0 });
  });
});

describe('a read repair racing a save', () => {
  it('deletes the entry the save wrote first; the save writes it again after its entity', async () => {
    await users.save(user({ id: 'f1', email: 'f-before@example.org' }));
    const entries = indexEntriesOf(
      entityMetadata(User),
      { id: 'f1', email: 'f-after@example.org' },
      Buffer.from('f1'),
      'entity',
    );
    const entryOf = async () =>
      (await connection.table('users.idx.byEmail').scan().toArray()).filter(([k]) =>
        k.equals(entries[0]!.row),
      );
    let inBetween = -1;
    // The interleaving of the race, made deterministic: between the save's first entry write and
    // its entity write, a reader meets the entry, sees the old row, and repairs (deletes) it.
    await writeWithIndexes(connection, entries, async () => {
      expect(await users.index('byEmail').find('f-after@example.org')).toEqual([]);
      inBetween = (await entryOf()).length;
      await connection.table('users').put('f1', { 'info:email': 'f-after@example.org' });
    });
    expect(inBetween).toBe(0);
    expect((await entryOf()).length).toBe(1);
    expect((await users.index('byEmail').find('f-after@example.org')).map((u) => u.id)).toEqual(['f1']);
  });
});

describe('a save cut between its index write and its entity write', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('leaves only a dangling entry, which reads drop and repair', async () => {
    await users.save(user({ id: 'd1', email: 'before@example.org', plan: 'y', age: 5 }));
    // Declared API: the save's first call on the socket is its index write, not a detection.
    const cut = new Connection({
      ...gateways.default(),
      host: '127.0.0.1',
      port: proxy.port,
      tablePrefix: prefix,
      api: gatewayApi,
      retry: false,
    });
    proxy.mode = 'cut-on-reply';
    await expect(
      new Repository(User, cut).save(user({ id: 'd1', email: 'after@example.org' })),
    ).rejects.toBeInstanceOf(ConnectionClosedError);
    proxy.mode = 'forward';
    await cut.close();
    // The index write reached HBase; the entity write never did.
    expect((await users.findOneOrFail('d1')).email).toBe('before@example.org');
    const dangling = await connection.table('users.idx.byEmail').scan().toArray();
    expect(dangling.some(([k]) => k.includes(Buffer.from('after@example.org')))).toBe(true);
    expect(await users.index('byEmail').find('after@example.org')).toEqual([]);
    expect((await users.index('byEmail').find('before@example.org')).map((u) => u.id)).toEqual(['d1']);
    // A full read repairs what the tests before left stale too; then the index is exact.
    await users.index('byEmail').count();
    expect(await users.index('byEmail').verify()).toMatchObject({ stale: 0, missing: 0, consistent: true });
  });
});

describe('rebuild() and verify()', () => {
  it('indexes rows written without the mapper, and removes orphans', async () => {
    await connection
      .table('users')
      .put('e1', { 'info:email': 'raw1@example.org', 'info:age': Buffer.from([0x80, 0, 0, 9]) });
    await connection.table('users').put('e2', { 'info:email': 'raw2@example.org' });
    const byEmail = users.index('byEmail');
    const before = await byEmail.verify();
    expect(before.missing).toBe(2);
    expect(before.consistent).toBe(false);
    expect(await byEmail.find('raw1@example.org')).toEqual([]);
    // An orphan: an entry whose entity holds another value.
    await users.save(user({ id: 'e3', email: 'orphan@example.org' }));
    await connection.table('users').put('e3', { 'info:email': 'moved@example.org' });
    const rebuilt = await byEmail.rebuild();
    expect(rebuilt.written).toBeGreaterThanOrEqual(3);
    expect(rebuilt.written).toBeLessThanOrEqual(rebuilt.entities);
    expect(rebuilt.removed).toBeGreaterThanOrEqual(1);
    expect(await byEmail.verify()).toMatchObject({ stale: 0, missing: 0, consistent: true });
    expect((await byEmail.find('raw1@example.org')).map((u) => u.id)).toEqual(['e1']);
    expect((await byEmail.find('moved@example.org')).map((u) => u.id)).toEqual(['e3']);
    expect(await byEmail.find('orphan@example.org')).toEqual([]);
  });
});

describe('declarations', () => {
  it('refuses an index of a non-column field, a duplicate or a bad name', () => {
    @Entity({ table: 'bad1', families: { f: {} } })
    class OnKey {
      @Index() @RowKey({ codec: utf8 }) id!: string;
    }
    expect(() => validateEntity(OnKey)).toThrow(MetadataError);
    @Index({ name: 'bad name', fields: ['a'] })
    @Entity({ table: 'bad2', families: { f: {} } })
    class BadName {
      @RowKey({ codec: utf8 }) id!: string;
      @Column({ family: 'f', codec: utf8 }) a?: string;
    }
    expect(() => validateEntity(BadName)).toThrow(MetadataError);
    @Index({ name: 'byA', fields: ['a'] })
    @Entity({ table: 'bad3', families: { f: {} } })
    class Twice {
      @RowKey({ codec: utf8 }) id!: string;
      @Index() @Column({ family: 'f', codec: utf8 }) a?: string;
    }
    expect(() => validateEntity(Twice)).toThrow(MetadataError);
  });
});
