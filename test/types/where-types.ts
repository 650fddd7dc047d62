// Compile-time checks of the typed `where` option, enforced by `npm run typecheck` (tsc over
// test/, with both decorator modes): every `@ts-expect-error` below must stay an error, every
// other line must compile. Never executed.
import {
  and,
  between,
  Column,
  Embedded,
  Entity,
  eq,
  exists,
  gt,
  gte,
  inList,
  int32,
  lt,
  missing,
  ne,
  not,
  OrderedFields,
  or,
  type Repository,
  RowKey,
  RowKeyFields,
  sortableInt32,
  startsWith,
  utf8,
  utf8Key,
  Versions,
  type Where,
} from '../../src';

/** No OrderedFields declaration: ranges compile on every field whose type can be ordered. */
@Entity({ table: 'users', families: { info: {}, hist: {} } })
class User {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'info', codec: utf8 }) plan?: 'free' | 'pro';
  @Column({ family: 'info', codec: sortableInt32 }) age?: number;
  @Column({ family: 'info', codec: utf8 }) email?: string | null;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info' }) active?: boolean;
  @Versions({ family: 'hist', codec: utf8 }) status?: Array<{ value: string; timestamp?: number }>;
  greet(): string {
    return `hello ${this.name}`;
  }
}

/** With OrderedFields: ranges only on the declared fields. */
@Entity({ table: 'players', families: { p: {} } })
class Player {
  declare [OrderedFields]?: 'id' | 'score';
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'p', codec: sortableInt32 }) score?: number;
  @Column({ family: 'p', codec: int32 }) level?: number;
}

declare const users: Repository<User>;
declare const players: Repository<Player>;

export async function fieldsOperatorsAndValuesAreChecked() {
  users.scan({
    where: { plan: 'pro', age: gte(18), email: exists(), name: startsWith('A'), id: inList(['a', 'b']) },
  });
  users.scan({ where: { plan: eq('pro'), age: between(18, 65), email: missing(), active: true } });
  users.scan({ where: { plan: ne('free'), age: lt(30), status: 'open' } });
  await users.count({ where: { age: gt(20) } });
  await users.page({ size: 10, where: { name: startsWith('B') } });
  const first: User | undefined = await users.findFirst({ where: { email: exists() } });
  const picked = await users.findFirst({ select: ['name'], where: { age: gte(18) } });
  picked?.name;
  // @ts-expect-error a field select left out is not in the result
  picked?.age;

  // @ts-expect-error no such field
  users.scan({ where: { nope: 1 } });
  // @ts-expect-error the value's type is the field's
  users.scan({ where: { age: '18' } });
  // @ts-expect-error the value's type is the field's (a literal union)
  users.scan({ where: { plan: 'gold' } });
  // @ts-expect-error an operator's value too
  users.scan({ where: { age: gte('18') } });
  // @ts-expect-error inList of the field's values
  users.scan({ where: { plan: inList(['gold']) } });
  // @ts-expect-error no range on a boolean
  users.scan({ where: { active: gt(false) } });
  // @ts-expect-error startsWith only on text (or bytes)
  users.scan({ where: { age: startsWith('1') } });
  // @ts-expect-error methods are not fields
  users.scan({ where: { greet: 'x' } });
  // @ts-expect-error limit is not an option of findFirst
  users.findFirst({ limit: 2 });
  return first;
}

export function orderedFieldsLimitRanges() {
  players.scan({ where: { score: gte(10), level: 3, id: lt('m') } });
  players.scan({ where: { level: ne(3) } });
  // @ts-expect-error level's codec (int32) does not preserve order: not declared in OrderedFields
  players.scan({ where: { level: gte(3) } });
  // @ts-expect-error between is a range too
  players.scan({ where: { level: between(1, 3) } });
}

export function combinatorsAreTypedByTheEntity() {
  users.scan({ where: or({ plan: 'pro' }, { age: gte(18) }) });
  users.scan({
    where: and({ plan: 'pro' }, not({ email: missing() }), or({ age: lt(18) }, { active: true })),
  });
  users.scan({ where: not({ plan: 'pro' }) });
  // @ts-expect-error a misspelt field inside a combinator
  users.scan({ where: or({ plan: 'pro' }, { agee: 1 }) });
  // @ts-expect-error a wrong value inside a combinator
  users.scan({ where: and({ plan: 'gold' }) });
  // A where built apart is typed with Where<E>.
  const adults: Where<User> = { age: gte(18) };
  users.scan({ where: or(adults, { plan: 'pro' }) });
}

class GeoPoint {
  @Column({ family: 'a', codec: sortableInt32 }) lat?: number;
}

class Address {
  @Column({ family: 'a', codec: utf8 }) city?: string;
  @Column({ family: 'a', codec: sortableInt32 }) zip?: number;
  @Embedded(() => GeoPoint, { prefix: 'geo_' }) geo?: GeoPoint;
}

@Entity({ table: 'customers', families: { a: {}, f: {} } })
class Customer {
  @RowKey({ codec: utf8Key }) id!: string;
  @Embedded(() => Address) home?: Address;
  @Column({ family: 'f', codec: utf8 }) name?: string;
  get initials(): string {
    return (this.name ?? '').slice(0, 1);
  }
}

declare const customers: Repository<Customer>;

export function embeddedValuesAreTypedByTheirFields() {
  customers.scan({ where: { home: { city: 'Paris', zip: gte(75000) } } });
  customers.scan({ where: { home: { geo: { lat: between(40, 50) } } } });
  customers.scan({ where: { home: exists() } });
  customers.scan({ where: or({ home: missing() }, { home: { city: startsWith('P') } }) });
  // @ts-expect-error a value object's field values are typed
  customers.scan({ where: { home: { city: 1 } } });
  // @ts-expect-error no such field in the value object
  customers.scan({ where: { home: { town: 'Paris' } } });
  // @ts-expect-error a whole value object compares only by exists()/missing()
  customers.scan({ where: { home: ne({ city: 'Paris' }) } });
  // @ts-expect-error a getter is not a mapped field
  customers.scan({ where: { initials: 'A' } });
}
