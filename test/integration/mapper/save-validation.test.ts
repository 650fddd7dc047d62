// save() validates every entity whole before writing anything: an invalid @Versions timestamp
// (or history entry) is an InvalidArgumentError naming the field, and no cell of the call is
// written. Against the real HBase, in both decorator modes.
import 'reflect-metadata';
import { Column, Connection, Entity, Repository, RowKey, syncSchema, utf8, Versions } from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { rejection } from '../../support/rejection';

const prefix = uniquePrefix(`savecheck_${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'plans', families: { p: {}, h: { maxVersions: 5 } } })
class Account {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'p', codec: utf8 }) name?: string;
  @Versions({ family: 'h', qualifier: 'plan', codec: utf8 }) plans?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

let admin: Connection;
let accounts: Repository<Account>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Account]);
  accounts = new Repository(Account, admin);
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const account = (fields: Partial<Account>) => Object.assign(new Account(), fields);

describe('save validates before writing', () => {
  it.each([
    ['a negative timestamp', [{ value: 'pro', timestamp: -5 }], 'entity.plans[0].timestamp'],
    [
      'a fractional timestamp',
      [{ value: 'a' }, { value: 'pro', timestamp: 1.5 }],
      'entity.plans[1].timestamp',
    ],
    ['a string timestamp', [{ value: 'pro', timestamp: '1700000000000' }], 'entity.plans[0].timestamp'],
    ['a null entry', [null], 'entity.plans[0]'],
    ['an entry without value', [{ timestamp: 5 }], 'entity.plans[0].value'],
  ])('%s: nothing of the entity is written', async (_, plans, argument) => {
    const error = await rejection(accounts.save(account({ id: 'a1', name: 'Ada', plans: plans as never })));
    expect(error.argument).toBe(argument);
    expect(await accounts.findOne('a1')).toBeUndefined();
  });

  it('one invalid entity in a list: none of the list is written', async () => {
    const error = await rejection(
      accounts.save([
        account({ id: 'ok1', name: 'fine', plans: [{ value: 'basic', timestamp: 1000 }] }),
        account({ id: 'bad', name: 'Bob', plans: [{ value: 'pro', timestamp: -1 }] }),
      ]),
    );
    expect(error.argument).toBe('entities[1].plans[0].timestamp');
    expect(await accounts.findOne('ok1')).toBeUndefined();
    expect(await accounts.findOne('bad')).toBeUndefined();
  });

  it('valid timestamps are written at their time', async () => {
    await accounts.save(
      account({
        id: 'a2',
        name: 'Cy',
        plans: [
          { value: 'pro', timestamp: 2000 },
          { value: 'basic', timestamp: 1000 },
        ],
      }),
    );
    const found = await accounts.findOne('a2');
    expect(found?.plans).toEqual([
      { value: 'pro', timestamp: 2000 },
      { value: 'basic', timestamp: 1000 },
    ]);
  });
});

describe('keys longer than the table allows are refused before any batch', () => {
  const tooLong = () => 'k'.repeat(admin.table('plans').maxRowKey + 1);

  it('save([a, b, tooLong]): nothing is written, the error names entities[2].id', async () => {
    const error = await rejection(
      accounts.save([
        account({ id: 'long-a', name: 'A' }),
        account({ id: 'long-b', name: 'B' }),
        account({ id: tooLong(), name: 'C' }),
      ]),
    );
    expect(error.argument).toBe('entities[2].id');
    expect(await accounts.findOne('long-a')).toBeUndefined();
    expect(await accounts.findOne('long-b')).toBeUndefined();
  });

  it('a too-long key among timed @Versions writes: no version is written', async () => {
    const error = await rejection(
      accounts.save([
        account({ id: 'long-v', plans: [{ value: 'pro', timestamp: 1000 }] }),
        account({ id: tooLong(), plans: [{ value: 'pro', timestamp: 1000 }] }),
      ]),
    );
    expect(error.argument).toBe('entities[1].id');
    expect(await accounts.findOne('long-v')).toBeUndefined();
  });

  it('save(entity), update(key) and the reads name the key or its field', async () => {
    expect((await rejection(accounts.save(account({ id: tooLong(), name: 'x' })))).argument).toBe(
      'entity.id',
    );
    expect((await rejection(accounts.update(tooLong(), { name: 'x' }))).argument).toBe('key');
    expect((await rejection(accounts.findMany(['a', tooLong()]))).argument).toBe('keys[1]');
    expect((await rejection(accounts.findOne(tooLong()))).argument).toBe('key');
    expect((await rejection(accounts.exists(tooLong()))).argument).toBe('key');
  });

  it('delete([a, tooLong]) deletes nothing and names keys[1]', async () => {
    await accounts.save(account({ id: 'long-d', name: 'D' }));
    const error = await rejection(accounts.delete(['long-d', tooLong()]));
    expect(error.argument).toBe('keys[1]');
    expect(await accounts.findOne('long-d')).toBeDefined();
  });

  it('a key of exactly the limit is written', async () => {
    const longest = 'k'.repeat(admin.table('plans').maxRowKey);
    await accounts.save(account({ id: longest, name: 'L' }));
    expect((await accounts.findOne(longest))?.name).toBe('L');
    await accounts.delete(longest);
  });
});
