// syncSchema and schemaDiff altering tables on the real Thrift2 gateway: a plan first, then added
// families and changed settings with alter: true, drops only with dropFamilies, salted keys
// pre-split; on Thrift1 the same declarations are reported, never applied.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Entity,
  InvalidArgumentError,
  NotSupportedError,
  RowKey,
  salted,
  schemaDiff,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`schema-alter-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'profiles', families: { a: { maxVersions: 1 }, legacy: {} } })
class ProfileV1 {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'a', codec: utf8 }) name?: string;
}

@Entity({ table: 'profiles', families: { a: { maxVersions: 3 }, audit: { timeToLive: 86_400 } } })
class ProfileV2 {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'a', codec: utf8 }) name?: string;
  @Column({ family: 'audit', codec: utf8 }) by?: string;
}

@Entity({
  table: 'settled',
  families: {
    s: { timeToLive: -1, bloomFilterType: 'row', bloomFilterVectorSize: 10, bloomFilterNbHashes: 2 },
  },
})
class Settled {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 's', codec: utf8 }) v?: string;
}

@Entity({ table: 'never-created', families: { n: {} } })
class NeverCreated {
  @RowKey({ codec: utf8 }) id!: string;
}

@Entity({ table: 'events', families: { e: {} } })
class SaltedEvent {
  @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
  @Column({ family: 'e', codec: utf8 }) kind?: string;
}

let thrift2: Connection;

beforeAll(async () => {
  thrift2 = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
});

afterAll(async () => {
  await dropPrefixedTables(thrift2);
  await thrift2.close();
});

it('creates a table of a salted entity pre-split, one region per bucket', async () => {
  const report = await syncSchema(thrift2, [SaltedEvent]);
  expect(report.created).toEqual(['events']);
  expect(report.changes).toMatchObject([{ kind: 'createTable', table: 'events' }]);
  const regions = await thrift2.table('events').regions();
  expect(regions.map((r) => r.startKey)).toEqual([
    Buffer.alloc(0),
    Buffer.from([1]),
    Buffer.from([2]),
    Buffer.from([3]),
  ]);
});

it('plans, reports, then alters: families added and settings changed, none dropped unasked', async () => {
  await syncSchema(thrift2, [ProfileV1]);
  await thrift2.table('profiles').put('p1', { 'a:name': 'Ada', 'legacy:x': 'kept' });

  const plan = await schemaDiff(thrift2, [ProfileV2]);
  expect(plan.lines).toEqual([
    'modify family profiles:a (maxVersions 1 → 3)',
    'add family profiles:audit (timeToLive 86400)',
  ]);
  // A plan changes nothing, and neither does a sync without alter: it reports.
  const reported = await syncSchema(thrift2, [ProfileV2]);
  expect(reported.changes).toEqual([]);
  expect(reported.differences).toEqual([
    {
      table: 'profiles',
      family: 'a',
      problem: 'setting differs',
      setting: 'maxVersions',
      expected: 3,
      actual: 1,
    },
    { table: 'profiles', family: 'audit', problem: 'missing family' },
  ]);
  expect(Object.keys(await thrift2.table('profiles').families()).sort()).toEqual(['a', 'legacy']);

  const altered = await syncSchema(thrift2, [ProfileV2], { alter: true });
  expect(altered.changes.map((c) => c.kind)).toEqual(['modifyFamily', 'addFamily']);
  expect(altered.differences).toEqual([]);
  const families = await thrift2.table('profiles').families();
  expect(Object.keys(families).sort()).toEqual(['a', 'audit', 'legacy']);
  expect(families.a?.maxVersions).toBe(3);
  expect(families.audit?.timeToLive).toBe(86_400);
  expect(await thrift2.table('profiles').row('p1')).toEqual({
    'a:name': Buffer.from('Ada'),
    'legacy:x': Buffer.from('kept'),
  });
  expect((await schemaDiff(thrift2, [ProfileV2])).changes).toEqual([]);
});

it('drops an undeclared family only with dropFamilies, and only with alter', async () => {
  await expect(syncSchema(thrift2, [ProfileV2], { dropFamilies: true })).rejects.toMatchObject({
    name: 'InvalidArgumentError',
    argument: 'options.dropFamilies',
  });
  const plan = await schemaDiff(thrift2, [ProfileV2], { dropFamilies: true });
  expect(plan.lines).toEqual(['drop family profiles:legacy and every cell in it']);
  await syncSchema(thrift2, [ProfileV2], { alter: true, dropFamilies: true });
  expect(Object.keys(await thrift2.table('profiles').families()).sort()).toEqual(['a', 'audit']);
});

it('on a Thrift1 gateway reports the differences, and refuses to alter', async () => {
  const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
  try {
    const report = await syncSchema(thrift1, [ProfileV1]);
    expect(report.differences.map((d) => `${d.family} ${d.problem}`)).toEqual([
      'a setting differs',
      'legacy missing family',
    ]);
    await expect(syncSchema(thrift1, [ProfileV1], { alter: true })).rejects.toBeInstanceOf(NotSupportedError);
    // The plan is computed all the same: it is only read.
    expect((await schemaDiff(thrift1, [ProfileV1])).lines).toEqual([
      'modify family profiles:a (maxVersions 3 → 1)',
      'add family profiles:legacy',
    ]);
  } finally {
    await thrift1.close();
  }
});

it('takes declarations HBase holds in another form as equal: nothing left to do after a sync', async () => {
  await syncSchema(thrift2, [Settled]);
  expect((await schemaDiff(thrift2, [Settled])).lines).toEqual([]);
  expect((await syncSchema(thrift2, [Settled], { alter: true })).changes).toEqual([]);
});

it('on Thrift1, refuses alter before creating anything', async () => {
  const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
  try {
    await expect(syncSchema(thrift1, [NeverCreated], { alter: true })).rejects.toBeInstanceOf(
      NotSupportedError,
    );
    expect(await thrift1.tables()).not.toContain('never-created');
  } finally {
    await thrift1.close();
  }
});

it('validates its arguments before anything is sent', async () => {
  await expect(schemaDiff(thrift2, [ProfileV2], { alter: true } as never)).rejects.toBeInstanceOf(
    InvalidArgumentError,
  );
  await expect(syncSchema(thrift2, ProfileV2 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
});
