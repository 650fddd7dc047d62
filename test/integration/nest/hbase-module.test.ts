// HBaseModule against the real HBase: wiring, injection, a service end to end, synchronize and
// shutdown. Runs in the integration-legacy project only (NestJS needs experimentalDecorators).
import 'reflect-metadata';
import { Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConnectionPool, Entity, HBaseError, Repository, RowKey, utf8 } from '../../../src';
import {
  getConnectionPoolToken,
  getRepositoryToken,
  HBaseModule,
  InjectConnectionPool,
  InjectRepository,
} from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, Event, poolOptions, tablesWithPrefix, User, user } from './fixtures';

const prefix = uniquePrefix('nest_module');

@Injectable()
class UsersService {
  constructor(
    @InjectRepository(User) readonly users: Repository<User>,
    @InjectConnectionPool() readonly pool: ConnectionPool,
  ) {}

  async signUp(id: string, name: string): Promise<void> {
    await this.users.save(user({ id, name }));
  }

  async logIn(id: string): Promise<bigint> {
    await this.users.findOneOrFail(id);
    return this.users.increment(id, 'logins');
  }

  async profile(id: string): Promise<User | undefined> {
    return this.users.findOne(id);
  }

  /** Raw access through the pool: the escape hatch. */
  async rawName(id: string): Promise<string | undefined> {
    const row = await this.pool.connection((c) => c.table('users').row(id, { columns: ['info:name'] }));
    return row['info:name']?.toString();
  }
}

/** Injects the default pool by its type alone, as with TypeORM's DataSource. */
@Injectable()
class PoolByType {
  constructor(readonly pool: ConnectionPool) {}
}

@Module({ imports: [HBaseModule.forFeature([User])], providers: [UsersService], exports: [UsersService] })
class UsersModule {}

@Module({
  imports: [
    HBaseModule.forRoot({ ...poolOptions(prefix), entities: [User, Event], synchronize: true }),
    UsersModule,
  ],
  providers: [PoolByType],
})
class AppModule {}

afterAll(async () => {
  await dropTables(prefix);
});

describe('HBaseModule.forRoot', () => {
  it('creates the tables of `entities` at start-up with synchronize, and wires repositories and the pool', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
    try {
      expect(await tablesWithPrefix(prefix)).toEqual(['events', 'users']);

      const service = app.get(UsersService);
      expect(service.users).toBeInstanceOf(Repository);
      expect(service.users.tableName).toBe('users');
      expect(service.pool).toBeInstanceOf(ConnectionPool);
      // One pool per connection, whichever way it is asked for; one repository shared by all.
      expect(app.get(PoolByType).pool).toBe(service.pool);
      expect(app.get(getConnectionPoolToken())).toBe(service.pool);
      expect(service.users.source).toBe(service.pool);
      expect(app.get(getRepositoryToken(User))).toBe(service.users);
    } finally {
      await app.close();
    }
  });

  it('runs a service that uses a repository and the raw pool end to end', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
    try {
      const service = app.get(UsersService);
      await service.signUp('u1', 'Ada');
      await service.signUp('u2', 'Alan');
      expect(await service.logIn('u1')).toBe(1n);
      expect(await service.logIn('u1')).toBe(2n);
      await expect(service.logIn('nobody')).rejects.toThrow(/not found/i);

      const ada = await service.profile('u1');
      expect(ada).toBeInstanceOf(User);
      expect(ada).toMatchObject({ id: 'u1', name: 'Ada', logins: 2n });
      expect(await service.rawName('u2')).toBe('Alan');
      expect((await service.users.scan().toArray()).map((u) => u.id)).toEqual(['u1', 'u2']);
    } finally {
      await app.close();
    }
  });

  it('is harmless to synchronize again: existing tables are kept with their data', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
    try {
      expect(await app.get(UsersService).profile('u2')).toMatchObject({ name: 'Alan' });
    } finally {
      await app.close();
    }
  });
});

describe('synchronize', () => {
  it('logs how existing tables differ from the declarations, changing nothing', async () => {
    @Entity({ table: 'users', families: { info: { maxVersions: 3 }, extra: {} } })
    class UserV2 {
      @RowKey({ codec: utf8 }) id!: string;
    }
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const app = await Test.createTestingModule({
        imports: [HBaseModule.forRoot({ ...poolOptions(prefix), entities: [UserV2], synchronize: true })],
      }).compile();
      await app.close();
      expect(warn.mock.calls.map(([message]) => message)).toEqual([
        'connection "default": table users, family info: maxVersions is 1 in HBase, declared 3',
        'connection "default": table users, family extra: family is missing',
      ]);
    } finally {
      warn.mockRestore();
    }
    expect(await tablesWithPrefix(prefix)).toEqual(['events', 'users']);
  });

  it('does nothing without synchronize', async () => {
    const other = `${prefix}-nosync`;
    const app = await Test.createTestingModule({
      imports: [HBaseModule.forRoot({ ...poolOptions(other), entities: [User, Event] })],
    }).compile();
    await app.close();
    expect(await tablesWithPrefix(other)).toEqual([]);
  });
});

describe('shutdown', () => {
  it('closes the pool when the application closes', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const nest = app.createNestApplication({ logger: false });
    await nest.init();
    const pool = nest.get(ConnectionPool);
    const connection = await pool.connection(async (c) => {
      await c.tables();
      return c;
    });
    expect(connection.isOpen).toBe(true);

    await nest.close();

    expect(connection.isOpen).toBe(false);
    await expect(pool.acquire()).rejects.toThrow(HBaseError);
    await expect(pool.connection((c) => c.tables())).rejects.toThrow(/closed/);
  });

  it('closes the pool after the app’s own shutdown hooks, which can still use HBase', async () => {
    const seen: Array<string | undefined> = [];
    @Injectable()
    class FlushOnShutdown implements OnApplicationShutdown {
      constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
      async onApplicationShutdown(): Promise<void> {
        seen.push((await this.users.findOne('u1'))?.name ?? undefined);
      }
    }
    @Module({ imports: [HBaseModule.forFeature([User])], providers: [FlushOnShutdown] })
    class FlushModule {}

    const app = await Test.createTestingModule({ imports: [AppModule, FlushModule] }).compile();
    await app.init();
    await app.close();
    expect(seen).toEqual(['Ada']);
  });

  it('waits for a lease in progress before closing', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
    const pool = app.get(ConnectionPool);
    const lease = await pool.acquire();
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    expect(await lease.connection.tables()).toContain('users');
    await lease.release();
    await closing;
    expect(lease.connection.isOpen).toBe(false);
  });
});
