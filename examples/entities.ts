// Entity modelling: users with per-user counters and tags, and their events stored newest first
// under a composite row key. Run with `npm run example entities`.
import 'reflect-metadata';
import {
  Column,
  ColumnMap,
  ConnectionPool,
  Counter,
  date,
  descending,
  Entity,
  json,
  Repository,
  RowKey,
  RowKeyFields,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
} from 'hbase-mapper';

@Entity({ table: 'users', families: { profile: { maxVersions: 1 }, stats: {}, tags: {} } })
class User {
  declare [RowKeyFields]?: 'id'; // for the compiler: keys of User are its id (a string)
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'profile', codec: utf8 }) name?: string;
  @Column({ family: 'profile', codec: utf8 }) email?: string | null;
  @Column({ family: 'profile', qualifier: 'since', codec: date }) memberSince?: Date;
  @Counter({ family: 'stats' }) logins?: bigint;
  @Counter({ family: 'stats' }) purchases?: bigint;
  @ColumnMap({ family: 'tags', codec: utf8 }) tags?: Map<string, string>;
}

interface Purchase {
  sku: string;
  cents: number;
}

// Row key = userId, then the time in descending order: a prefix scan on the user returns the
// newest events first, and one user's events sit together on disk.
@Entity({ table: 'user_events', families: { e: { maxVersions: 1, timeToLive: 90 * 24 * 3600 } } })
class UserEvent {
  declare [RowKeyFields]?: ['userId', 'at']; // keys: { userId, at } or ['ada', 17n]
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
  @Column({ family: 'e', codec: utf8 }) kind!: string;
  @Column({ family: 'e', codec: json<Purchase>() }) purchase?: Purchase;
}

async function main(): Promise<void> {
  await using pool = new ConnectionPool({
    size: 4,
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    tablePrefix: `example-entities-${Date.now().toString(36)}`,
  });
  const report = await pool.connection((c) =>
    syncSchema(c, [User, UserEvent], {
      onProgress: (p) => console.log(`schema: ${p.table} ${p.outcome} (${p.tablesDone}/${p.tablesTotal})`),
    }),
  );
  console.log('schema:', report);

  const users = new Repository(User, pool);
  const events = new Repository(UserEvent, pool);

  await users.save([
    Object.assign(new User(), {
      id: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      memberSince: new Date('2026-01-10T09:00:00Z'),
      tags: new Map([
        ['plan', 'pro'],
        ['lang', 'en'],
      ]),
    }),
    Object.assign(new User(), {
      id: 'alan',
      name: 'Alan Turing',
      memberSince: new Date('2026-03-01T12:00:00Z'),
    }),
  ]);

  const start = Date.parse('2026-11-01T00:00:00Z');
  const timeline: UserEvent[] = [];
  for (let i = 0; i < 12; i++) {
    const event = Object.assign(new UserEvent(), {
      userId: i % 3 === 0 ? 'alan' : 'ada',
      at: BigInt(start + i * 3_600_000),
      kind: i % 4 === 0 ? 'purchase' : 'login',
    });
    if (event.kind === 'purchase') event.purchase = { sku: `sku-${i}`, cents: 999 + i };
    timeline.push(event);
  }
  await events.save(timeline);
  for (const event of timeline) {
    await users.increment(event.userId, event.kind === 'purchase' ? 'purchases' : 'logins');
  }

  const ada = await users.findOneOrFail('ada');
  console.log(
    `${ada.name} <${ada.email}>: ${ada.logins} logins, ${ada.purchases ?? 0n} purchases, tags`,
    ada.tags,
  );

  console.log("ada's three latest events:");
  for await (const event of events.scan({ prefix: { userId: 'ada' }, limit: 3 })) {
    console.log(' ', new Date(Number(event.at)).toISOString(), event.kind, event.purchase ?? '');
  }

  const page1 = await events.page({ prefix: { userId: 'ada' }, size: 4 });
  const page2 = await events.page({ prefix: { userId: 'ada' }, size: 4, after: page1.nextCursor });
  console.log(
    'pages of 4:',
    page1.items.length,
    page2.items.length,
    'more after page 2:',
    page2.nextCursor !== undefined,
  );
  console.log('events of alan:', await events.count({ prefix: { userId: 'alan' } }));

  // null clears a cell; undefined leaves it alone.
  await users.update('ada', { email: null });
  const names = await users.findMany(['ada', 'alan', 'nobody'], { select: ['name', 'email'] });
  console.log(
    'after update:',
    names.map((u) => `${u.name} <${u.email ?? 'no email'}>`),
  );

  // The raw table is always at hand.
  const raw = await users.raw((table) => table.row('ada', { columns: ['stats'] }));
  console.log('raw stats cells:', Object.keys(raw));

  await pool.connection(async (c) => {
    for (const table of await c.tables()) await c.deleteTable(table, { disable: true });
  });
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
