// HBaseModule.forRootAsync: options from a configuration service (useFactory + inject), from an
// options factory class (useClass) and from an exported one (useExisting).
import 'reflect-metadata';
import { type DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConnectionPool, type Repository } from '../../../src';
import {
  getRepositoryToken,
  type HBaseConnectionOptions,
  HBaseModule,
  type HBaseOptionsFactory,
} from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, Event, poolOptions, tablesWithPrefix, User, user } from './fixtures';

const prefix = uniquePrefix('nest_async');
const SETTINGS = Symbol('settings');

/** A ConfigService-like provider: settings read by key. */
@Injectable()
class ConfigService {
  constructor(@Inject(SETTINGS) private readonly settings: Record<string, unknown>) {}
  get<T>(key: string): T {
    return this.settings[key] as T;
  }
}

@Module({
  providers: [
    { provide: SETTINGS, useValue: { HBASE: poolOptions(prefix), HBASE_SYNC: true } },
    ConfigService,
  ],
  exports: [ConfigService],
})
class ConfigModule {}

@Injectable()
class HBaseConfig implements HBaseOptionsFactory {
  static calls: string[] = [];
  constructor(private readonly config: ConfigService) {}
  createHBaseOptions(name: string): HBaseConnectionOptions {
    HBaseConfig.calls.push(name);
    return { ...this.config.get<HBaseConnectionOptions>('HBASE'), entities: [Event], synchronize: true };
  }
}

@Module({ imports: [ConfigModule], providers: [HBaseConfig], exports: [HBaseConfig] })
class HBaseConfigModule {}

async function usersOf(root: DynamicModule): Promise<{ close(): Promise<void>; users: Repository<User> }> {
  const app = await Test.createTestingModule({
    imports: [root, HBaseModule.forFeature([User])],
  }).compile();
  await app.init();
  return { close: () => app.close(), users: app.get(getRepositoryToken(User)) };
}

afterAll(async () => {
  await dropTables(prefix);
});

it('builds the options with useFactory from an injected configuration service', async () => {
  const factory = jest.fn(async (config: ConfigService) => ({
    ...config.get<HBaseConnectionOptions>('HBASE'),
    entities: [User],
    synchronize: config.get<boolean>('HBASE_SYNC'),
  }));
  const { close, users } = await usersOf(
    HBaseModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: factory }),
  );
  try {
    expect(factory).toHaveBeenCalledTimes(1);
    expect(await tablesWithPrefix(prefix)).toContain('users');
    const pool = users.source as ConnectionPool;
    expect(pool).toBeInstanceOf(ConnectionPool);
    expect(pool.size).toBe(2);
    await users.save(user({ id: 'a1', name: 'Async' }));
    expect(await users.findOne('a1')).toMatchObject({ name: 'Async' });
  } finally {
    await close();
  }
});

it('builds the options with useClass, whose own dependencies come from `imports`', async () => {
  HBaseConfig.calls = [];
  const { close, users } = await usersOf(
    HBaseModule.forRootAsync({ imports: [ConfigModule], useClass: HBaseConfig }),
  );
  try {
    expect(HBaseConfig.calls).toEqual(['default']);
    expect(await tablesWithPrefix(prefix)).toEqual(['events', 'users']);
    expect(await users.findOne('a1')).toMatchObject({ name: 'Async' });
  } finally {
    await close();
  }
});

it('builds the options with useExisting, reusing the factory an imported module exports', async () => {
  HBaseConfig.calls = [];
  const { close, users } = await usersOf(
    HBaseModule.forRootAsync({ imports: [HBaseConfigModule], useExisting: HBaseConfig }),
  );
  try {
    expect(HBaseConfig.calls).toEqual(['default']);
    expect(await users.count()).toBe(1);
  } finally {
    await close();
  }
});

it('fails start-up with the pool’s own error when the factory returns invalid options', async () => {
  const builder = Test.createTestingModule({
    imports: [HBaseModule.forRootAsync({ useFactory: () => ({ size: 0 }) }), HBaseModule.forFeature([User])],
  });
  await expect(builder.compile()).rejects.toThrow(/options\.size/);
});
