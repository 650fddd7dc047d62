// `schema diff|sync --entities <module>` as child processes: the plan of a user's entity module,
// the tables created with progress on stderr, nothing left to do afterwards, and the errors for a
// module that cannot be loaded or exports no entity.
import { Connection } from '../../../src';
import { gatewayFlags, runCli } from '../../support/cli';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix('cli-schema');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
const entities = ['--entities', 'test/integration/cli/fixtures/entities.cjs'];

afterAll(async () => {
  const connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await dropPrefixedTables(connection);
  await connection.close();
});

describe('hbase-mapper schema', () => {
  it('diff prints the plan, sync applies it, then diff finds nothing to do', async () => {
    const diff = await runCli(['schema', 'diff', ...entities, ...flags]);
    expect(diff).toMatchObject({ code: 0, stderr: '' });
    expect(diff.stdout).toContain('create table accounts (families info)');
    expect(diff.stdout).toContain('create table audit (families e)');

    const sync = await runCli(['schema', 'sync', ...entities, ...flags]);
    expect(sync.code).toBe(0);
    expect(sync.stderr).toContain('schema: accounts created (1/2)');
    expect(sync.stderr).toContain('schema: audit created (2/2)');
    const tables = await runCli(['tables', '--format', 'json', ...flags]);
    expect(JSON.parse(tables.stdout).sort()).toEqual(['accounts', 'audit']);

    const again = await runCli(['schema', 'diff', ...entities, ...flags]);
    expect(again).toMatchObject({ code: 0, stdout: '', stderr: 'schema: no changes\n' });
  });

  it('imports an ES module with a top-level await (Node refuses to require it)', async () => {
    const diff = await runCli([
      'schema',
      'diff',
      '--entities',
      'test/integration/cli/fixtures/esm-tla/entities.js',
      ...flags,
    ]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('create table esm-accounts (families info)');
  });

  it('exits 1 when the module cannot be loaded, 2 when it exports no entity, 2 without --entities', async () => {
    const missing = await runCli(['schema', 'diff', '--entities', 'nowhere/entities.js', ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^hbase-mapper: --entities: cannot load nowhere\/entities\.js \(/);
    const none = await runCli([
      'schema',
      'diff',
      '--entities',
      'test/integration/cli/fixtures/no-entities.cjs',
      ...flags,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('exports no entity class');
    const without = await runCli(['schema', 'sync', ...flags]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("required option '--entities <module>' not specified");
  });
});
