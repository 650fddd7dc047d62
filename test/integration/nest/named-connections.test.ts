// Two named connections in one app: each has its own pool (here on two table prefixes), its own
// repositories, tokens and shutdown; `isGlobal: false` keeps a pool's token to its importers.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConnectionPool, Repository } from '../../../src';
import {
  getConnectionPoolToken,
  getRepositoryToken,
  HBaseModule,
  InjectConnectionPool,
  InjectRepository,
} from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, Event, poolOptions, tablesWithPrefix, User, user } from './fixtures';

const mainPrefix = uniquePrefix('nest_main');
const archivePrefix = uniquePrefix('nest_archive');

@Injectable()
class ArchiveService {
  constructor(
    @InjectRepository(User) private readonly live: Repository<User>,
    @InjectRepository(User, 'archive') private readonly archived: Repository<User>,
    @InjectConnectionPool('archive') readonly archivePool: ConnectionPool,
  ) {}

  /** Moves a user from the main connection to the archive. */
  async archive(id: string): Promise<void> {
    const found = await this.live.findOneOrFail(id);
    await this.archived.save(found);
    await this.live.delete(id);
  }
}

@Module({
  imports: [HBaseModule.forFeature([User]), HBaseModule.forFeature([User, Event], 'archive')],
  providers: [ArchiveService],
})
class ArchiveModule {}

@Module({
  imports: [
    HBaseModule.forRoot({ ...poolOptions(mainPrefix), entities: [User], synchronize: true }),
    HBaseModule.forRootAsync({
      name: 'archive',
      useFactory: () => ({
        ...poolOptions(archivePrefix),
        size: 1,
        entities: [User, Event],
        synchronize: true,
      }),
    }),
    ArchiveModule,
  ],
})
class AppModule {}

afterAll(async () => {
  await dropTables(mainPrefix);
  await dropTables(archivePrefix);
});

it('gives each connection its own pool, tables and repositories', async () => {
  const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
  await app.init();
  const main = app.get<ConnectionPool>(getConnectionPoolToken());
  const archive = app.get<ConnectionPool>(getConnectionPoolToken('archive'));
  try {
    expect(await tablesWithPrefix(mainPrefix)).toEqual(['users']);
    expect(await tablesWithPrefix(archivePrefix)).toEqual(['events', 'users']);
    expect(main).not.toBe(archive);
    expect(archive.size).toBe(1);
    expect(app.get(ArchiveService).archivePool).toBe(archive);

    const live = app.get<Repository<User>>(getRepositoryToken(User));
    const archived = app.get<Repository<User>>(getRepositoryToken(User, 'archive'));
    expect(live.source).toBe(main);
    expect(archived.source).toBe(archive);
    expect(app.get<Repository<Event>>(getRepositoryToken(Event, 'archive'))).toBeInstanceOf(Repository);

    await live.save(user({ id: 'u1', name: 'Ada' }));
    await app.get(ArchiveService).archive('u1');
    expect(await live.findOne('u1')).toBeUndefined();
    expect(await archived.findOne('u1')).toMatchObject({ id: 'u1', name: 'Ada' });
  } finally {
    await app.close();
  }
  // Both pools are closed at shutdown.
  await expect(main.acquire()).rejects.toThrow(/closed/);
  await expect(archive.acquire()).rejects.toThrow(/closed/);
});

it('fails start-up naming the missing pool when forFeature names an unconfigured connection', async () => {
  const builder = Test.createTestingModule({
    imports: [HBaseModule.forRoot(poolOptions(mainPrefix)), HBaseModule.forFeature([User], 'nowhere')],
  });
  await expect(builder.compile()).rejects.toThrow(/HBaseCorePool:nowhere/);
});

describe('isGlobal: false', () => {
  @Injectable()
  class NeedsPool {
    constructor(@InjectConnectionPool() readonly pool: ConnectionPool) {}
  }

  @Injectable()
  class NeedsRepository {
    constructor(@InjectRepository(User) readonly users: Repository<User>) {}
  }

  @Module({ imports: [HBaseModule.forFeature([User])], providers: [NeedsRepository] })
  class FeatureModule {}

  it('keeps the pool token to the importing module, while repositories work everywhere', async () => {
    @Module({ providers: [NeedsPool] })
    class Elsewhere {}
    const isolated = Test.createTestingModule({
      imports: [HBaseModule.forRoot({ ...poolOptions(mainPrefix), isGlobal: false }), Elsewhere],
    });
    await expect(isolated.compile()).rejects.toThrow(/NeedsPool/);

    const app = await Test.createTestingModule({
      imports: [HBaseModule.forRoot({ ...poolOptions(mainPrefix), isGlobal: false }), FeatureModule],
      providers: [NeedsPool],
    }).compile();
    try {
      expect(app.get(NeedsPool).pool).toBeInstanceOf(ConnectionPool);
      expect(app.get(NeedsRepository).users.source).toBe(app.get(NeedsPool).pool);
    } finally {
      await app.close();
    }
  });
});
