// Optimistic locking with @VersionColumn against the real Thrift2 gateway (checkAndMutate), in
// both decorator modes; on a Thrift1 gateway, a versioned save is refused before anything is sent.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Entity,
  InvalidArgumentError,
  int32,
  NotSupportedError,
  OptimisticLockError,
  Repository,
  RowKey,
  syncSchema,
  utf8,
  VersionColumn,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`locking-${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'accounts', families: { a: { maxVersions: 1 } } })
class Account {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'a', codec: int32 }) balance?: number;
  @Column({ family: 'a', codec: utf8 }) note?: string | null;
  @VersionColumn({ family: 'a' }) version?: number;
}

const account = (fields: Partial<Account>) => Object.assign(new Account(), fields);

let connection: Connection;
let accounts: Repository<Account>;

beforeAll(async () => {
  connection = new Connection({ ...gateways.thrift2(), tablePrefix: prefix });
  await syncSchema(connection, [Account]);
  accounts = new Repository(Account, connection);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

describe('@VersionColumn on a Thrift2 gateway', () => {
  it('stores version 1 for a new entity, then the next one on each save, on the entity too', async () => {
    const a = account({ id: 'acc-1', balance: 10 });
    await accounts.save(a);
    expect(a.version).toBe(1);
    a.balance = 20;
    await accounts.save(a);
    expect(a.version).toBe(2);
    expect(await accounts.findOneOrFail('acc-1')).toMatchObject({ balance: 20, version: 2 });
  });

  it('refuses a stale save with OptimisticLockError and writes nothing of it', async () => {
    await accounts.save(account({ id: 'acc-2', balance: 1, note: 'kept' }));
    const first = await accounts.findOneOrFail('acc-2');
    const second = await accounts.findOneOrFail('acc-2');
    first.balance = 2;
    await accounts.save(first);
    second.balance = 3;
    second.note = null; // a delete: refused with the rest
    const error = await accounts.save(second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptimisticLockError);
    expect(error).toMatchObject({ entity: 'Account', expectedVersion: 1 });
    expect(second.version).toBe(1);
    expect(await accounts.findOneOrFail('acc-2')).toMatchObject({ balance: 2, note: 'kept', version: 2 });
  });

  it('refuses a new entity whose row another writer created', async () => {
    await accounts.save(account({ id: 'acc-3', balance: 1 }));
    const error = await accounts.save(account({ id: 'acc-3', balance: 99 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptimisticLockError);
    expect((error as OptimisticLockError).expectedVersion).toBeUndefined();
    expect((await accounts.findOneOrFail('acc-3')).balance).toBe(1);
  });

  it('checks update() against the version in the changes, and requires one', async () => {
    await accounts.save(account({ id: 'acc-4', balance: 5 }));
    await expect(accounts.update('acc-4', { balance: 6 })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'changes.version',
    });
    await accounts.update('acc-4', { balance: 6, version: 1 });
    await expect(accounts.update('acc-4', { balance: 7, version: 1 })).rejects.toBeInstanceOf(
      OptimisticLockError,
    );
    expect(await accounts.findOneOrFail('acc-4')).toMatchObject({ balance: 6, version: 2 });
  });

  it('refuses a version that is not a non-negative integer before anything is sent', async () => {
    for (const version of [-1, 1.5, '1', 2n]) {
      const error = await accounts
        .save(account({ id: 'acc-5', balance: 1, version: version as number }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('entity.version');
    }
    expect(await accounts.findOne('acc-5')).toBeUndefined();
  });

  it('under contention: per round exactly one of 8 writers of one version wins, no update is lost', async () => {
    await accounts.save(account({ id: 'acc-hot', balance: 0 }));
    const writers = 8;
    const rounds = 15;
    let applied = 0;
    for (let round = 0; round < rounds; round++) {
      const read = await Promise.all(
        Array.from({ length: writers }, () => accounts.findOneOrFail('acc-hot')),
      );
      const outcomes = await Promise.allSettled(
        read.map((a) => {
          a.balance = (a.balance ?? 0) + 1;
          return accounts.save(a);
        }),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled').length;
      const lost = outcomes.filter(
        (o) => o.status === 'rejected' && o.reason instanceof OptimisticLockError,
      ).length;
      expect([won, lost]).toEqual([1, writers - 1]);
      applied += won;
    }
    // Every accepted increment is in the row: none was overwritten by a stale writer.
    expect(await accounts.findOneOrFail('acc-hot')).toMatchObject({ balance: applied, version: applied + 1 });
  });
});

describe('@VersionColumn on a Thrift1 gateway', () => {
  it('rejects a versioned save with NotSupportedError, writing nothing', async () => {
    const thrift1 = new Connection({ ...gateways.thrift1(), tablePrefix: prefix });
    try {
      const repository = new Repository(Account, thrift1);
      await expect(repository.save(account({ id: 'acc-t1', balance: 1 }))).rejects.toBeInstanceOf(
        NotSupportedError,
      );
      expect(await repository.findOne('acc-t1')).toBeUndefined();
    } finally {
      await thrift1.close();
    }
  });
});
