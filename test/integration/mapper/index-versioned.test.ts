// Indexes of a @VersionColumn entity: its checked writes (checkAndMutate, Thrift2) get their index
// entries like plain saves; a write refused by a conflict leaves only a dangling entry, never
// returned; on a Thrift1 gateway, where a versioned save is refused, nothing is sent, entries
// included. Addresses both gateways by name: one run covers both APIs.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Entity,
  Index,
  NotSupportedError,
  OptimisticLockError,
  Repository,
  RowKey,
  syncSchema,
  utf8,
  utf8Key,
  VersionColumn,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`index-versioned-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'tickets', families: { t: { maxVersions: 1 } } })
class Ticket {
  @RowKey({ codec: utf8 }) id!: string;
  @Index() @Column({ family: 't', codec: utf8Key }) state?: string;
  @VersionColumn({ family: 't' }) version?: number;
}

const ticket = (fields: Partial<Ticket>) => Object.assign(new Ticket(), fields);

let connection: Connection;
let tickets: Repository<Ticket>;

beforeAll(async () => {
  connection = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
  await syncSchema(connection, [Ticket]);
  tickets = new Repository(Ticket, connection);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

it('indexes checked writes; a conflict leaves a dangling entry that reads drop', async () => {
  const t = ticket({ id: 't1', state: 'open' });
  await tickets.save(t);
  expect(t.version).toBe(1);
  const stale = ticket({ id: 't1', state: 'closed', version: 1 });
  await tickets.save(ticket({ id: 't1', state: 'assigned', version: 1 }));
  await expect(tickets.save(stale)).rejects.toBeInstanceOf(OptimisticLockError);
  const byState = tickets.index('byState');
  expect(await byState.find('closed')).toEqual([]);
  expect(await byState.find('open')).toEqual([]);
  expect((await byState.find('assigned')).map((x) => [x.id, x.version])).toEqual([['t1', 2]]);
  await tickets.update('t1', { state: 'done', version: 2 });
  expect((await byState.find('done')).map((x) => x.id)).toEqual(['t1']);
  // The update left 'assigned' stale: the read drops and repairs it.
  expect(await byState.find('assigned')).toEqual([]);
  expect(await byState.verify()).toMatchObject({ stale: 0, missing: 0, consistent: true });
});

it('on a Thrift1 gateway a versioned save is refused with nothing sent, entries included', async () => {
  const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
  const before = (await connection.table('tickets.idx.byState').scan().toArray()).length;
  await expect(
    new Repository(Ticket, thrift1).save(ticket({ id: 't2', state: 'new' })),
  ).rejects.toBeInstanceOf(NotSupportedError);
  await thrift1.close();
  expect((await connection.table('tickets.idx.byState').scan().toArray()).length).toBe(before);
});
