// Malformed calls to the mapper (Repository methods, entity declarations, syncSchema): each is a
// typed error naming the argument — for an entity's value its field (`entity.age`, `key.userId`,
// `changes.name`) — as a rejected promise from the Promise-returning methods, with not one byte
// sent to the gateway (a counting proxy stands in front of it) and nothing written.
import {
  type Cell,
  CodecError,
  Connection,
  ConnectionPool,
  defineEntity,
  EntityNotFoundError,
  InvalidArgumentError,
  int32,
  json,
  MetadataError,
  Repository,
  type RowKeyFields,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { type BadInputCase, bad, badSync, expectRejected, uniqueCases } from '../../support/bad-input';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

class User {
  declare [RowKeyFields]?: 'id';
  id!: string;
  name?: string | null;
  age?: number | null;
  visits?: bigint;
  status?: Array<{ value: string; timestamp?: number }> | null;
  tags?: Map<string, string> | null;
  meta?: unknown;
}
defineEntity(User, {
  table: 'users',
  families: { info: { maxVersions: 3 }, tags: {} },
  rowKey: { id: { codec: utf8Key } },
  columns: {
    name: { family: 'info', codec: utf8 },
    age: { family: 'info', codec: int32 },
    meta: { family: 'info', codec: json() },
  },
  counters: { visits: { family: 'info' } },
  versions: { status: { family: 'info', codec: utf8 } },
  columnMaps: { tags: { family: 'tags', codec: utf8 } },
});

class Event {
  declare [RowKeyFields]?: readonly ['userId', 'at'];
  userId!: string;
  at!: bigint;
  kind?: string;
}
defineEntity(Event, {
  table: 'events',
  families: { e: {} },
  rowKey: { userId: { codec: utf8Key, part: 0 }, at: { codec: sortableInt64, part: 1 } },
  columns: { kind: { family: 'e', codec: utf8 } },
});

const prefix = uniquePrefix('badmapper');
let proxy: TcpProxy;
let admin: Connection;
let pool: ConnectionPool;
let connection: Connection;
let users: Repository<User>;
let usersOnConnection: Repository<User>;
let events: Repository<Event>;
let before: unknown;

const any = (value: unknown) => value as never;
const user = (fields: Record<string, unknown>) => Object.assign(new User(), { id: 'u-new', ...fields });

async function snapshot() {
  const read = async (name: string) =>
    (await admin.table(name).scan({ includeTimestamp: true }).toArray()).map(
      ([key, data]) => [key.toString('hex'), data] as [string, Record<string, Cell>],
    );
  return { users: await read('users'), events: await read('events'), tables: await admin.tables() };
}

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [User, Event]);
  await new Repository(User, admin).save(
    user({ id: 'u1', name: 'Ada', age: 36, tags: new Map([['a', 'x']]) }),
  );
  await new Repository(Event, admin).save(
    Object.assign(new Event(), { userId: 'u1', at: 1n, kind: 'login' }),
  );
  before = await snapshot();

  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
  const through = { host: '127.0.0.1', port: proxy.port, tablePrefix: prefix, timeout: 10_000 };
  pool = new ConnectionPool({ size: 2, ...through });
  connection = new Connection(through);
  users = new Repository(User, pool);
  usersOnConnection = new Repository(User, connection);
  events = new Repository(Event, pool);
});

afterAll(async () => {
  await pool?.close();
  await connection?.close();
  await proxy?.close();
  await dropPrefixedTables(admin);
  await admin.close();
});

/** Bad single-field keys (the key is a utf8Key string). */
const BAD_KEYS: Array<[string, unknown, string]> = [
  ['a number', 5, 'key'],
  ['undefined', undefined, 'key'],
  ['null', null, 'key'],
  ['a boolean', true, 'key'],
  ['a bigint', 5n, 'key'],
  ['an empty string', '', 'key'],
  ['an object without the key field', { name: 'x' }, 'key.id'],
  ['an object with a numeric key field', { id: 5 }, 'key.id'],
  ['an object with a null key field', { id: null }, 'key.id'],
];

/** Bad composite keys of Event (userId: utf8Key, at: sortableInt64). */
const BAD_EVENT_KEYS: Array<[string, unknown, string]> = [
  ['a string', 'u1', 'key'],
  ['a tuple of one part', ['u1'], 'key'],
  ['a tuple with a string timestamp', ['u1', 'x'], 'key.at'],
  ['a tuple with a numeric user', [5, 1n], 'key.userId'],
  ['an object without at', { userId: 'u1' }, 'key.at'],
  ['an object with a fractional at', { userId: 'u1', at: 1.5 }, 'key.at'],
  ['an object with at beyond int64', { userId: 'u1', at: 2n ** 63n }, 'key.at'],
  ['an object with a numeric user', { userId: 5, at: 1n }, 'key.userId'],
];

/** Bad values of the fields of User, saved in an otherwise valid entity. */
const BAD_FIELDS: Array<[string, Record<string, unknown>, string]> = [
  ['a numeric name', { name: 5 }, 'name'],
  ['an object name', { name: {} }, 'name'],
  ['a Buffer name', { name: Buffer.from('x') }, 'name'],
  ['a string age', { age: '36' }, 'age'],
  ['a fractional age', { age: 1.5 }, 'age'],
  ['an age beyond int32', { age: 2 ** 31 }, 'age'],
  ['a bigint age', { age: 36n }, 'age'],
  ['a NaN age', { age: Number.NaN }, 'age'],
  ['a numeric id', { id: 5 }, 'id'],
  ['an empty id', { id: '' }, 'id'],
  ['status not an array', { status: 'active' }, 'status'],
  ['a status entry null', { status: [null] }, 'status[0]'],
  ['a status value a number', { status: [{ value: 5 }] }, 'status[0].value'],
  ['a second status value missing', { status: [{ value: 'a' }, {}] }, 'status[1].value'],
  ['a status timestamp negative', { status: [{ value: 'a', timestamp: -1 }] }, 'status[0].timestamp'],
  ['tags a string', { tags: 'a,b' }, 'tags'],
  ['a tag value a number', { tags: new Map([['a', 5]]) }, 'tags["a"]'],
  ['a tag value in a plain object a boolean', { tags: { b: true } }, 'tags["b"]'],
  ['a meta with a cycle (json)', { meta: cyclic() }, 'meta'],
  ['a meta with a bigint (json)', { meta: { n: 1n } }, 'meta'],
  ['a meta that is a function (json)', { meta: () => 1 }, 'meta'],
];

function cyclic(): object {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
}

const findCases = (): BadInputCase[] => [
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`findOne: key is ${what}`, argument, () => users.findOne(any(key))),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`findOne on a Connection: key is ${what}`, argument, () => usersOnConnection.findOne(any(key))),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`findOneOrFail: key is ${what}`, argument, () => users.findOneOrFail(any(key))),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`exists: key is ${what}`, argument, () => users.exists(any(key))),
  ),
  ...BAD_EVENT_KEYS.map(([what, key, argument]) =>
    bad(`findOne (composite): key is ${what}`, argument, () => events.findOne(any(key))),
  ),
  ...BAD_EVENT_KEYS.map(([what, key, argument]) =>
    bad(`exists (composite): key is ${what}`, argument, () => events.exists(any(key))),
  ),
  bad('findOne: select a string', 'options.select', () => users.findOne('u1', { select: any('name') })),
  bad('findOne: select an unmapped property', 'options.select', () =>
    users.findOne('u1', { select: any(['nope']) }),
  ),
  bad('findOne: an unknown option', 'options.columns', () => users.findOne('u1', any({ columns: ['info'] }))),
  bad('findOne: options a string', 'options', () => users.findOne('u1', any('name'))),
  bad('findMany: keys a string', 'keys', () => users.findMany(any('u1'))),
  bad('findMany: keys undefined', 'keys', () => users.findMany(any(undefined))),
  bad('findMany: a numeric key', 'keys[0]', () => users.findMany(any([5]))),
  bad('findMany: a null second key', 'keys[1]', () => users.findMany(['u1', any(null)])),
  bad('findMany: a second key object with a numeric id', 'keys[1].id', () =>
    users.findMany(['u1', any({ id: 1 })]),
  ),
  bad('findMany: select an unmapped property', 'options.select', () =>
    users.findMany(['u1'], { select: any(['x']) }),
  ),
  bad('findMany (composite): a key without at', 'keys[0].at', () => events.findMany([any({ userId: 'u1' })])),
];

const writeCases = (): BadInputCase[] => [
  bad('save: a number', 'entity', () => users.save(any(5))),
  bad('save: null', 'entity', () => users.save(any(null))),
  bad('save: a string', 'entity', () => users.save(any('u1'))),
  bad('save: an entity without its key', 'entity.id', () =>
    users.save(any(Object.assign(new User(), { name: 'x' }))),
  ),
  ...BAD_FIELDS.map(([what, fields, field]) =>
    bad(`save: ${what}`, `entity.${field}`, () => users.save(user(fields))),
  ),
  ...BAD_FIELDS.map(([what, fields, field]) =>
    bad(`save on a Connection: ${what}`, `entity.${field}`, () => usersOnConnection.save(user(fields))),
  ),
  bad('save: a list with a number', 'entities[1]', () => users.save([user({}), any(5)])),
  bad('save: a list whose second entity has a numeric name', 'entities[1].name', () =>
    users.save([user({ id: 'u-a' }), user({ id: 'u-b', name: 5 })]),
  ),
  bad('save: a list whose first entity has a string age', 'entities[0].age', () =>
    users.save([user({ age: 'x' }), user({ id: 'u-b' })]),
  ),
  bad('save (composite): an event with a string at', 'entity.at', () =>
    events.save(Object.assign(new Event(), { userId: 'u1', at: any('x') })),
  ),
  bad('save (composite): an event with a numeric kind', 'entity.kind', () =>
    events.save(Object.assign(new Event(), { userId: 'u1', at: 2n, kind: any(1) })),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`update: key is ${what}`, argument, () => users.update(any(key), { name: 'x' })),
  ),
  bad('update: changes null', 'changes', () => users.update('u1', any(null))),
  bad('update: changes a string', 'changes', () => users.update('u1', any('name=x'))),
  bad('update: changes an array', 'changes', () => users.update('u1', any([]))),
  bad('update: changes the key', 'changes.id', () => users.update('u1', any({ id: 'u2' }))),
  ...BAD_FIELDS.filter(([, fields]) => !('id' in fields)).map(([what, fields, field]) =>
    bad(`update: ${what}`, `changes.${field}`, () => users.update('u1', any(fields))),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`delete: key is ${what}`, argument, () => users.delete(any(key))),
  ),
  bad('delete: a list with a numeric key', 'keys[0]', () => users.delete(any([5]))),
  bad('delete: a list with a null key', 'keys[1]', () => users.delete(['u1', any(null)])),
  ...BAD_EVENT_KEYS.filter(([, key]) => !Array.isArray(key)).map(([what, key, argument]) =>
    bad(`delete (composite): key is ${what}`, argument, () => events.delete(any(key))),
  ),
  ...BAD_KEYS.map(([what, key, argument]) =>
    bad(`increment: key is ${what}`, argument, () => users.increment(any(key), 'visits')),
  ),
  bad('increment: a field that is not a counter', 'field', () => users.increment('u1', any('name'))),
  bad('increment: an unknown field', 'field', () => users.increment('u1', any('nope'))),
  bad('increment: by fractional', 'by', () => users.increment('u1', 'visits', 1.5)),
  bad('increment: by a string', 'by', () => users.increment('u1', 'visits', any('1'))),
  bad('increment: by beyond int64', 'by', () => users.increment('u1', 'visits', 2n ** 63n)),
  bad('raw: callback a string', 'fn', () => users.raw(any('later'))),
  bad('raw: callback null', 'fn', () => users.raw(any(null))),
];

const scanCases = (): BadInputCase[] => {
  const scan = (options: unknown) => () => users.scan(any(options));
  const eventScan = (options: unknown) => () => events.scan(any(options));
  const scanOptions: Array<[string, unknown, string]> = [
    ['start a number', { start: 5 }, 'options.start'],
    ['start undefined', { start: undefined }, 'options.start'],
    ['stop null', { stop: null }, 'options.stop'],
    ['stop an object with a numeric id', { stop: { id: 1 } }, 'options.stop.id'],
    ['prefix undefined', { prefix: undefined }, 'options.prefix'],
    ['prefix a number', { prefix: 5 }, 'options.prefix'],
    ['prefix with start', { prefix: 'u', start: 'u1' }, 'options.prefix'],
    ['prefix empty', { prefix: '' }, 'options.prefix'],
    ['limit 0', { limit: 0 }, 'options.limit'],
    ['limit fractional', { limit: 2.5 }, 'options.limit'],
    ['reverse a string', { reverse: 'yes' }, 'options.reverse'],
    ['filter a number', { filter: 5 }, 'options.filter'],
    ['batchSize 0', { batchSize: 0 }, 'options.batchSize'],
    ['select a string', { select: 'name' }, 'options.select'],
    ['select an unmapped property', { select: ['nope'] }, 'options.select'],
    ['an unknown option', { rowStart: 'u' }, 'options.rowStart'],
    ['options a string', 'u', 'options'],
  ];
  return [
    ...scanOptions.map(([what, options, argument]) => badSync(`scan: ${what}`, argument, scan(options))),
    badSync('scan (composite): start without at', 'options.start.at', eventScan({ start: { userId: 'u1' } })),
    badSync('scan (composite): prefix skipping userId', 'options.prefix', eventScan({ prefix: { at: 1n } })),
    badSync(
      'scan (composite): prefix with a numeric userId',
      'options.prefix.userId',
      eventScan({ prefix: { userId: 5 } }),
    ),
    badSync('scan (composite): prefix a string', 'options.prefix', eventScan({ prefix: 'u1' })),
    ...scanOptions
      .filter(([what]) => !what.startsWith('select') && what !== 'batchSize 0')
      .map(([what, options, argument]) => bad(`count: ${what}`, argument, () => users.count(any(options)))),
    ...scanOptions.map(([what, options, argument]) =>
      bad(`page: ${what}`, argument, () =>
        users.page(any(typeof options === 'object' ? { size: 10, ...(options as object) } : options)),
      ),
    ),
    bad('page: size missing', 'options.size', () => users.page(any({}))),
    bad('page: size 0', 'options.size', () => users.page({ size: 0 })),
    bad('page: size a string', 'options.size', () => users.page({ size: any('10') })),
    bad('page: size beyond 100000', 'options.size', () => users.page({ size: 100_001 })),
    bad('page: after empty', 'options.after', () => users.page({ size: 10, after: '' })),
    bad('page: after a number', 'options.after', () => users.page({ size: 10, after: any(5) })),
    bad('page: after malformed', 'options.after', () => users.page({ size: 10, after: '!!!' })),
    bad('page: after garbage', 'options.after', () => users.page({ size: 10, after: 'garbage!!' })),
    bad('page: options missing', 'options', () => users.page(any(undefined))),
  ];
};

class NotAnEntity {}
class NoRowKey {}
defineEntity(NoRowKey, any({ table: 'x', families: { f: {} }, rowKey: {} }));
class UndeclaredFamily {}
defineEntity(
  UndeclaredFamily,
  any({
    table: 'x',
    families: { f: {} },
    rowKey: { id: { codec: utf8Key } },
    columns: { name: { family: 'nope', codec: utf8 } },
  }),
);

/** An entity class declared with `schema`, for declaration mistakes found when it is first used. */
function declared(name: string, schema: Record<string, unknown>): new () => object {
  const target = { [name]: class {} }[name]!;
  defineEntity(
    target,
    any({ table: 'x', families: { f: {} }, rowKey: { id: { codec: utf8Key } }, ...schema }),
  );
  return target;
}

/** Declaration mistakes: a MetadataError naming the property (or the class) when first used. */
const DECLARATIONS: Array<[string, Record<string, unknown>, string]> = [
  ['a column without codec', { columns: { name: { family: 'f' } } }, 'name'],
  [
    'two fields on one column',
    {
      columns: {
        a: { family: 'f', qualifier: 'q', codec: utf8 },
        b: { family: 'f', qualifier: 'q', codec: utf8 },
      },
    },
    'b',
  ],
  [
    'a composite part with a value codec',
    { rowKey: { a: { codec: utf8Key, part: 0 }, b: { codec: int32, part: 1 } } },
    'b',
  ],
  [
    'composite parts with a gap',
    { rowKey: { a: { codec: utf8Key, part: 0 }, b: { codec: sortableInt64, part: 2 } } },
    'b',
  ],
  ['a counter in an undeclared family', { counters: { n: { family: 'g' } } }, 'n'],
  ['a column family that is a number', { columns: { name: { family: 5, codec: utf8 } } }, 'name'],
  ['a codec that is a string', { columns: { name: { family: 'f', codec: 'utf8' } } }, 'name'],
  ['a qualifier that is a number', { columns: { name: { family: 'f', qualifier: 1, codec: utf8 } } }, 'name'],
  ['a misspelt column option', { columns: { name: { family: 'f', qualifer: 'n', codec: utf8 } } }, 'name'],
  ['an unknown row key option', { rowKey: { id: { codec: utf8Key, order: 'desc' } } }, 'id'],
  ['versions with maxVersions 0', { versions: { s: { family: 'f', codec: utf8, maxVersions: 0 } } }, 's'],
  [
    'versions with a fractional maxVersions',
    { versions: { s: { family: 'f', codec: utf8, maxVersions: 1.5 } } },
    's',
  ],
  [
    'a column map prefix that is a number',
    { columnMaps: { m: { family: 'f', prefix: 5, codec: utf8 } } },
    'm',
  ],
  ['a column map without codec', { columnMaps: { m: { family: 'f' } } }, 'm'],
  ['a key field also a column', { columns: { id: { family: 'f', codec: utf8 } } }, 'id'],
  ['an empty table name', { table: '' }, 'EmptyTable'],
  ['no families', { families: undefined }, 'NoFamilies'],
];

const declarationCases = (): BadInputCase[] => [
  ...DECLARATIONS.map(([what, schema, names]) => {
    const className = names[0] === names[0]!.toUpperCase() ? names : `Declared${what.replace(/\W/g, '')}`;
    return badSync(
      `new Repository: ${what}`,
      names,
      () => new Repository(declared(className, schema), pool),
      MetadataError,
    );
  }),
  badSync('new Repository: source a string', 'source', () => new Repository(User, any('pool'))),
  badSync('new Repository: source undefined', 'source', () => new Repository(User, any(undefined))),
  badSync(
    'new Repository: source a plain object',
    'source',
    () => new Repository(User, any({ connection: () => 1 })),
  ),
  badSync(
    'new Repository: not an entity',
    'NotAnEntity',
    () => new Repository(NotAnEntity, pool),
    MetadataError,
  ),
  badSync('new Repository: no row key', 'NoRowKey', () => new Repository(NoRowKey, pool), MetadataError),
  badSync(
    'new Repository: an undeclared family',
    'name',
    () => new Repository(UndeclaredFamily, pool),
    MetadataError,
  ),
  badSync('defineEntity: target a string', 'target', () => defineEntity(any('User'), any({}))),
  badSync('defineEntity: schema null', 'schema', () => defineEntity(class Late {}, any(null))),
  badSync('defineEntity: schema a string', 'schema', () => defineEntity(class Late {}, any('users'))),
  bad('syncSchema: connection a string', 'connection', () => syncSchema(any('localhost'), [User])),
  bad('syncSchema: connection a pool', 'connection', () => syncSchema(any(pool), [User])),
  bad('syncSchema: entities a class', 'entities', () => syncSchema(connection, any(User))),
  bad('syncSchema: entities null', 'entities', () => syncSchema(connection, any(null))),
  bad('syncSchema: dryRun a string', 'options.dryRun', () =>
    syncSchema(connection, [User], any({ dryRun: 'yes' })),
  ),
  bad('syncSchema: an unknown option', 'options.drop', () =>
    syncSchema(connection, [User], any({ drop: true })),
  ),
  bad('syncSchema: not an entity', 'NotAnEntity', () => syncSchema(connection, [any(NotAnEntity)])),
];

const cases = uniqueCases([...findCases(), ...writeCases(), ...scanCases(), ...declarationCases()]);
// syncSchema's MetadataError case is a rejected promise of a MetadataError.
const notAnEntity = cases.find((c) => c.name === 'syncSchema: not an entity')!;
notAnEntity.error = MetadataError;

describe(`bad input to the mapper: ${cases.length} cases`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRejected(c, () => proxy.bytesFromClients);
  });

  it('a value rejected by its codec names the field and keeps the CodecError as cause, never the whole value', async () => {
    const card = '4111111111111111';
    const error = await users.save(user({ age: card as never })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('entity.age');
    expect((error as Error).message).toBe(
      'Invalid entity.age: expected an integer from -2147483648 to 2147483647 (int32 codec), got a string of 16 characters ("4111"…)',
    );
    expect((error as Error).cause).toBeInstanceOf(CodecError);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(card);
  });

  it('a refusal without expected/received (a json cycle) still names the field, with the codec error as cause', async () => {
    const error = await users.save(user({ meta: cyclic() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(
      /^Invalid entity\.meta: expected a value the json codec can encode, got one it refused \(json codec: cannot serialize the value: /,
    );
    expect((error as Error).cause).toBeInstanceOf(CodecError);
  });

  it('findOne(5) for a string key is an InvalidArgumentError for `key`, not a CodecError', async () => {
    const error = await users.findOne(5 as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('key');
    expect((error as Error).message).toBe('Invalid key: expected a string (utf8Key codec), got 5');
  });

  it('sent nothing through the proxy and wrote nothing', async () => {
    expect(proxy.bytesFromClients).toBe(0);
    expect(await snapshot()).toEqual(before);
    // The counter does count: a real call goes through.
    expect(await users.findOne('u1')).toMatchObject({ name: 'Ada' });
    expect(proxy.bytesFromClients).toBeGreaterThan(0);
  });
});

// After the suite above (which checks that nothing was sent): these calls reach the gateway.
describe('values in the messages of errors that are not bad input', () => {
  it('EntityNotFoundError shows a short key whole and a long one cut to its first characters', async () => {
    await expect(users.findOneOrFail('nobody')).rejects.toThrow(/^User not found \(row key "nobody"\)$/);
    // A key may be an e-mail address or an account number: messages end up in logs.
    const error = await users.findOneOrFail('ada.lovelace@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntityNotFoundError);
    expect((error as Error).message).toBe('User not found (row key a string of 24 characters ("ada."…))');
  });
});
