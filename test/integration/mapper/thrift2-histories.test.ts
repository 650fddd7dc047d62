// @Versions fields on a Thrift2 gateway: filled from one read with a version count, instead of one
// call per field and row (Thrift1), with each field's own limit; same entities as on Thrift1.
import 'reflect-metadata';
import { Column, Connection, Entity, Repository, RowKey, syncSchema, utf8, Versions } from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`histories-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'docs', families: { d: { maxVersions: 5 } } })
class Doc {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'd', codec: utf8 }) title?: string;
  @Versions({ family: 'd', qualifier: 'body', codec: utf8, maxVersions: 3 }) bodies?: Array<{
    value: string;
    timestamp?: number;
  }>;
  @Versions({ family: 'd', qualifier: 'tag', codec: utf8, maxVersions: 2 }) tags?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

const history = (name: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ value: `${name}-${i}`, timestamp: 1_000 + i }));

let thrift1: Connection;
let thrift2: Connection;

beforeAll(async () => {
  thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
  thrift2 = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
  await syncSchema(thrift2, [Doc]);
  const docs = new Repository(Doc, thrift2);
  for (const id of ['doc-1', 'doc-2', 'doc-3']) {
    await docs.save(
      Object.assign(new Doc(), {
        id,
        title: `title ${id}`,
        bodies: history('body', 4),
        tags: history('tag', 4),
      }),
    );
  }
});

afterAll(async () => {
  await dropPrefixedTables(thrift2);
  await thrift1.close();
  await thrift2.close();
});

it('reads the histories of several rows in one call, each field to its own limit, like Thrift1', async () => {
  const onThrift2 = new Repository(Doc, thrift2);
  const calls = jest.spyOn(thrift2, 'call');
  const found = await onThrift2.findMany(['doc-1', 'doc-missing', 'doc-3']);
  expect(calls.mock.calls.map((c) => c[0])).toEqual(['getMultiple']);
  calls.mockRestore();
  expect(found.map((d) => d.id)).toEqual(['doc-1', 'doc-3']);
  expect(found[0]).toMatchObject({
    title: 'title doc-1',
    bodies: [
      { value: 'body-3', timestamp: 1003 },
      { value: 'body-2', timestamp: 1002 },
      { value: 'body-1', timestamp: 1001 },
    ],
    tags: [
      { value: 'tag-3', timestamp: 1003 },
      { value: 'tag-2', timestamp: 1002 },
    ],
  });
  // The Thrift1 path (one call per field and row) reads the same entities.
  expect(await new Repository(Doc, thrift1).findMany(['doc-1', 'doc-missing', 'doc-3'])).toEqual(found);
});

it('honours versions and timestamp in one call too', async () => {
  const calls = jest.spyOn(thrift2, 'call');
  const doc = await new Repository(Doc, thrift2).findOne('doc-2', { versions: 2, timestamp: 1003 });
  expect(calls.mock.calls.map((c) => c[0])).toEqual(['getMultiple']);
  calls.mockRestore();
  expect(doc?.bodies).toEqual([
    { value: 'body-2', timestamp: 1002 },
    { value: 'body-1', timestamp: 1001 },
  ]);
  expect(await new Repository(Doc, thrift1).findOne('doc-2', { versions: 2, timestamp: 1003 })).toEqual(doc);
});

it('finds and scans in a time range: each field its newest version in it, rows without any left out', async () => {
  const docs = new Repository(Doc, thrift2);
  const inRange = await docs.findOne('doc-1', { timeRange: { from: 1001, to: 1003 } });
  // The title was written at the server's time, outside the range.
  expect(inRange).toEqual(
    Object.assign(new Doc(), {
      id: 'doc-1',
      bodies: [
        { value: 'body-2', timestamp: 1002 },
        { value: 'body-1', timestamp: 1001 },
      ],
      tags: [
        { value: 'tag-2', timestamp: 1002 },
        { value: 'tag-1', timestamp: 1001 },
      ],
    }),
  );
  expect(await docs.findOne('doc-1', { timeRange: { from: 1, to: 2 } })).toBeUndefined();
  const scanned = await docs.scan({ timeRange: { from: 1003, to: 1004 } }).toArray();
  expect(scanned.map((d) => [d.id, d.title, d.bodies?.map((b) => b.value)])).toEqual([
    ['doc-1', undefined, ['body-3']],
    ['doc-2', undefined, ['body-3']],
    ['doc-3', undefined, ['body-3']],
  ]);
});

it('refuses a time range on Thrift1, and with timestamp, before anything is sent', async () => {
  await expect(
    new Repository(Doc, thrift1).findOne('doc-1', { timeRange: { from: 1001 } }),
  ).rejects.toMatchObject({ name: 'NotSupportedError' });
  await expect(
    new Repository(Doc, thrift1).scan({ timeRange: { from: 1001 } }).toArray(),
  ).rejects.toMatchObject({ name: 'NotSupportedError' });
  await expect(
    new Repository(Doc, thrift2).findOne('doc-1', { timeRange: { from: 1001 }, timestamp: 5 }),
  ).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'options.timeRange' });
});

it('fills histories from the scan itself with versions, pages included', async () => {
  const docs = new Repository(Doc, thrift2);
  const scanned = await docs.scan({ versions: 2 }).toArray();
  expect(scanned.map((d) => [d.id, d.title, d.bodies?.map((b) => b.timestamp), d.tags?.length])).toEqual([
    ['doc-1', 'title doc-1', [1003, 1002], 2],
    ['doc-2', 'title doc-2', [1003, 1002], 2],
    ['doc-3', 'title doc-3', [1003, 1002], 2],
  ]);
  const page = await docs.page({ size: 2, versions: 3 });
  expect(page.items.map((d) => d.bodies?.map((b) => b.value))).toEqual([
    ['body-3', 'body-2', 'body-1'],
    ['body-3', 'body-2', 'body-1'],
  ]);
  expect(page.nextCursor).toBeDefined();
  await expect(docs.count({ versions: 2 } as never)).rejects.toMatchObject({ argument: 'options.versions' });
});
