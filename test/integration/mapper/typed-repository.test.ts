// Repositories of entities that declare their key fields (RowKeyFields), against the real HBase,
// in both decorator modes: what the types promise (test/types/mapper-types.ts) is what happens.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Counter,
  descending,
  Entity,
  InvalidArgumentError,
  int64,
  Repository,
  RowKey,
  RowKeyFields,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`typed_${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'accounts', families: { info: {}, stats: {} } })
class Account {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string; // not `| null`: update still takes null
  @Column({ family: 'info', codec: utf8 }) email?: string;
  @Column({ family: 'info', codec: int64 }) version?: bigint; // a bigint that is not a counter
  @Counter({ family: 'stats' }) visits?: bigint;
}

@Entity({ table: 'readings', families: { r: {} } })
class Reading {
  declare [RowKeyFields]?: ['sensor', 'at'];
  @RowKey({ part: 0, codec: utf8Key }) sensor!: string;
  @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
  @Column({ family: 'r', codec: utf8 }) value?: string;
}

let connection: Connection;
let accounts: Repository<Account>;
let readings: Repository<Reading>;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Account, Reading]);
  accounts = new Repository(Account, connection);
  readings = new Repository(Reading, connection);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

it('update: null deletes a cell, undefined leaves it', async () => {
  await accounts.save(Object.assign(new Account(), { id: 'ada', name: 'Ada', email: 'ada@example.org' }));
  await accounts.update('ada', { name: null, email: undefined });
  const ada = await accounts.findOneOrFail('ada');
  expect(ada.name).toBeUndefined();
  expect(ada.email).toBe('ada@example.org');
  const raw = await connection.table('accounts').row('ada');
  expect(Object.keys(raw)).toEqual(['info:email']);
});

it('increment: a counter field counts; a bigint column that is no counter is rejected before any call', async () => {
  expect(await accounts.increment('ada', 'visits')).toBe(1n);
  expect(await accounts.increment({ id: 'ada' }, 'visits', 2n)).toBe(3n);
  const error = await accounts.increment('ada', 'version').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as Error).message).toMatch(/a @Counter field of Account \(visits\)/);
  expect((await accounts.findOneOrFail('ada')).visits).toBe(3n);
});

it('composite keys as objects and as tuples in part order name the same row', async () => {
  await readings.save(Object.assign(new Reading(), { sensor: 's1', at: 100n, value: 'a' }));
  expect((await readings.findOne(['s1', 100n]))?.value).toBe('a');
  expect((await readings.findOne({ sensor: 's1', at: 100n }))?.value).toBe('a');
  await readings.update(['s1', 100n], { value: 'b' });
  expect((await readings.scan({ prefix: { sensor: 's1' } }).toArray()).map((r) => r.value)).toEqual(['b']);
  const error = await readings.findOne({ sensor: 's1', At: 100n } as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as Error).message).toMatch(/key fields \(sensor, at\); missing: at; given: sensor, At/);
});
