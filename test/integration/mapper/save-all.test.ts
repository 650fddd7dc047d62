// Repository.saveAll: entities from an async iterable, through the bulk writer, over a pool.
import {
  BulkWriteError,
  Connection,
  ConnectionPool,
  defineEntity,
  InvalidArgumentError,
  REPOSITORY_CHANNEL,
  Repository,
  type RepositoryTraceContext,
  SaveAllError,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { gateways, uniquePrefix } from '../../support/gateway';
import { TraceRecorder } from '../../support/trace-recorder';

class Reading {
  id!: string;
  value?: string | null;
  note?: string | null;
}
defineEntity(Reading, {
  table: 'readings',
  families: { d: {} },
  rowKey: { id: { codec: utf8Key } },
  columns: { value: { family: 'd', codec: utf8 }, note: { family: 'd', codec: utf8 } },
});

const prefix = uniquePrefix('save-all');
let admin: Connection;
let pool: ConnectionPool;
let readings: Repository<Reading>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  pool = new ConnectionPool({ size: 4, ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Reading]);
  readings = new Repository(Reading, pool);
});

afterAll(async () => {
  await pool.close();
  for (const name of await admin.tables()) await admin.deleteTable(name, { disable: true });
  await admin.close();
});

const id = (i: number) => `m${String(i).padStart(5, '0')}`;

it('saves every entity of an async iterable, null fields deleted', async () => {
  await readings.save({ id: id(3), value: 'old', note: 'to be deleted' });
  async function* source() {
    for (let i = 0; i < 5000; i++)
      yield Object.assign(new Reading(), { id: id(i), value: `v${i}`, note: null });
  }
  const done: number[] = [];
  await expect(
    readings.saveAll(source(), { parallel: 4, batchRows: 200, onProgress: (p) => done.push(p.rows) }),
  ).resolves.toBe(5000);
  expect(done.at(-1)).toBe(10_000); // a delete and a put per entity
  expect(await readings.count()).toBe(5000);
  expect(await readings.findOne(id(3))).toEqual(Object.assign(new Reading(), { id: id(3), value: 'v3' }));
  expect((await readings.findOne(id(4999)))?.value).toBe('v4999');
}, 60_000);

it('rejects bad input naming it, with nothing sent for the bad entity', async () => {
  const refused = async (promise: Promise<unknown>, argument: string) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  };
  await refused(readings.saveAll(5 as never), 'entities');
  await refused(readings.saveAll([], { parallel: 0 }), 'options.parallel');
  await refused(readings.saveAll([], { colour: 1 } as never), 'options.colour');
  await refused(readings.saveAll([{ id: 'ok-1', value: 'a' }, null as never]), 'entities[1]');
  await refused(readings.saveAll([{ id: '', value: 'a' }]), 'entities[0].id');
  // The entity before the bad one was written.
  expect((await readings.findOne('ok-1'))?.value).toBe('a');
});

it('is traced as the saveAll operation', async () => {
  const operations = new TraceRecorder<RepositoryTraceContext>(REPOSITORY_CHANNEL);
  try {
    await readings.saveAll([{ id: 'traced', value: 't' }]);
    expect(operations.completed.map((o) => o.operation)).toEqual(['saveAll']);
  } finally {
    operations.stop();
  }
});

describe('a failed write', () => {
  class Misfit {
    id!: string;
    value?: string | null;
    note?: string | null;
  }
  // Mapped to family d of a table that only has family x: every batch of it fails at the server.
  defineEntity(Misfit, {
    table: 'misfits',
    families: { d: {} },
    rowKey: { id: { codec: utf8Key } },
    columns: { value: { family: 'd', codec: utf8 }, note: { family: 'd', codec: utf8 } },
  });
  let misfits: Repository<Misfit>;
  beforeAll(async () => {
    await admin.createTable('misfits', { x: {} });
    misfits = new Repository(Misfit, pool);
  });

  const entities = () => [
    { id: 'a', value: '1' },
    { id: 'b', value: '2', note: null }, // a delete and a put
    { id: 'c', value: '3' },
  ];

  it('rejects with SaveAllError telling the entities not known saved, the writer error as cause', async () => {
    const error = (await misfits.saveAll(entities()).catch((e: unknown) => e)) as SaveAllError;
    expect(error).toBeInstanceOf(SaveAllError);
    expect(error.cause).toBeInstanceOf(BulkWriteError);
    expect(error.cause.accepted).toBe(4); // mutations
    expect(error).toMatchObject({ entities: 3, saved: 0, notKnownSaved: [{ start: 0, end: 3 }] });
    expect(error.entityError).toBeUndefined();
  });

  it('keeps both errors when an invalid entity stopped the loop and the write of the others failed', async () => {
    const error = (await misfits
      .saveAll([...entities(), null as never])
      .catch((e: unknown) => e)) as SaveAllError;
    expect(error).toBeInstanceOf(SaveAllError);
    expect(error.cause).toBeInstanceOf(BulkWriteError);
    expect(error.entityError).toBeInstanceOf(InvalidArgumentError);
    expect((error.entityError as InvalidArgumentError).argument).toBe('entities[3]');
    expect(error).toMatchObject({ entities: 3, saved: 0, notKnownSaved: [{ start: 0, end: 3 }] });
  });
});
