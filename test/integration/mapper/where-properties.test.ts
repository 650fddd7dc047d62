// Property-based: for random data written to the real HBase and random `where` trees (every
// operator, on every codec that supports it, under and/or/not), the server-side filter returns
// exactly the rows a client-side predicate over the same data keeps — in scan, reversed scan,
// select (filtered fields not selected), count, page and findFirst. Runs on both gateway APIs (the
// integration and integration-thrift2 projects). Bounded: a few hundred rows per table, a fixed
// number of runs and a time limit per property.
import 'reflect-metadata';
import fc from 'fast-check';
import {
  boolean,
  bytes,
  Column,
  Connection,
  date,
  descending,
  Entity,
  fixedString,
  int32,
  Repository,
  RowKey,
  sortableFloat64,
  sortableInt32,
  sortableInt64,
  syncSchema,
  utf8,
  utf8Key,
  Versions,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';
import {
  compareBigInts,
  compareBooleans,
  compareBytes,
  compareDates,
  compareNumbers,
  compareText,
  type FieldSpec,
  matches,
  type Query,
  queries,
  type Row,
  toWhere,
} from '../../support/where-model';

jest.setTimeout(240_000);

const prefix = uniquePrefix(`where-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);
const ROWS = 240;
const RUNS = 150;
const TIME_LIMIT = 60_000;
// biome-ignore lint/suspicious/noExplicitAny: counterexamples found before, replayed first.
const EXAMPLES: any[] = [];

@Entity({ table: 'things', families: { f: {}, h: { maxVersions: 3 } } })
class Thing {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'f', codec: utf8 }) tag!: string;
  @Column({ family: 'f', codec: utf8 }) text?: string;
  @Column({ family: 'f', codec: utf8Key }) word?: string;
  @Column({ family: 'f', codec: int32 }) n32?: number;
  @Column({ family: 'f', codec: sortableInt32 }) s32?: number;
  @Column({ family: 'f', codec: sortableInt64 }) s64?: bigint;
  @Column({ family: 'f', codec: sortableFloat64 }) f64?: number;
  @Column({ family: 'f', codec: date }) at?: Date;
  @Column({ family: 'f', codec: boolean }) flag?: boolean;
  @Column({ family: 'f', codec: bytes }) raw?: Buffer;
  @Column({ family: 'f', codec: fixedString(4) }) code?: string;
  @Column({ family: 'f', codec: descending(sortableInt32) }) rank?: number;
  @Versions({ family: 'h', codec: utf8 }) plan?: Array<{ value: string; timestamp?: number }>;
}

@Entity({ table: 'readings', families: { r: {} } })
class Reading {
  @RowKey({ part: 0, codec: descending(sortableInt32) }) sensor!: number;
  @RowKey({ part: 1, codec: sortableInt32 }) seq!: number;
  @Column({ family: 'r', codec: sortableFloat64 }) v?: number;
  @Column({ family: 'r', codec: utf8 }) note?: string;
}

/** A `keyDelimiter` key: its parts compare as text, and the last one as a whole (`A` is not `AB`). */
@Entity({ table: 'coded', families: { d: {} }, keyDelimiter: '#' })
class Coded {
  @RowKey({ part: 0, codec: utf8 }) country!: string;
  @RowKey({ part: 1, codec: utf8 }) code!: string;
  @Column({ family: 'd', codec: utf8 }) note?: string;
}

const text = (units: string[], maxLength: number, minLength = 0) =>
  fc.string({ unit: fc.constantFrom(...units), minLength, maxLength });
const ints = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-2147483648, 2147483647));
const bigints = fc.oneof(fc.bigInt({ min: -3n, max: 3n }), fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n));
const floats = fc.constantFrom(-Infinity, -1e300, -1.5, -1, 0, 0.5, 1, 2.25, 1e300, Infinity);
const dates = fc.constantFrom(...[-86_400_000, 0, 1, 1_700_000_000_000].map((t) => new Date(t)));
const byteValues = fc
  .uint8Array({ min: 0, max: 255, maxLength: 3 })
  .map((b) => Buffer.from(b.map((x) => [0, 1, 255][x % 3]!)));
// Quotes and parentheses too: values are sent as quoted bytes, never spliced into the filter string.
const texts = text(['a', 'b', 'é', '😀', "'", ')'], 3);

const thingSpecs: FieldSpec[] = [
  {
    name: 'id',
    values: text(['a', 'b', "'", 'é'], 4, 1),
    compare: compareText,
    ordered: true,
    prefixes: texts,
    key: true,
  },
  {
    name: 'tag',
    values: text(['x', 'y'], 1, 1),
    compare: compareText,
    ordered: false,
    prefixes: text(['x', 'y'], 1),
  },
  { name: 'text', values: texts, compare: compareText, ordered: false, prefixes: texts },
  { name: 'word', values: texts, compare: compareText, ordered: true, prefixes: texts },
  { name: 'n32', values: ints, compare: compareNumbers, ordered: false },
  { name: 's32', values: ints, compare: compareNumbers, ordered: true },
  { name: 's64', values: bigints, compare: compareBigInts, ordered: true },
  { name: 'f64', values: floats, compare: compareNumbers, ordered: true },
  { name: 'at', values: dates, compare: compareDates, ordered: false },
  { name: 'flag', values: fc.boolean(), compare: compareBooleans, ordered: false },
  { name: 'raw', values: byteValues, compare: compareBytes, ordered: true, prefixes: byteValues },
  { name: 'code', values: text(['a', 'b'], 4), compare: compareText, ordered: true },
  { name: 'rank', values: ints, compare: compareNumbers, ordered: true },
  {
    name: 'plan',
    values: text(['p', 'q'], 2),
    compare: compareText,
    ordered: false,
    prefixes: text(['p', 'q'], 1),
  },
];

/** `seq`, the second key part: only under an equality on `sensor` (see the third property). */
const seqSpec: FieldSpec = {
  name: 'seq',
  values: fc.integer({ min: -50, max: 50 }),
  compare: compareNumbers,
  ordered: true,
  key: true,
};

const readingSpecs: FieldSpec[] = [
  {
    name: 'sensor',
    values: fc.integer({ min: -2, max: 2 }),
    compare: compareNumbers,
    ordered: true,
    key: true,
  },
  { name: 'v', values: floats, compare: compareNumbers, ordered: true },
  { name: 'note', values: texts, compare: compareText, ordered: false, prefixes: texts },
];

/** Random rows of the specs: key fields always set, `always` fields too, the others 70% of the time. */
function rowsOf(specs: FieldSpec[], always: string[], seed: number, extra?: fc.Arbitrary<Row>): Row[] {
  const record = fc.record(
    Object.fromEntries(
      specs.map((s) => [
        s.name,
        s.key || always.includes(s.name) ? s.values : fc.option(s.values, { freq: 3, nil: undefined }),
      ]),
    ),
  );
  const arb = extra ? fc.tuple(record, extra).map(([a, b]) => ({ ...a, ...b })) : record;
  return fc.sample(arb, { seed, numRuns: ROWS * 2 });
}

// Ids that start one another ('A', 'AB', 'ABA'), under countries that do too ('F', 'FR').
const codedSpecs: FieldSpec[] = [
  {
    name: 'country',
    values: fc.constantFrom('F', 'FR', 'FRA'),
    compare: compareText,
    ordered: false,
    key: true,
  },
  { name: 'code', values: text(['A', 'B'], 3, 1), compare: compareText, ordered: false, key: true },
  { name: 'note', values: text(['x', 'y'], 1, 1), compare: compareText, ordered: false },
];

let admin: Connection;
let coded: Repository<Coded>;
let codedRows: Row[];
let things: Repository<Thing>;
let readings: Repository<Reading>;
let thingRows: Row[];
let readingRows: Row[];

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Thing, Reading, Coded]);
  coded = new Repository(Coded, admin);
  const byCode = new Map<string, Row>();
  for (const row of rowsOf(codedSpecs, ['note'], 29)) {
    const key = `${row.country}#${row.code}`;
    if (byCode.size < ROWS && !byCode.has(key)) byCode.set(key, row);
  }
  codedRows = [...byCode.values()];
  await coded.save(codedRows.map((row) => Object.assign(new Coded(), row)));
  things = new Repository(Thing, admin);
  readings = new Repository(Reading, admin);
  // Unique keys; `plan` is written as two versions, and the where must test the newest.
  const byId = new Map<string, Row>();
  for (const row of rowsOf(thingSpecs, ['tag'], 19, fc.record({ older: text(['p', 'q'], 2) }))) {
    if (byId.size < ROWS) byId.set(row.id as string, row);
  }
  thingRows = [...byId.values()];
  await things.save(
    thingRows.map((row) => {
      const { plan, older, ...fields } = row;
      const history =
        plan === undefined
          ? undefined
          : [
              { value: plan as string, timestamp: 2000 },
              { value: older as string, timestamp: 1000 },
            ];
      return Object.assign(new Thing(), fields, history ? { plan: history } : {});
    }),
  );
  const byKey = new Map<string, Row>();
  for (const row of rowsOf(readingSpecs, [], 23, fc.record({ seq: fc.integer({ min: -50, max: 50 }) }))) {
    const key = `${row.sensor}/${row.seq}`;
    // A row without cells does not exist in HBase: only rows with a value are written.
    const hasCell = row.v !== undefined || row.note !== undefined;
    if (byKey.size < ROWS && !byKey.has(key) && hasCell) byKey.set(key, row);
  }
  readingRows = [...byKey.values()];
  await readings.save(readingRows.map((row) => Object.assign(new Reading(), row)));
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

type Mode = 'scan' | 'reverse' | 'select' | 'count' | 'page' | 'first';
const MODES: Mode[] = ['scan', 'reverse', 'select', 'count', 'page', 'first'];

/**
 * Checks one query in one mode: the keys the repository returns (in order) are the keys of the
 * rows the predicate keeps, in key order.
 */
async function check<E extends object>(
  repo: Repository<E>,
  rows: Row[],
  specs: FieldSpec[],
  keyOf: (entity: Record<string, unknown>) => string,
  selectField: string,
  q: Query,
  mode: Mode,
): Promise<void> {
  const bySpec = new Map(specs.map((s) => [s.name, s]));
  const keyFields = [...specs.filter((s) => s.key).map((s) => s.name), 'seq', 'code'];
  const order = (row: Row) => {
    const key = Object.fromEntries(keyFields.filter((k) => k in row).map((k) => [k, row[k]]));
    return repo.toRow(key as E).key;
  };
  const expected = rows
    .filter((row) => matches(q, row, bySpec))
    .sort((a, b) => Buffer.compare(order(a), order(b)))
    .map(keyOf);
  // biome-ignore lint/suspicious/noExplicitAny: the where of a test query is untyped.
  const where = toWhere(q) as any;
  const keys = (items: object[]) => items.map((e) => keyOf(e as Record<string, unknown>));
  switch (mode) {
    case 'scan':
      expect(keys(await repo.scan({ where }).toArray())).toEqual(expected);
      return;
    case 'reverse':
      expect(keys(await repo.scan({ where, reverse: true }).toArray())).toEqual([...expected].reverse());
      return;
    case 'select': {
      // biome-ignore lint/suspicious/noExplicitAny: a field name of the test's entity.
      const items = await repo.scan({ where, select: [selectField] as any }).toArray();
      expect(keys(items)).toEqual(expected);
      const allowed = new Set([...specs.filter((s) => s.key).map((s) => s.name), 'seq', selectField]);
      for (const item of items) {
        const set = Object.keys(item).filter((k) => (item as Record<string, unknown>)[k] !== undefined);
        expect(set.filter((k) => !allowed.has(k))).toEqual([]);
      }
      return;
    }
    case 'count':
      expect(await repo.count({ where })).toBe(expected.length);
      return;
    case 'page': {
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 100; i++) {
        const page = await repo.page({ where, size: 37, ...(after ? { after } : {}) });
        seen.push(...keys(page.items));
        after = page.nextCursor;
        if (after === undefined) break;
      }
      expect(seen).toEqual(expected);
      return;
    }
    case 'first': {
      const first = await repo.findFirst({ where });
      expect(first === undefined ? undefined : keyOf(first as Record<string, unknown>)).toEqual(expected[0]);
      return;
    }
  }
}

const settings = {
  examples: EXAMPLES,
  numRuns: RUNS,
  interruptAfterTimeLimit: TIME_LIMIT,
  seed: 42,
  endOnFailure: true,
};

test('every operator on every codec that supports it: the server returns what the predicate keeps', async () => {
  // The select field `tag` is in every row, so a select keeps the rows it would keep without one.
  await fc.assert(
    fc.asyncProperty(queries(thingSpecs), fc.constantFrom(...MODES), (q, mode) =>
      check(things, thingRows, thingSpecs, (e) => e.id as string, 'tag', q, mode),
    ),
    settings,
  );
});

test('conditions on the leading part of a composite key (a descending one) and on cells', async () => {
  await fc.assert(
    fc.asyncProperty(
      queries(readingSpecs),
      fc.constantFrom<Mode>('scan', 'reverse', 'count', 'page', 'first'),
      (q, mode) => check(readings, readingRows, readingSpecs, (e) => `${e.sensor}/${e.seq}`, 'v', q, mode),
    ),
    settings,
  );
});

test('conditions on a later key part, under equalities on the parts before it', async () => {
  const specs = [...readingSpecs, seqSpec];
  const underSensor = fc
    .tuple(fc.integer({ min: -2, max: 2 }), queries(specs, 2))
    .map(([sensor, q]): Query => ({ and: [{ field: 'sensor', op: 'eq', values: [sensor] }, q] }));
  await fc.assert(
    fc.asyncProperty(
      underSensor,
      fc.constantFrom<Mode>('scan', 'reverse', 'count', 'page', 'first'),
      (q, mode) => check(readings, readingRows, specs, (e) => `${e.sensor}/${e.seq}`, 'v', q, mode),
    ),
    settings,
  );
});

test('the last part of a keyDelimiter key: whole values, not prefixes, under an equality on the first', async () => {
  const [countrySpec, codeSpec, noteSpec] = codedSpecs as [FieldSpec, FieldSpec, FieldSpec];
  const underCountry = fc
    .tuple(fc.constantFrom('F', 'FR', 'FRA'), queries([codeSpec, noteSpec], 2))
    .map(([country, q]): Query => ({ and: [{ field: 'country', op: 'eq', values: [country] }, q] }));
  await fc.assert(
    fc.asyncProperty(underCountry, fc.constantFrom(...MODES), (q, mode) =>
      check(
        coded,
        codedRows,
        [countrySpec, codeSpec, noteSpec],
        (e) => `${e.country}#${e.code}`,
        'note',
        q,
        mode,
      ),
    ),
    settings,
  );
});
