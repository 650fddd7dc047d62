// bigint in JSON responses: a controller returns entities with counters (bigint) read from the real
// HBase, and is called over HTTP. Without BigIntToStringInterceptor, Express's JSON.stringify
// fails (a 500); with it, counters are decimal strings, alongside ClassSerializerInterceptor in
// either order. Runs in the integration-legacy project only (NestJS needs experimentalDecorators).
import 'reflect-metadata';
import {
  ClassSerializerInterceptor,
  Controller,
  Get,
  type INestApplication,
  Logger,
  Module,
  NotFoundException,
  Param,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Exclude } from 'class-transformer';
import {
  Column,
  ColumnMap,
  Counter,
  Entity,
  int64,
  type Repository,
  RowKey,
  RowKeyFields,
  utf8,
} from '../../../src';
import {
  BigIntToStringInterceptor,
  getRepositoryToken,
  HBaseModule,
  InjectRepository,
} from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, poolOptions } from './fixtures';

const prefix = uniquePrefix('nest_bigint');

@Entity({ table: 'players', families: { info: {}, stats: {}, tags: {} } })
class Player {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Exclude() @Column({ family: 'info', codec: utf8 }) secret?: string;
  @Column({ family: 'info', codec: int64 }) bornAt?: bigint;
  @Counter({ family: 'stats' }) score?: bigint;
  @ColumnMap({ family: 'tags', codec: utf8 }) tags?: Map<string, string>;
}

@Controller('players')
class PlayersController {
  constructor(@InjectRepository(Player) private readonly players: Repository<Player>) {}

  @Get()
  list(): Promise<Player[]> {
    return this.players.scan().toArray();
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<{ player: Player; rank: bigint }> {
    const player = await this.players.findOne(id);
    if (!player) throw new NotFoundException();
    return { player, rank: 1n };
  }
}

@Module({
  imports: [
    HBaseModule.forRoot({ ...poolOptions(prefix), entities: [Player], synchronize: true }),
    HBaseModule.forFeature([Player]),
  ],
  controllers: [PlayersController],
})
class AppModule {}

/** Starts the app on a loopback port with the given global interceptors (outermost first). */
async function start(...interceptors: Array<Type<unknown> | 'serializer'>): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalInterceptors(
    ...interceptors.map((i) =>
      i === 'serializer'
        ? new ClassSerializerInterceptor(app.get(Reflector))
        : new BigIntToStringInterceptor(),
    ),
  );
  await app.listen(0, '127.0.0.1');
  return app;
}

async function get(app: INestApplication, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${await app.getUrl()}${path}`);
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  const app = await start();
  try {
    const players: Repository<Player> = app.get(getRepositoryToken(Player));
    await players.save(
      Object.assign(new Player(), {
        id: 'ada',
        name: 'Ada',
        secret: 's3cret',
        bornAt: -4_575_744_000_000n,
        tags: new Map([['team', 'blue']]),
      }),
    );
    // Above 2^53: as a number it would be rounded to ...992.
    expect(await players.increment('ada', 'score', 9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
  } finally {
    await app.close();
  }
});

afterAll(async () => {
  await dropTables(prefix);
});

it.each([
  ['no interceptor', []],
  ['ClassSerializerInterceptor alone', ['serializer'] as const],
])('with %s, a response holding a bigint fails with a 500', async (_, interceptors) => {
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const app = await start(...interceptors);
  try {
    const { status } = await get(app, '/players/ada');
    expect(status).toBe(500);
    expect(error.mock.calls.flat().join(' ')).toMatch(/serialize a BigInt/);
  } finally {
    await app.close();
    error.mockRestore();
  }
});

it('with BigIntToStringInterceptor, counters and int64 fields are decimal strings, every digit kept', async () => {
  const app = await start(BigIntToStringInterceptor);
  try {
    expect(await get(app, '/players/ada')).toEqual({
      status: 200,
      body: {
        player: {
          id: 'ada',
          name: 'Ada',
          secret: 's3cret', // no ClassSerializerInterceptor here: @Exclude does not apply
          bornAt: '-4575744000000',
          score: '9007199254740993',
          tags: { team: 'blue' }, // a Map, which JSON.stringify would have made {}
        },
        rank: '1',
      },
    });
    expect((await get(app, '/players')).body).toEqual([
      expect.objectContaining({ score: '9007199254740993' }),
    ]);
    expect((await get(app, '/players/nobody')).status).toBe(404);
  } finally {
    await app.close();
  }
});

it.each([
  ['outside', [BigIntToStringInterceptor, 'serializer'] as const],
  ['inside', ['serializer', BigIntToStringInterceptor] as const],
])('works with ClassSerializerInterceptor %s it: @Exclude still applies', async (_, order) => {
  const app = await start(...order);
  try {
    const { status, body } = await get(app, '/players');
    expect(status).toBe(200);
    expect(body).toEqual([
      { id: 'ada', name: 'Ada', bornAt: '-4575744000000', score: '9007199254740993', tags: { team: 'blue' } },
    ]);
  } finally {
    await app.close();
  }
});
