// The `where` option's translation into HBase filters (what each operator sends, and what a row
// without the field does under it), and its validation: every mistake is an InvalidArgumentError
// naming the option path, raised before anything is sent (the repository's connection leads
// nowhere: a request would fail with another error). Both decorator modes.
import 'reflect-metadata';
import {
  and,
  between,
  Column,
  Connection,
  Counter,
  Entity,
  eq,
  exists,
  fixedString,
  gt,
  gte,
  InvalidArgumentError,
  inList,
  int32,
  lt,
  lte,
  missing,
  ne,
  not,
  or,
  Repository,
  RowKey,
  salted,
  sortableInt32,
  sortableInt64,
  startsWith,
  utf8,
  utf8Key,
} from '../../../src';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';
import { normalizeWhere } from '../../../src/mapper/query/where-compile';
import { whereFilter, whereKeyBounds } from '../../../src/mapper/query/where-filter';

@Entity({ table: 'users', families: { info: {}, stats: {} } })
class User {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'info', codec: utf8 }) plan?: string;
  @Column({ family: 'info', codec: sortableInt32 }) age?: number;
  @Column({ family: 'info', codec: int32 }) level?: number;
  @Counter({ family: 'stats' }) logins?: bigint;
}

@Entity({ table: 'events', families: { e: {} } })
class UserEvent {
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: sortableInt64 }) at!: bigint;
  @Column({ family: 'e', codec: utf8 }) kind?: string;
}

@Entity({ table: 'salty', families: { s: {} } })
class Salty {
  @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
  @Column({ family: 's', codec: utf8 }) v?: string;
}

const filterOf = (entity: Function, where: unknown) =>
  whereFilter(normalizeWhere(entityMetadata(entity), where, 'options.where'))?.toString();

describe('what each operator sends', () => {
  it('a cell condition is a SingleColumnValueFilter on the newest version; a missing cell fails it', () => {
    expect(filterOf(User, { plan: 'pro' })).toBe(
      "SingleColumnValueFilter('info', 'plan', =, 'binary:pro', true, true)",
    );
    expect(filterOf(User, { plan: eq('pro') })).toBe(filterOf(User, { plan: 'pro' }));
    expect(filterOf(User, { plan: startsWith('p') })).toBe(
      "SingleColumnValueFilter('info', 'plan', =, 'binaryprefix:p', true, true)",
    );
  });

  it('negations are exact complements: a missing cell passes them (filterIfMissing false)', () => {
    expect(filterOf(User, { plan: ne('pro') })).toBe(
      "SingleColumnValueFilter('info', 'plan', !=, 'binary:pro', false, true)",
    );
    expect(filterOf(User, not({ plan: 'pro' }))).toBe(filterOf(User, { plan: ne('pro') }));
    expect(filterOf(User, { plan: exists() })).toBe(
      "SingleColumnValueFilter('info', 'plan', >=, 'binary:', true, true)",
    );
    expect(filterOf(User, { plan: missing() })).toBe(
      "SingleColumnValueFilter('info', 'plan', <, 'binary:', false, true)",
    );
    expect(filterOf(User, not(and({ plan: 'a' }, { plan: startsWith('b') })))).toBe(
      "SingleColumnValueFilter('info', 'plan', !=, 'binary:a', false, true) OR " +
        "SingleColumnValueFilter('info', 'plan', !=, 'binaryprefix:b', false, true)",
    );
  });

  it('ranges and lists', () => {
    const low = Buffer.from(sortableInt32.encode(18)).toString('latin1');
    expect(filterOf(User, { age: between(18, 65) })).toMatch(
      /^SingleColumnValueFilter\('info', 'age', >=, .* AND SingleColumnValueFilter\('info', 'age', <=, /,
    );
    expect(low.length).toBe(4);
    expect(filterOf(User, { plan: inList(['a', 'b']) })).toBe(
      "SingleColumnValueFilter('info', 'plan', =, 'binary:a', true, true) OR " +
        "SingleColumnValueFilter('info', 'plan', =, 'binary:b', true, true)",
    );
    expect(filterOf(User, or({ plan: 'a' }, { age: gt(1) }, { logins: 3n }))).toMatch(
      / OR .* OR SingleColumnValueFilter\('stats', 'logins', =/,
    );
  });

  it('values with quotes are sent as literal bytes (quoted, never spliced into the filter)', () => {
    expect(filterOf(User, { plan: "x') OR PrefixFilter('" })).toBe(
      "SingleColumnValueFilter('info', 'plan', =, 'binary:x'') OR PrefixFilter(''', true, true)",
    );
  });

  it('key conditions are RowFilters, and narrow the scan bounds when every row needs them', () => {
    expect(filterOf(User, { id: gte('m') })).toBe("RowFilter(>=, 'binary:m')");
    expect(filterOf(User, { id: startsWith('u-') })).toBe("RowFilter(=, 'binaryprefix:u-')");
    expect(filterOf(User, { id: exists() })).toBeUndefined();
    expect(filterOf(User, { id: missing() })).toBe("RowFilter(<, 'binary:')");
    const meta = entityMetadata(User);
    const bounds = whereKeyBounds(normalizeWhere(meta, { id: ne('x'), plan: 'x' }, 'w'));
    expect(bounds).toEqual({});
    expect(whereKeyBounds(normalizeWhere(meta, { id: between('b', 'd') }, 'w'))).toEqual({
      low: Buffer.from('b'),
      high: Buffer.from('d\0'),
    });
    expect(whereKeyBounds(normalizeWhere(meta, { id: startsWith('u-') }, 'w'))).toEqual({
      low: Buffer.from('u-'),
      high: Buffer.from('u.'),
    });
  });

  it('the leading part of a composite key compares the keys starting with it', () => {
    const p = entityMetadata(UserEvent).encodeKeyPrefix!(['u1']);
    expect(filterOf(UserEvent, { userId: 'u1' })).toBe(
      `RowFilter(=, 'binaryprefix:${p.toString('latin1')}')`,
    );
  });
});

describe('later parts of a composite key', () => {
  it('compare key prefixes under equalities on the parts before them', () => {
    const meta = entityMetadata(UserEvent);
    const from = meta.encodeKeyPrefix!(['u1', 5n]);
    const node = normalizeWhere(meta, { userId: 'u1', at: gte(5n) }, 'w');
    const sent = whereFilter(node)!.toBuffer();
    expect(sent.includes(Buffer.concat([Buffer.from("RowFilter(>=, 'binary:"), from]))).toBe(true);
    expect(whereKeyBounds(node).low).toEqual(from);
    // Under a top-level and() too.
    expect(() => normalizeWhere(meta, and({ userId: 'u1' }, or({ at: 1n }, { at: 2n })), 'w')).not.toThrow();
    // Not under an or(): the earlier part is not fixed for every row.
    expect(() => normalizeWhere(meta, or({ userId: 'u1' }, { at: 1n }), 'w')).toThrow(InvalidArgumentError);
  });
});

describe('validation, before anything is sent', () => {
  // Nothing listens there: a request would fail with a connection error, not these.
  const nowhere = new Connection({ host: '127.0.0.1', port: 1, timeout: 1000 });
  const users = new Repository(User, nowhere);
  const events = new Repository(UserEvent, nowhere);
  const salty = new Repository(Salty, nowhere);
  afterAll(() => nowhere.close());

  const rejects = async (run: () => unknown, argument: string, pattern?: RegExp) => {
    let error: unknown;
    try {
      await run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    if (pattern) expect((error as Error).message).toMatch(pattern);
  };

  it('a range on a codec that does not preserve order names the field', async () => {
    await rejects(
      () => users.scan({ where: { level: gt(1) } }),
      'options.where.level',
      /order-preserving.*int32/,
    );
    await rejects(() => users.count({ where: { level: lte(1) } }), 'options.where.level');
    await rejects(() => salty.findFirst({ where: { id: gt('a') } }), 'options.where.id');
  });

  it('unknown fields, undefined values, foreign shapes', async () => {
    await rejects(() => users.scan({ where: { nope: 1 } as never }), 'options.where.nope', /a field of User/);
    await rejects(() => users.scan({ where: { plan: undefined } }), 'options.where.plan');
    await rejects(() => users.scan({ where: undefined }), 'options.where');
    await rejects(() => users.scan({ where: [] as never }), 'options.where');
    await rejects(
      () => users.scan({ where: or({ plan: 'a' }, { nope: 1 } as never) }),
      'options.where.or[1].nope',
    );
  });

  it('values the codec refuses, and operators a field does not take', async () => {
    await rejects(() => users.page({ size: 2, where: { age: 1.5 } }), 'options.where.age', /sortableInt32/);
    await rejects(
      () => users.scan({ where: { age: startsWith('1') as never } }),
      'options.where.age',
      /startsWith/,
    );
    await rejects(
      () => events.scan({ where: { at: 1n } }),
      'options.where.at',
      /after userId only with an equality/,
    );
    await rejects(() => users.findFirst({ limit: 1 } as never), 'options.limit');
  });

  it('the factories check their own arguments', () => {
    expect(() => inList([])).toThrow(InvalidArgumentError);
    expect(() => eq(undefined)).toThrow(InvalidArgumentError);
    expect(() => lt(null)).toThrow(InvalidArgumentError);
    expect(() => and()).toThrow(InvalidArgumentError);
    expect(() => startsWith(1 as never)).toThrow(InvalidArgumentError);
    expect(Object.isFrozen(gte(1))).toBe(true);
  });
});

@Entity({ table: 'delimited', families: { d: {} }, keyDelimiter: '#' })
class Coded {
  @RowKey({ part: 0, codec: fixedString(3) }) country!: string;
  @RowKey({ part: 1, codec: utf8 }) id!: string;
}

describe('delimited keys', () => {
  it('take equality on the leading part (with its separator), no range', () => {
    expect(filterOf(Coded, { country: 'FR' })).toBe("RowFilter(=, 'binaryprefix:FR\u0000#')");
    expect(() => filterOf(Coded, { country: gte('FR') })).toThrow(/delimited key/);
  });
});
