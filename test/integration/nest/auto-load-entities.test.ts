// autoLoadEntities: the entities that forFeature registers on a connection join its `entities`,
// so synchronize creates their tables; per connection, and per app (another app's forFeature
// modules, built earlier in the same process, do not count).
import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Entity, RowKey, utf8 } from '../../../src';
import { HBaseModule } from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, Event, poolOptions, tablesWithPrefix, User } from './fixtures';

const mainPrefix = uniquePrefix('nest_autoload');
const archivePrefix = uniquePrefix('nest_autoarch');
const plainPrefix = uniquePrefix('nest_noauto');

@Entity({ table: 'sessions', families: { s: {} } })
class Session {
  @RowKey({ codec: utf8 }) id!: string;
}

@Module({ imports: [HBaseModule.forFeature([User])] })
class UsersModule {}

@Module({ imports: [HBaseModule.forFeature([Event, User])] })
class EventsModule {}

@Module({ imports: [HBaseModule.forFeature([Session], 'archive')] })
class ArchiveModule {}

beforeAll(() => {
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await Promise.all([dropTables(mainPrefix), dropTables(archivePrefix), dropTables(plainPrefix)]);
});

it('creates the tables of every forFeature entity on the connection, each connection its own', async () => {
  const app = await Test.createTestingModule({
    imports: [
      // `entities` and the forFeature entities together, each once.
      HBaseModule.forRoot({
        ...poolOptions(mainPrefix),
        entities: [User],
        synchronize: true,
        autoLoadEntities: true,
      }),
      HBaseModule.forRootAsync({
        name: 'archive',
        useFactory: () => ({ ...poolOptions(archivePrefix), synchronize: true, autoLoadEntities: true }),
      }),
      UsersModule,
      EventsModule,
      ArchiveModule,
    ],
  }).compile();
  await app.close();
  expect(await tablesWithPrefix(mainPrefix)).toEqual(['events', 'users']);
  expect(await tablesWithPrefix(archivePrefix)).toEqual(['sessions']);
});

it('counts only the forFeature modules of this app', async () => {
  // EventsModule and ArchiveModule were declared (and built above), but are not part of this app.
  const app = await Test.createTestingModule({
    imports: [
      HBaseModule.forRoot({ ...poolOptions(plainPrefix), synchronize: true, autoLoadEntities: true }),
      UsersModule,
    ],
  }).compile();
  await app.close();
  expect(await tablesWithPrefix(plainPrefix)).toEqual(['users']);
});

it('leaves forFeature entities out without autoLoadEntities', async () => {
  const prefix = `${plainPrefix}-off`;
  const app = await Test.createTestingModule({
    imports: [
      HBaseModule.forRoot({ ...poolOptions(prefix), entities: [Session], synchronize: true }),
      EventsModule,
    ],
  }).compile();
  await app.close();
  try {
    expect(await tablesWithPrefix(prefix)).toEqual(['sessions']);
  } finally {
    await dropTables(prefix);
  }
});
