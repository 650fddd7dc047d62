// `scan <table> --entities <module> --where '<json>'` as a child process: entities filtered on the
// server, as JSON lines; --entity picks the class; bad conditions exit 2 naming the --where path.
import { Connection, Repository, syncSchema } from '../../../src';
import { gatewayFlags, runCli } from '../../support/cli';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const { Member } = require('./fixtures/where-entities.cjs');

const prefix = uniquePrefix('cli-where');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
const entities = ['--entities', 'test/integration/cli/fixtures/where-entities.cjs'];
let connection: Connection;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Member]);
  const members = new Repository(Member, connection);
  const member = (id: string, fields: object) => Object.assign(new Member(), { id, ...fields });
  await members.save([
    member('m1', { name: 'Ada', plan: 'pro', age: 36, points: 10n }),
    member('m2', { name: 'Bob', plan: 'free', age: 17 }),
    member('m3', { name: 'Alan', plan: 'pro', age: 15, points: 99n }),
  ]);
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('hbase-mapper scan --where', () => {
  it('filters entities on the server and writes JSON lines', async () => {
    const result = await runCli([
      'scan',
      'members',
      ...entities,
      '--where',
      '{"plan":"pro","age":{"gte":18}}',
      ...flags,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(lines(result.stdout)).toEqual([{ id: 'm1', name: 'Ada', plan: 'pro', age: 36, points: '10' }]);

    const combined = await runCli([
      'scan',
      'members',
      ...entities,
      '--entity',
      'Member',
      '--where',
      '{"or":[{"name":{"startsWith":"B"}},{"points":99}],"not":{"plan":"free"}}',
      '--reverse',
      ...flags,
    ]);
    expect(combined.code).toBe(0);
    expect(lines(combined.stdout).map((m) => m.id)).toEqual(['m3']);

    const all = await runCli([
      'scan',
      'members',
      ...entities,
      '--where',
      '{"plan":{"in":["pro","free"]}}',
      '--limit',
      '2',
      ...flags,
    ]);
    expect(lines(all.stdout).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('exits 2 on bad conditions, naming the flag and the field', async () => {
    const range = await runCli(['scan', 'members', ...entities, '--where', '{"points":{"gt":1}}', ...flags]);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--where\.points.*order-preserving/);
    const unknown = await runCli(['scan', 'members', ...entities, '--where', '{"nope":1}', ...flags]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--where\.nope/);
    const json = await runCli(['scan', 'members', ...entities, '--where', '{plan', ...flags]);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--where: not JSON/);
    const entity = await runCli(['scan', 'members', ...entities, '--entity', 'Other', ...flags]);
    expect(entity.code).toBe(2);
    expect(entity.stderr).toMatch(/--entity: no entity Other/);
    const noModule = await runCli(['scan', 'members', '--where', '{"plan":"pro"}', ...flags]);
    expect(noModule.code).toBe(2);
  });
});
