// Plans of the `where` option that the server cannot show: a where no key can meet reads nothing
// (no run at all, not a scan of the whole table), the columns a select and a where send (whole
// families last, never narrowed to a qualifier), and the CLI's JSON form of a where.
import 'reflect-metadata';
import {
  between,
  Column,
  ColumnMap,
  Embedded,
  Entity,
  Filter,
  ne,
  RowKey,
  sortableInt64,
  utf8,
  utf8Key,
} from '../../../src';
import { CliError } from '../../../src/cli/exit-codes';
import { whereFromJson } from '../../../src/cli/where-json';
import { planEntityScan, runsOf } from '../../../src/mapper/entity-scan-plan';
import { keySpaceOf } from '../../../src/mapper/key-space';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';

class Address {
  @Column({ family: 'f', codec: utf8 }) city?: string;
}

@Entity({ table: 't', families: { f: {} } })
class T {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'f', codec: utf8 }) plan?: string;
  @Column({ family: 'f', codec: sortableInt64 }) n?: bigint;
  @ColumnMap({ family: 'f', prefix: 'tag_', codec: utf8 }) tags?: Map<string, string>;
  @Embedded(() => Address, { prefix: 'a_' }) addr?: Address;
}

@Entity({ table: 'coded', families: { d: {} }, keyDelimiter: '#' })
class Coded {
  @RowKey({ part: 0, codec: utf8 }) country!: string;
  @RowKey({ part: 1, codec: utf8 }) id!: string;
}

const meta = entityMetadata(T);
const plan = (options: Record<string, unknown>) => planEntityScan(meta, keySpaceOf(meta), options);
const columns = (options: Record<string, unknown>) => plan(options).shared.columns!.map(String);

it('the last part of a keyDelimiter key compares whole keys; a prefix fixes the parts before it', () => {
  const coded = entityMetadata(Coded);
  const filter = (options: Record<string, unknown>) =>
    planEntityScan(coded, keySpaceOf(coded), options).shared.filter!.toString('latin1');
  expect(filter({ where: { country: 'FR', id: 'A' } })).toContain("RowFilter(=, 'binary:FR#A')");
  expect(filter({ where: { country: 'FR', id: 'A' } })).toContain("RowFilter(=, 'binaryprefix:FR#')");
  expect(filter({ where: { country: 'FR', id: ne('A') } })).toContain("RowFilter(!=, 'binary:FR#A')");
  expect(filter({ prefix: { country: 'FR' }, where: { id: 'A' } })).toBe("RowFilter(=, 'binary:FR#A')");
});

it('a where no key can meet plans no run (nothing is read)', () => {
  const empty = plan({ where: { id: between('d', 'b') } });
  expect(empty.where?.empty).toBe(true);
  expect(runsOf(keySpaceOf(meta), empty, undefined)).toEqual([]);
  expect(runsOf(keySpaceOf(meta), plan({ where: { id: between('b', 'd') } }), undefined)).toHaveLength(1);
});

it('a family read whole is sent last and never beside its own qualifiers', () => {
  expect(columns({ select: ['tags'], where: { plan: 'x' } })).toEqual(['f']);
  expect(columns({ select: ['tags', 'addr'] })).toEqual(['f']);
  expect(columns({ select: ['tags', 'plan'] })).toEqual(['f']);
  expect(columns({ select: ['plan'], where: { addr: { city: 'x' } } })).toEqual(['f:plan', 'f:a_city']);
});

it('a count keeps whole rows when the scan has a filter of its own', () => {
  expect(plan({ where: { plan: 'x' } }).where?.countColumns?.map(String)).toEqual(['f:plan']);
  const filter = Filter.singleColumnValue('f', 'other', '=', Filter.binary('y'), { filterIfMissing: true });
  expect(plan({ where: { plan: 'x' }, filter }).where?.countColumns).toBeUndefined();
});

describe('--where JSON', () => {
  const usage = (json: string) => {
    try {
      whereFromJson(meta, json);
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('exists: false is missing, missing: false is exists', () => {
    const where = whereFromJson(meta, '{"plan":{"exists":false},"n":{"missing":false}}') as Record<
      string,
      { op: string }
    >;
    expect(where.plan!.op).toBe('missing');
    expect(where.n!.op).toBe('exists');
    expect(usage('{"plan":{"exists":1}}')).toMatch(/^--where\.plan: "exists" takes true or false/);
  });

  it("names the field path in a condition's refusal", () => {
    expect(usage('{"plan":{"in":[]}}')).toMatch(/--where\.plan/);
    expect(usage('{"plan":{"between":[1]}}')).toMatch(/^--where\.plan: "between"/);
    expect(usage('{"addr":{"city":{"in":[]}}}')).toMatch(/--where\.addr\.city/);
  });

  it('refuses integers JSON cannot hold exactly, and takes them quoted', () => {
    expect(usage('{"n":9007199254740993}')).toMatch(/--where\.n: .*quote it as a string/);
    expect(usage('{"n":{"in":[1, 9007199254740993]}}')).toMatch(/--where\.n/);
    expect(whereFromJson(meta, '{"n":"9007199254740993"}')).toEqual({ n: 9007199254740993n });
  });

  it('nested objects are conditions on a value object', () => {
    const where = whereFromJson(meta, '{"addr":{"city":"Paris"}}');
    expect(where).toEqual({ addr: { city: 'Paris' } });
  });
});
