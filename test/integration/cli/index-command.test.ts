// `index verify|rebuild <table> --entities <module>` as child processes: verify reports rows
// written without the mapper as missing (exit 1), rebuild writes their entries, verify is then
// clean (exit 0); and the usage errors.
import { Connection, Repository, syncSchema } from '../../../src';
import { gatewayFlags, runCli } from '../../support/cli';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix('cli-index');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
const entities = ['--entities', 'test/integration/cli/fixtures/indexed-entities.cjs'];
// biome-ignore lint/suspicious/noExplicitAny: a CommonJS fixture, typed by the test's use.
const { Member } = require('./fixtures/indexed-entities.cjs') as { Member: new () => any };

let connection: Connection;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Member]);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

describe('hbase-mapper index', () => {
  it('verify finds rows without entries, rebuild writes them, verify is then clean', async () => {
    await connection.table('members').put('m1', { 'info:email': 'ada@example.org' });
    await connection.table('members').put('m2', { 'info:email': 'alan@example.org' });
    const before = await runCli(['index', 'verify', 'members', ...entities, ...flags]);
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout)).toMatchObject({
      index: 'byEmail',
      entities: 2,
      missing: 2,
      consistent: false,
    });
    expect(before.stderr).toContain('inconsistent');

    const rebuild = await runCli(['index', 'rebuild', 'members', ...entities, ...flags]);
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.stdout)).toEqual({ index: 'byEmail', entities: 2, written: 2, removed: 0 });

    const after = await runCli(['index', 'verify', 'members', '--index', 'byEmail', ...entities, ...flags]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ entries: 2, valid: 2, consistent: true });
    const found = await new Repository(Member, connection).index('byEmail').find('ada@example.org');
    expect(found.map((m) => m.id)).toEqual(['m1']);
  });

  it('exits 2 for a table no entity maps, an unknown index or entity', async () => {
    const table = await runCli(['index', 'verify', 'nothing', ...entities, ...flags]);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('no entity of --entities maps table nothing');
    const index = await runCli(['index', 'verify', 'members', '--index', 'byAge', ...entities, ...flags]);
    expect(index.code).toBe(2);
    expect(index.stderr).toContain('--index: the entity has no such index (it has: byEmail)');
    const entity = await runCli(['index', 'rebuild', 'members', '--entity', 'Other', ...entities, ...flags]);
    expect(entity.code).toBe(2);
  });
});
