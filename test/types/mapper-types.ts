// Compile-time checks of the mapper's types, enforced by `npm run typecheck` (tsc over test/, once
// with standard decorators and once with experimentalDecorators): every `@ts-expect-error` below
// must stay an error (tsc fails on an unused one), every other line must compile. Never executed.
import {
  bigDecimal,
  boolean,
  bytes,
  type Codec,
  Column,
  ColumnMap,
  Counter,
  char16,
  date,
  decimalString,
  defineEntity,
  delimited,
  descending,
  Entity,
  type EntityRow,
  type EntityScan,
  fixedString,
  fromRow,
  int8,
  int32,
  int64,
  json,
  jsonBigInt,
  type KeyInput,
  Repository,
  RowKey,
  RowKeyFields,
  salted,
  sortableInt32,
  sortableInt64,
  toRow,
  utf8,
  utf8Key,
  Versions,
} from '../../src';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T) => undefined;

@Entity({ table: 'users', families: { info: {}, stats: {}, tags: {}, hist: {} } })
class User {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info', codec: utf8 }) email?: string | null;
  @Column({ family: 'info', codec: int32 }) age?: number;
  @Column({ family: 'info', codec: utf8 }) role?: 'admin' | 'user'; // a field may narrow its codec's type
  @Column({ family: 'info', codec: json<{ theme: string }>() }) prefs?: { theme: string };
  @Column({ family: 'info', codec: int64 }) version?: bigint; // a bigint that is not a counter
  @Counter({ family: 'stats' }) logins?: bigint;
  @Counter({ family: 'stats' }) purchases!: bigint | null;
  @ColumnMap({ family: 'tags', codec: utf8 }) tags?: Map<string, string>;
  @Versions({ family: 'hist', codec: utf8 }) plans?: Array<{ value: string; timestamp?: number }>;
}

@Entity({ table: 'events', families: { e: {} } })
class UserEvent {
  declare [RowKeyFields]?: ['userId', 'at'];
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
  @Column({ family: 'e', codec: utf8 }) kind?: string;
}

/** No key declaration: keys are checked loosely, by the types of the entity's fields. */
@Entity({ table: 'notes', families: { n: {} } })
class Note {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'n', codec: utf8 }) text?: string;
}

declare const users: Repository<User>; // as a NestJS injection point declares it
declare const events: Repository<UserEvent>;
declare const notes: Repository<Note>;
declare const user: User;

export async function keysAreTypedByTheKeyFields() {
  await users.findOne('ada');
  await users.findOne({ id: 'ada' });
  await users.findOne(user); // an entity carries its key
  await users.findMany(['ada', 'alan']);
  await users.exists('ada');
  await users.delete(['ada', user]);
  // @ts-expect-error: the key of User is a string
  await users.findOne(42);
  // @ts-expect-error: the key of User is a string
  await users.findMany(['ada', 42]);
  // @ts-expect-error: an object key needs the key field
  await users.findOne({ name: 'Ada' });

  const event = await events.findOne({ userId: 'ada', at: 17n });
  assertType<Equal<typeof event, UserEvent | undefined>>();
  await events.findOne(['ada', 17n]); // the parts in part order
  await events.delete([{ userId: 'ada', at: 1n }, ['ada', 2n]]);
  // @ts-expect-error: a composite key with a part missing
  await events.findOne({ userId: 'ada' });
  // @ts-expect-error: a misspelt key field
  await events.findOne({ userId: 'ada', At: 17n });
  // @ts-expect-error: the parts in the wrong order
  await events.findOne([17n, 'ada']);
  // @ts-expect-error: a composite key is not one value
  await events.findOne('ada');

  // Without a declaration the key is any value of one of the fields: Note has no number field.
  await notes.findOne('n1');
  // @ts-expect-error: no field of Note is a number
  await notes.findOne(42);
}

export function scansTakeTypedBoundsAndPrefixes() {
  events.scan({ prefix: { userId: 'ada' } });
  events.scan({ start: { userId: 'ada', at: 10n }, stop: ['ada', 0n] });
  // @ts-expect-error: a prefix is made of leading key fields: userId comes first
  events.scan({ prefix: { at: 10n } });
  // @ts-expect-error: a bound is a whole key
  events.scan({ start: { userId: 'ada' } });
  users.scan({ prefix: 'ad' }); // a single-field key: the bytes keys start with
  const names = users.scan({ select: ['name'] });
  assertType<Equal<typeof names, EntityScan<Pick<User, 'name'>>>>();
}

export async function updateTakesNullToDelete() {
  await users.update('ada', { name: null }); // null deletes the cell, undefined leaves it
  await users.update('ada', { name: 'Ada', email: undefined, tags: null });
  // @ts-expect-error: the key of a row cannot change
  await users.update('ada', { id: 'bob' });
  // @ts-expect-error: a misspelt field
  await users.update('ada', { nmae: 'Ada' });
  // @ts-expect-error: the field's type still applies
  await users.update('ada', { age: 'old' });
}

export async function incrementTakesCounterFields() {
  const logins = await users.increment('ada', 'logins');
  assertType<Equal<typeof logins, bigint>>();
  await users.increment('ada', 'purchases', -1n);
  // A bigint field that is not a @Counter compiles (its type cannot tell) and is rejected at run time.
  await users.increment('ada', 'version');
  // @ts-expect-error: not a counter (a string field)
  await users.increment('ada', 'name');
  // @ts-expect-error: not a field at all
  await users.increment('ada', 'logons');
  // @ts-expect-error: a key field is no counter, even a bigint one
  await events.increment(['ada', 1n], 'at');
}

export function decoratorsCheckTheFieldType() {
  class Checked {
    // @ts-expect-error: int32 reads numbers, the field is a string
    @Column({ family: 'f', codec: int32 }) name?: string;
    // @ts-expect-error: int64 reads bigints, the field is a number
    @Column({ family: 'f', codec: int64 }) count?: number;
    // @ts-expect-error: a counter is a bigint
    @Counter({ family: 'f' }) hits?: number;
    // @ts-expect-error: a counter is a bigint
    @Counter({ family: 'f' }) label?: string;
    // @ts-expect-error: the key codec reads strings
    @RowKey({ codec: utf8 }) id!: number;
    // @ts-expect-error: the map's values are strings
    @ColumnMap({ family: 'f', codec: utf8 }) scores?: Map<string, number>;
    // @ts-expect-error: the versions' values are strings
    @Versions({ family: 'f', codec: utf8 }) history?: Array<{ value: number; timestamp?: number }>;
    // @ts-expect-error: a column map is a Map
    @ColumnMap({ family: 'f', codec: utf8 }) notAMap?: string;
  }
  class Accepted {
    @Column({ family: 'f' }) inferred?: string; // no codec: nothing to check against
    @Column({ family: 'f', codec: utf8 as Codec<unknown> }) untyped?: number;
    @Column({ family: 'f', codec: int64 }) either?: number | bigint; // int64 reads bigints
    @Counter({ family: 'f' }) counted: bigint | undefined;
    @Column({ family: 'f', codec: utf8 }) private secret?: string; // private: checked with standard decorators only
    @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
    @Column({ family: 'f', codec: fixedString(8) }) code?: string;
    @Column({ family: 'f', codec: descending(utf8Key) }) reversed?: string;
    @Column({ family: 'f', codec: bytes }) blob?: Buffer;
    @Column({ family: 'f', codec: bytes }) view?: Uint8Array; // bytes reads Buffers, which are Uint8Arrays
    @Column({ family: 'f', codec: date }) at?: Date | null;
    @Column({ family: 'f', codec: boolean }) active?: boolean;
    @Column({ family: 'f', codec: sortableInt32 }) rank?: number;
    @Column({ family: 'f', codec: json<string[]>() }) list?: string[];
    @Versions({ family: 'f', codec: int32 }) sizes?: Array<{ value: number; timestamp?: number }>;
    reveal() {
      return this.secret;
    }
  }
  void [Checked, Accepted];
}

export function defineEntityChecksTheSchema() {
  class Plain {
    declare [RowKeyFields]?: 'id';
    id!: string;
    note?: string;
    hits?: bigint;
    tags?: Map<string, string>;
  }
  defineEntity(Plain, {
    table: 'plain',
    families: { f: {} },
    rowKey: { id: { codec: utf8 } },
    columns: { note: { family: 'f', codec: utf8 } },
    counters: { hits: { family: 'f' } },
    columnMaps: { tags: { family: 'f', codec: utf8 } },
  });
  defineEntity(Plain, {
    table: 'plain',
    families: { f: {} },
    rowKey: { id: { codec: utf8 } },
    // @ts-expect-error: int32 reads numbers, note is a string
    columns: { note: { family: 'f', codec: int32 } },
  });
  defineEntity(Plain, {
    table: 'plain',
    families: { f: {} },
    rowKey: { id: { codec: utf8 } },
    // @ts-expect-error: a counter is a bigint field
    counters: { note: { family: 'f' } },
  });
  defineEntity(Plain, {
    table: 'plain',
    families: { f: {} },
    rowKey: { id: { codec: utf8 } },
    // @ts-expect-error: not a field of Plain
    columns: { note2: { family: 'f', codec: utf8 } },
  });
  const plain = new Repository(Plain, undefined as never);
  const key: KeyInput<Plain> = 'p1';
  // @ts-expect-error: the key of Plain is a string
  const badKey: KeyInput<Plain> = 1;
  return [plain, key, badKey];
}

// Issue 13, items 20-23: the new codecs type their fields; read options and row conversion.
@Entity({ table: 'ledger', families: { a: {} } })
class LedgerEntry {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'a', codec: bigDecimal }) amount?: string;
  @Column({ family: 'a', codec: int8 }) level?: number;
  @Column({ family: 'a', codec: char16 }) grade?: string;
  @Column({ family: 'a', codec: jsonBigInt<{ id: bigint | number }>() }) doc?: { id: bigint | number };
  // @ts-expect-error: bigDecimal holds decimal strings, not numbers
  @Column({ family: 'a', codec: bigDecimal }) wrong?: number;
}

export async function readOptions(ledger: Repository<LedgerEntry>) {
  const entry = await ledger.findOne('x', {
    select: ['amount'],
    timestamp: 10n,
    versions: 2,
    onDecodeError: () => {},
  });
  assertType<Equal<typeof entry, Pick<LedgerEntry, 'amount'> | undefined>>();
  ledger.scan({ timestamp: 5, onDecodeError: (failure) => failure.error.codec });
  // @ts-expect-error: 'skip' is not a handler; pass a function
  ledger.scan({ onDecodeError: 'skip' });
  const row: EntityRow = toRow(LedgerEntry, Object.assign(new LedgerEntry(), { id: 'x' }));
  const back: LedgerEntry = fromRow(LedgerEntry, row.key, row.cells);
  assertType<Equal<typeof back, LedgerEntry>>();
  const key = delimited([utf8, decimalString]);
  assertType<Equal<ReturnType<typeof key.decode>, [string, number]>>();
}
